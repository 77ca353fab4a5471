"""Reported catalogue changes reach the server's cached answers through Redis: after a write
and its report (here from another process's cache), the next read is fresh; without the
report it would still be the cached one."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

import asyncpg

from revenge_domain.catalog_cache import CatalogCacheFollower
from revenge_domain.ports.catalog_changes import Entity
from tests.integration.app_server import Account, Server, signed_up
from tests.integration.cache.helpers import value_becomes
from tests.integration.movies.catalog import grant_view, shelf

MOVIES, TV = "/api/v1/movies", "/api/v1/tvshows"


async def got(server: Server, account: Account, path: str, status: int = 200) -> Any:
    response = await server.client.get(path, headers=account.headers)
    assert response.status == status, await response.text()
    return await response.json()


def reader(
    server: Server, account: Account, path: str, pick: Callable[[Any], Any]
) -> Callable[[], Awaitable[Any]]:
    async def read() -> Any:
        return pick(await got(server, account, path))

    return read


async def people(server: Server, connection: asyncpg.Connection, library_id: UUID) -> list[Account]:
    """An administrator (reads everything) and a viewer of the library."""
    admin = await signed_up(server, admin=True)
    viewer = await signed_up(server)
    await grant_view(connection, library_id, viewer.user_id)
    return [admin, viewer]


def titles(body: dict[str, Any]) -> list[str]:
    return sorted(item["title"] for item in body["items"])


async def test_a_reported_movie_change_refreshes_its_detail_and_the_lists(
    server: Server, connection: asyncpg.Connection, worker: CatalogCacheFollower
) -> None:
    films = await shelf(connection, 2)
    movie_id, old = films.movie_ids[0], f"Before {secrets.token_hex(3)}"
    await connection.execute("UPDATE movie.movies SET title = $2 WHERE id = $1", movie_id, old)
    callers = await people(server, connection, films.library_id)
    reads = [
        (reader(server, who, f"{MOVIES}/{movie_id}", lambda body: body["title"]), who)
        for who in callers
    ]
    lists = [reader(server, who, f"{MOVIES}?limit=100", titles) for who in callers]
    for read, _ in reads:
        assert await read() == old
    listed = [await read() for read in lists]

    new = f"After {secrets.token_hex(3)}"
    await connection.execute("UPDATE movie.movies SET title = $2 WHERE id = $1", movie_id, new)
    for read, _ in reads:
        assert await read() == old  # still the cached answer

    await worker.changed(Entity.MOVIE, [movie_id])
    for read, _ in reads:
        await value_becomes(read, new)
    for read, before in zip(lists, listed, strict=True):
        assert await read() == sorted(new if title == old else title for title in before)


async def test_a_reported_person_change_refreshes_credits(
    server: Server, connection: asyncpg.Connection, worker: CatalogCacheFollower
) -> None:
    films = await shelf(connection, 1)
    admin, _ = await people(server, connection, films.library_id)
    cast = reader(
        server, admin, f"{MOVIES}/{films.movie_ids[0]}/cast", lambda body: body["items"][0]["name"]
    )
    assert await cast() == "Ada Actor"
    person_id = await connection.fetchval(
        "UPDATE shared.people p SET name = 'Ada Renamed' FROM movie.movie_credits c"
        " WHERE c.person_id = p.id AND c.movie_id = $1 RETURNING p.id",
        films.movie_ids[0],
    )

    await worker.changed(Entity.PERSON, [person_id])

    await value_becomes(cast, "Ada Renamed")


async def test_a_removed_movie_is_gone_at_once(
    server: Server, connection: asyncpg.Connection, worker: CatalogCacheFollower
) -> None:
    films = await shelf(connection, 1)
    admin, viewer = await people(server, connection, films.library_id)
    movie_id = films.movie_ids[0]
    for who in (admin, viewer):
        await got(server, who, f"{MOVIES}/{movie_id}")
    await connection.execute("UPDATE movie.movies SET deleted_at = now() WHERE id = $1", movie_id)

    await worker.removed(Entity.MOVIE, [movie_id])

    for who in (admin, viewer):

        async def status(who: Account = who) -> int:
            response = await server.client.get(f"{MOVIES}/{movie_id}", headers=who.headers)
            return response.status

        await value_becomes(status, 404)


async def test_reported_series_season_and_episode_changes_refresh_tv_answers(
    server: Server, connection: asyncpg.Connection, worker: CatalogCacheFollower
) -> None:
    library_id = await connection.fetchval(
        "INSERT INTO public.libraries (name, type) VALUES ($1, 'tvshow') RETURNING id",
        f"TV {secrets.token_hex(4)}",
    )
    series_id = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title) VALUES ($1, 'Old Show') RETURNING id",
        library_id,
    )
    season_id = await connection.fetchval(
        "INSERT INTO tvshow.seasons (series_id, season_number, name, episode_count)"
        " VALUES ($1, 1, 'Season 1', 1) RETURNING id",
        series_id,
    )
    episode_id = await connection.fetchval(
        "INSERT INTO tvshow.episodes (series_id, season_id, season_number, episode_number, title)"
        " VALUES ($1, $2, 1, 1, 'Pilot') RETURNING id",
        series_id,
        season_id,
    )
    admin, viewer = await people(server, connection, library_id)
    show = reader(server, viewer, f"{TV}/{series_id}", lambda body: body["title"])
    seasons = reader(server, viewer, f"{TV}/{series_id}/seasons", lambda body: len(body))
    episode = reader(server, admin, f"{TV}/episodes/{episode_id}", lambda body: body["title"])
    episodes = reader(
        server, admin, f"{TV}/seasons/{season_id}/episodes", lambda body: body[0]["title"]
    )
    assert (await show(), await seasons(), await episode(), await episodes()) == (
        "Old Show",
        1,
        "Pilot",
        "Pilot",
    )

    await connection.execute("UPDATE tvshow.series SET title = 'New Show' WHERE id = $1", series_id)
    new_season = await connection.fetchval(
        "INSERT INTO tvshow.seasons (series_id, season_number, name, episode_count)"
        " VALUES ($1, 2, 'Season 2', 0) RETURNING id",
        series_id,
    )
    await connection.execute(
        "UPDATE tvshow.episodes SET title = 'Opener' WHERE id = $1", episode_id
    )
    assert (await show(), await seasons(), await episode()) == ("Old Show", 1, "Pilot")

    await worker.changed(Entity.SERIES, [series_id])
    await worker.changed(Entity.SEASON, [new_season])
    await worker.changed(Entity.EPISODE, [episode_id])

    await value_becomes(show, "New Show")
    await value_becomes(seasons, 2)
    await value_becomes(episode, "Opener")
    await value_becomes(episodes, "Opener")


async def test_deleting_a_library_drops_its_cached_titles(
    server: Server, connection: asyncpg.Connection
) -> None:
    films = await shelf(connection, 1)
    admin, viewer = await people(server, connection, films.library_id)
    movie_id = films.movie_ids[0]
    before = (await got(server, admin, f"{MOVIES}?limit=100"))["total"]
    await got(server, admin, f"{MOVIES}/{movie_id}")

    response = await server.client.delete(
        f"/api/v1/libraries/{films.library_id}", headers=admin.headers
    )

    assert response.status == 204
    await got(server, admin, f"{MOVIES}/{movie_id}", 404)
    await got(server, viewer, f"{MOVIES}/{movie_id}", 404)
    assert (await got(server, admin, f"{MOVIES}?limit=100"))["total"] == before - 1
