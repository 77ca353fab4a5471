"""How playback sessions and the live event stream are built from adapters."""

from __future__ import annotations

from datetime import timedelta

import attrs
import redis.asyncio as aioredis

from revenge_adapters.playback import RedisPlaybackSessions
from revenge_app.config import Config
from revenge_app.http.state import UseCases
from revenge_app.streaming.feature import build_streaming
from revenge_domain.activity import NO_ACTIVITY, ActivityLog
from revenge_domain.libraries import LibraryAccess
from revenge_domain.live_events import LiveEvents
from revenge_domain.playback import CatalogueFiles, Playback, WatchProgress
from revenge_domain.ports.events import EventBus


def playback(
    use_cases: UseCases, redis: aioredis.Redis, events: EventBus, config: Config
) -> Playback | None:
    """Sessions over the movie and TV use cases (None when either catalogue is missing)."""
    movies, movie_watching = use_cases.movie_catalogue, use_cases.movie_watching
    episodes, tv_watching = use_cases.tv_viewing, use_cases.tv_watching
    if movies is None or movie_watching is None or episodes is None or tv_watching is None:
        return None
    return Playback(
        sessions=RedisPlaybackSessions(redis, config.cache.key_prefix),
        media=CatalogueFiles(movies, episodes),
        progress=WatchProgress(movie_watching, tv_watching),
        events=events,
        timeout=timedelta(seconds=config.playback.session_timeout_s),
    )


def with_playback(
    use_cases: UseCases,
    redis: aioredis.Redis,
    events: EventBus,
    access: LibraryAccess,
    config: Config,
    activity: ActivityLog = NO_ACTIVITY,
) -> UseCases:
    """`use_cases` plus playback sessions and the live event stream; files that cannot be
    played are reported to `activity`."""
    sessions = playback(use_cases, redis, events, config)
    return attrs.evolve(
        use_cases,
        playback=sessions,
        live_events=LiveEvents(events, access),
        streaming=build_streaming(config, sessions, activity),
    )
