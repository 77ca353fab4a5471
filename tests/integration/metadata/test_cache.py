"""Provider answers read through the two-level cache (Redis up and down)."""

from __future__ import annotations

import pytest
from redis.asyncio import Redis

from revenge_adapters.metadata import TmdbProvider
from revenge_adapters.metadata.cached import (
    CachedMovieProvider,
    CachedPersonProvider,
    CachedTVProvider,
)
from revenge_domain.metadata.errors import ProviderUnavailable
from tests.integration.cache.conftest import OpenCache
from tests.integration.metadata.fake_providers import FakeProvider, settings_of


async def test_a_second_call_is_served_from_the_cache(
    open_cache: OpenCache, tmdb_server: FakeProvider, raw: Redis, key_prefix: str
) -> None:
    cache = await open_cache(name="metadata")
    tmdb = TmdbProvider(settings_of(tmdb_server))
    movies = CachedMovieProvider(tmdb, "tmdb", cache)
    try:
        first = await movies.movie("603", "en")
        second = await movies.movie("603", "en")
    finally:
        await tmdb.close()

    assert first == second
    assert first is not None
    assert first.credits.cast[0].name == "Keanu Reeves"
    assert tmdb_server.hits() == 1
    keys = [k.decode() async for k in raw.scan_iter(match=f"{key_prefix}cache:metadata:*")]
    assert keys == [
        f"{key_prefix}cache:metadata:metadata:tmdb:movie:en:" + keys[0].rsplit(":", 1)[1]
    ]


async def test_another_instance_reads_the_answer_from_redis(
    open_cache: OpenCache, tmdb_server: FakeProvider
) -> None:
    tmdb = TmdbProvider(settings_of(tmdb_server))
    one = CachedTVProvider(tmdb, "tmdb", await open_cache(name="metadata"))
    other = CachedTVProvider(tmdb, "tmdb", await open_cache(name="metadata"))
    try:
        season = await one.season("1396", 1, "en")
        again = await other.season("1396", 1, "en")
    finally:
        await tmdb.close()

    assert again == season
    assert tmdb_server.hits() == 1


async def test_keys_differ_by_language_and_arguments(
    open_cache: OpenCache, tmdb_server: FakeProvider
) -> None:
    cache = await open_cache(name="metadata")
    tmdb = TmdbProvider(settings_of(tmdb_server))
    movies = CachedMovieProvider(tmdb, "tmdb", cache)
    try:
        german = await movies.movie("603", "de")
        english = await movies.movie("603", "en")
        await movies.search_movies("matrix", "en")
        await movies.search_movies("matrix", "en", year=1999)
    finally:
        await tmdb.close()

    assert german is not None
    assert english is not None
    assert (german.title, english.title) == ("Matrix", "The Matrix")
    assert tmdb_server.hits("/search/movie") == 2


async def test_an_unknown_id_is_remembered_and_a_failure_is_not(
    open_cache: OpenCache, tmdb_server: FakeProvider
) -> None:
    cache = await open_cache(name="metadata")
    tmdb = TmdbProvider(settings_of(tmdb_server))
    people = CachedPersonProvider(tmdb, "tmdb", cache)
    try:
        assert await people.person("999", "en") is None
        assert await people.person("999", "en") is None
        tmdb_server.fail_next(502)
        with pytest.raises(ProviderUnavailable):
            await people.person("6384", "en")
        found = await people.person("6384", "en")
    finally:
        await tmdb.close()

    assert found is not None
    assert found.name == "Keanu Reeves"
    assert tmdb_server.hits("/person/999") == 1
    assert tmdb_server.hits("/person/6384") == 2


async def test_with_redis_down_every_call_still_answers(
    open_cache: OpenCache, tmdb_server: FakeProvider
) -> None:
    cache = await open_cache(url="redis://127.0.0.1:1/0", name="metadata")
    tmdb = TmdbProvider(settings_of(tmdb_server))
    movies = CachedMovieProvider(tmdb, "tmdb", cache)
    try:
        first = await movies.collection("2344", "en")
        second = await movies.collection("2344", "en")
    finally:
        await tmdb.close()

    assert first == second
    assert first is not None
    assert first.name == "The Matrix Collection"
