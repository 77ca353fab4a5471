"""The whole app over PostgreSQL and Redis (jobs only recorded), and a catalogue of two
libraries: a viewer may read A, never B."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import asyncpg
import attrs
import pytest
from sqlalchemy import event

from revenge_app.config import Config
from revenge_app.registry import resolved
from tests.integration.app_server import Account, Server, app_server, signed_up


@attrs.define
class Statements:
    """SQL statements the app's engine ran since the last `clear`."""

    seen: list[str] = attrs.Factory(list)

    def clear(self) -> None:
        self.seen.clear()

    def writes(self) -> list[str]:
        return [sql for sql in self.seen if sql.lstrip().upper().startswith("INSERT")]


@pytest.fixture
async def server(config: Config) -> AsyncIterator[Server]:
    async with app_server(config, run_jobs=False) as running:
        yield running


@pytest.fixture
async def statements(server: Server) -> AsyncIterator[Statements]:
    engine = await resolved(server.container.core.engine())
    seen = Statements()

    def record(*args: Any) -> None:
        seen.seen.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine.sync_engine, "before_cursor_execute", record)


@attrs.frozen
class Show:
    """One series with two seasons (specials and season 1) and their episodes."""

    id: UUID
    library_id: UUID
    seasons: dict[int, UUID]
    episodes: dict[tuple[int, int], UUID]


@attrs.frozen
class Catalogue:
    viewer: Account
    a: Show
    b: Show


async def _library(connection: asyncpg.Connection) -> UUID:
    name = f"TV {secrets.token_hex(4)}"
    library_id: UUID = await connection.fetchval(
        "INSERT INTO public.libraries (name, type) VALUES ($1, 'tvshow') RETURNING id", name
    )
    return library_id


async def _show(connection: asyncpg.Connection, title: str) -> Show:
    library_id = await _library(connection)
    series_id: UUID = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title, popularity, vote_average)"
        " VALUES ($1, $2, 10, 8.5) RETURNING id",
        library_id,
        title,
    )
    seasons, episodes = {}, {}
    for number, count in ((0, 1), (1, 3), (2, 2)):
        season_id = await connection.fetchval(
            "INSERT INTO tvshow.seasons (series_id, season_number, name, episode_count)"
            " VALUES ($1, $2, $3, $4) RETURNING id",
            series_id,
            number,
            f"Season {number}",
            count,
        )
        seasons[number] = season_id
        for episode in range(1, count + 1):
            episodes[(number, episode)] = await connection.fetchval(
                "INSERT INTO tvshow.episodes (series_id, season_id, season_number,"
                " episode_number, title, runtime) VALUES ($1, $2, $3, $4, $5, 40) RETURNING id",
                series_id,
                season_id,
                number,
                episode,
                f"Episode {episode}",
            )
    await _extras(connection, series_id)
    return Show(series_id, library_id, seasons, episodes)


async def _extras(connection: asyncpg.Connection, series_id: UUID) -> None:
    person = await connection.fetchval(
        "INSERT INTO shared.people (name) VALUES ('Ada Actor') RETURNING id"
    )
    await connection.execute(
        "INSERT INTO tvshow.series_credits (series_id, person_id, tmdb_person_id, name,"
        " credit_type, character, cast_order) VALUES ($1, $2, 1, 'Ada Actor', 'cast', 'Hero', 0)",
        series_id,
        person,
    )
    await connection.execute(
        "INSERT INTO tvshow.series_credits (series_id, tmdb_person_id, name, credit_type, job,"
        " department) VALUES ($1, 2, 'Dee Director', 'crew', 'Director', 'Directing')",
        series_id,
    )
    await connection.execute(
        "INSERT INTO tvshow.series_genres (series_id, name, slug) VALUES ($1, 'Drama', 'drama')",
        series_id,
    )
    network = await connection.fetchval(
        "INSERT INTO tvshow.networks (name) VALUES ('Channel') RETURNING id"
    )
    await connection.execute(
        "INSERT INTO tvshow.series_networks (series_id, network_id) VALUES ($1, $2)",
        series_id,
        network,
    )


@pytest.fixture
async def catalogue(server: Server) -> Catalogue:
    await signed_up(server)  # the first account of a server is an admin; the viewer is not
    viewer = await signed_up(server)
    connection = await asyncpg.connect(server.pg_url)
    try:
        a = await _show(connection, f"Alpha {secrets.token_hex(3)}")
        b = await _show(connection, f"Beta {secrets.token_hex(3)}")
        await connection.execute(
            "INSERT INTO public.library_permissions (library_id, user_id, permission)"
            " VALUES ($1, $2, 'view')",
            a.library_id,
            viewer.user_id,
        )
    finally:
        await connection.close()
    return Catalogue(viewer, a, b)
