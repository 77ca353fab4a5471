"""The whole app over PostgreSQL and Redis, with short playback sessions, what it reports to the
activity log recorded, and another instance's event bus on the same Redis; the playback cleanup
job runs through the features' handlers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import attrs
from dependency_injector import providers

from revenge_adapters.cache import redis_client
from revenge_adapters.events import RedisEventBus
from revenge_app.config import Config, PlaybackConfig
from revenge_app.container import Container
from revenge_app.playback.container import PLAYBACK
from revenge_app.playback.streaming import Streaming
from revenge_domain.live_events import LiveEvents
from tests.integration.app_server import Server, app_server
from tests.unit.activity.fakes import RecordedActivity

SHORT = PlaybackConfig(session_timeout_s=3.0, events_keepalive_s=0.3)


@attrs.frozen
class PlaybackServer:
    server: Server
    # Another instance's bus on the same Redis: what it publishes reaches this server's clients.
    other_instance: RedisEventBus
    live: LiveEvents
    streaming: Streaming | None = None
    activity: RecordedActivity = attrs.field(factory=RecordedActivity)


@contextlib.asynccontextmanager
async def playback_server(config: Config) -> AsyncIterator[PlaybackServer]:
    activity = RecordedActivity()

    def recorded(container: Container) -> None:
        container.core.activity_log.override(providers.Object(activity))

    async with contextlib.AsyncExitStack() as stack:
        other = redis_client(config.cache.url)
        stack.push_async_callback(other.aclose)
        other_bus = RedisEventBus(other, config.cache.key_prefix)
        await other_bus.start()
        stack.push_async_callback(other_bus.close)
        server = await stack.enter_async_context(app_server(config, recorded))
        playback = server.features.state[PLAYBACK]
        yield PlaybackServer(server, other_bus, playback.live_events, playback.streaming, activity)
