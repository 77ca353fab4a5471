"""Playback sessions, the live event stream, and the streams (direct, remux, transcode) of
every session."""

from __future__ import annotations

from datetime import timedelta

import attrs
import redis.asyncio as aioredis
from aiohttp import web
from dependency_injector import containers, providers

from revenge_adapters.playback import RedisPlaybackSessions
from revenge_app.config import Config
from revenge_app.playback.streaming import Streaming, build_streaming
from revenge_domain.live_events import LiveEvents
from revenge_domain.movies import MovieCatalogue, MovieWatching
from revenge_domain.playback import CatalogueFiles, WatchProgress
from revenge_domain.playback import Playback as Sessions
from revenge_domain.ports.events import EventBus
from revenge_domain.tvshows import TVViewing, TVWatching


@attrs.frozen
class Playback:
    sessions: Sessions
    # The live event stream (server-sent events), filtered per caller.
    live_events: LiveEvents
    # The streams of the sessions: plans, ffmpeg processes, segments.
    streaming: Streaming


PLAYBACK = web.AppKey("playback", Playback)


def playback_sessions(
    redis: aioredis.Redis,
    events: EventBus,
    config: Config,
    movies: MovieCatalogue,
    movie_watching: MovieWatching,
    episodes: TVViewing,
    tv_watching: TVWatching,
) -> Sessions:
    return Sessions(
        sessions=RedisPlaybackSessions(redis, config.cache.key_prefix),
        media=CatalogueFiles(movies, episodes),
        progress=WatchProgress(movie_watching, tv_watching),
        events=events,
        timeout=timedelta(seconds=config.playback.session_timeout_s),
    )


class PlaybackContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    # What sessions play and where progress goes: the movie and TV catalogues.
    movies = providers.Dependency(instance_of=MovieCatalogue)
    movie_watching = providers.Dependency(instance_of=MovieWatching)
    episodes = providers.Dependency(instance_of=TVViewing)
    tv_watching = providers.Dependency(instance_of=TVWatching)

    sessions = providers.Singleton(
        playback_sessions,
        core.redis,
        core.events,
        core.config,
        movies,
        movie_watching,
        episodes,
        tv_watching,
    )
    live_events = providers.Singleton(LiveEvents, core.events, core.library_access)
    # Files that cannot be played are reported to the activity log.
    streaming = providers.Singleton(build_streaming, core.config, sessions, core.activity_log)
    services = providers.Singleton(
        Playback, sessions=sessions, live_events=live_events, streaming=streaming
    )
