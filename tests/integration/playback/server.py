"""The real app over PostgreSQL and Redis with movies, TV shows, playback sessions and the live
event stream wired in; the playback cleanup job runs through the job handlers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import attrs
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner
from revenge_adapters.libraries import PgLibraryAccess
from revenge_adapters.postgres import create_session_factory
from revenge_app.config import Config, PlaybackConfig
from revenge_app.http import HttpDeps, create_app
from revenge_app.jobs.handlers import JobServices, build_handlers
from revenge_app.playback.streaming import Streaming
from revenge_app.wiring import (
    auth_rules,
    identity_use_cases,
    with_libraries,
    with_movies,
    with_tvshows,
)
from revenge_app.wiring_playback import with_playback
from revenge_domain.live_events import LiveEvents
from tests.integration.app_server import SIGNING_SECRET, Server
from tests.integration.support import CHEAP
from tests.unit.activity.fakes import RecordedActivity
from tests.unit.fakes.jobs import FakeDeadLetterStore, FakeJobQueue

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
async def playback_server(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str, config: Config | None = None
) -> AsyncIterator[PlaybackServer]:
    config = attrs.evolve(
        config or Config(playback=SHORT), cache=attrs.evolve(Config().cache, key_prefix=key_prefix)
    )
    sessions = create_session_factory(engine)
    async with contextlib.AsyncExitStack() as stack:
        redis, other = redis_client(redis_url), redis_client(redis_url)
        stack.push_async_callback(redis.aclose)
        stack.push_async_callback(other.aclose)
        bus, other_bus = RedisEventBus(redis, key_prefix), RedisEventBus(other, key_prefix)
        for each in (bus, other_bus):
            await each.start()
            stack.push_async_callback(each.close)
        cache = TwoLevelCache(redis, bus, name="catalog", key_prefix=key_prefix)
        # Validated sign-in sessions are cached as the production container does.
        credentials = TwoLevelCache(redis, bus, name="credentials", key_prefix=key_prefix)
        for each_cache in (cache, credentials):
            await each_cache.start()
            stack.push_async_callback(each_cache.close)
        base = identity_use_cases(
            sessions,
            Argon2PasswordHasher(CHEAP),
            JwtTokenSigner(SIGNING_SECRET),
            auth_rules(config),
            credentials=credentials,
        )
        access = PgLibraryAccess(sessions, cache)
        activity = RecordedActivity()
        use_cases = with_libraries(base, sessions, access, activity)
        use_cases = with_movies(use_cases, sessions, access, cache)
        use_cases = with_tvshows(use_cases, sessions, access, cache)
        use_cases = with_playback(use_cases, redis, bus, access, config, activity)
        services = JobServices(FakeDeadLetterStore(), playback=use_cases.playback)
        queue = FakeJobQueue(build_handlers(services))
        app = create_app(config, HttpDeps(use_cases=use_cases))
        client = await stack.enter_async_context(TestClient(TestServer(app)))
        assert use_cases.live_events is not None
        yield PlaybackServer(
            Server(client, queue, pg_url),
            other_bus,
            use_cases.live_events,
            use_cases.streaming,
            activity,
        )
