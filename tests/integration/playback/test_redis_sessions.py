"""The Redis session store: what it keeps, what it counts, and failing as the feature's own
error when Redis cannot be reached."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import attrs
import pytest
from redis.asyncio import Redis

from revenge_adapters.cache import redis_client
from revenge_adapters.metrics import REGISTRY
from revenge_adapters.playback import RedisPlaybackSessions
from revenge_domain.playback import MediaType, PlayableFile, PlaybackSession, PlaybackUnavailable
from revenge_domain.streaming import ClientProfile


def session(expires_in: timedelta) -> PlaybackSession:
    now = datetime.now(UTC)
    file = PlayableFile(uuid.uuid4(), 10, 600, "720p", "aac", 2, ("eng",), ("deu",))
    return PlaybackSession(
        uuid.uuid4(),
        uuid.uuid4(),
        MediaType.EPISODE,
        uuid.uuid4(),
        file,
        30,
        0,
        1,
        now,
        now + expires_in,
    )


@pytest.fixture
async def client(redis_url: str) -> AsyncIterator[Redis]:
    client = redis_client(redis_url)
    yield client
    await client.aclose()


async def test_sessions_round_trip_and_are_counted_until_they_expire(
    client: Redis, key_prefix: str
) -> None:
    store = RedisPlaybackSessions(client, key_prefix)
    live, gone = session(timedelta(minutes=5)), session(timedelta(seconds=-1))
    await store.save(live)
    await store.save(gone)
    assert await store.get(live.id) == live
    assert [s.id for s in await store.expired(datetime.now(UTC))] == [gone.id]
    assert await store.active_count(datetime.now(UTC)) == 1
    assert REGISTRY.get_sample_value("revenge_playback_active_sessions") == 1
    assert await store.delete(gone.id)
    assert not await store.delete(gone.id)
    assert await store.get(gone.id) is None
    assert 3000 < await client.ttl(f"{key_prefix}playback:{live.id}") <= 3600 + 300


async def test_a_sessions_client_profile_and_error_are_kept(client: Redis, key_prefix: str) -> None:
    store = RedisPlaybackSessions(client, key_prefix)
    apple = ClientProfile.from_user_agent("AppleCoreMedia/1.0")
    for profile in (ClientProfile(video_codecs=["h264"], max_height=720), apple):
        kept = attrs.evolve(session(timedelta(minutes=5)), client_profile=profile, error="gone")
        await store.save(kept)
        assert await store.get(kept.id) == kept


async def test_an_unreachable_redis_is_the_features_own_failure() -> None:
    client = redis_client("redis://127.0.0.1:1/0", timeout_s=0.5)
    store = RedisPlaybackSessions(client)
    try:
        with pytest.raises(PlaybackUnavailable):
            await store.get(uuid.uuid4())
        with pytest.raises(PlaybackUnavailable):
            await store.save(session(timedelta(minutes=1)))
    finally:
        await client.aclose()
