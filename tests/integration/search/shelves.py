"""A small catalogue written straight to PostgreSQL, indexed into a real Typesense with the
catalogue's schemas and document builder, and the app searching over both."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator
from uuid import UUID

import asyncpg
import attrs
from dependency_injector import providers
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.cache import TwoLevelCache
from revenge_adapters.postgres import create_session_factory
from revenge_adapters.search import TypesenseSearchIndex
from revenge_adapters.search.documents import PgSearchDocuments
from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.registry import resolved
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search.catalog import COLLECTIONS
from tests.integration.app_server import Server, app_server


@attrs.frozen
class Catalogue:
    """The ids written, by kind; `tag` makes this run's titles unique in a shared database."""

    tag: str
    libraries: dict[str, UUID]
    ids: dict[Entity, list[UUID]]


async def _library(connection: asyncpg.Connection, kind: str) -> UUID:
    library_id: UUID = await connection.fetchval(
        "INSERT INTO public.libraries (name, type, paths) VALUES ($1, $2, '{/media}') RETURNING id",
        f"Search {secrets.token_hex(5)}",
        kind,
    )
    return library_id


async def _movie(
    connection: asyncpg.Connection, library: UUID, title: str, year: int, genre: str
) -> UUID:
    movie_id: UUID = await connection.fetchval(
        "INSERT INTO movie.movies (library_id, title, year, popularity) "
        "VALUES ($1, $2, $3, $3 - 1990) RETURNING id",
        library,
        title,
        year,
    )
    await connection.execute(
        "INSERT INTO movie.movie_genres (movie_id, name, slug) VALUES ($1, $2, lower($2))",
        movie_id,
        genre,
    )
    return movie_id


async def _credit(connection: asyncpg.Connection, movie_id: UUID, name: str) -> UUID:
    person_id: UUID = await connection.fetchval(
        "INSERT INTO shared.people (name) VALUES ($1) RETURNING id", name
    )
    await connection.execute(
        "INSERT INTO movie.movie_credits (movie_id, person_id, credit_type, character) "
        "VALUES ($1, $2, 'cast', 'Hero')",
        movie_id,
        person_id,
    )
    return person_id


async def credit_again(
    connection: asyncpg.Connection, movie_id: UUID, person_id: UUID, character: str
) -> None:
    """One more cast credit of an existing person."""
    await connection.execute(
        "INSERT INTO movie.movie_credits (movie_id, person_id, credit_type, character) "
        "VALUES ($1, $2, 'cast', $3)",
        movie_id,
        person_id,
        character,
    )


async def _series(connection: asyncpg.Connection, library: UUID, title: str) -> list[UUID]:
    """A series with one season and one episode: [series, season, episode]."""
    series_id = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title, popularity) VALUES ($1, $2, 5) RETURNING id",
        library,
        title,
    )
    season_id = await connection.fetchval(
        "INSERT INTO tvshow.seasons (series_id, season_number, name) "
        "VALUES ($1, 1, 'Season 1') RETURNING id",
        series_id,
    )
    episode_id = await connection.fetchval(
        "INSERT INTO tvshow.episodes (series_id, season_id, season_number, episode_number, "
        "title) VALUES ($1, $2, 1, 1, $3) RETURNING id",
        series_id,
        season_id,
        f"{title} Pilot",
    )
    return [series_id, season_id, episode_id]


async def write_catalogue(connection: asyncpg.Connection) -> Catalogue:
    """Movies in `open` and `secret`, shows in `tv` and `secret_tv`; people credited in each
    movie library. Every title carries the run's tag."""
    tag = secrets.token_hex(3)
    libraries = {
        "open": await _library(connection, "movie"),
        "secret": await _library(connection, "movie"),
        "tv": await _library(connection, "tvshow"),
        "secret_tv": await _library(connection, "tvshow"),
    }
    spider = await _movie(connection, libraries["open"], f"Spider-Man {tag}", 2002, "Action")
    sequel = await _movie(connection, libraries["open"], f"Spider-Man 2 {tag}", 2004, "Action")
    hidden = await _movie(connection, libraries["secret"], f"Spider-Man Noir {tag}", 2020, "Noir")
    people = [
        await _credit(connection, spider, f"Tobey Maguire {tag}"),
        await _credit(connection, hidden, f"Nicolas Cage {tag}"),
    ]
    shown = await _series(connection, libraries["tv"], f"Spider Tales {tag}")
    secret = await _series(connection, libraries["secret_tv"], f"Spider Secrets {tag}")
    ids = {
        Entity.MOVIE: [spider, sequel, hidden],
        Entity.PERSON: people,
        Entity.SERIES: [shown[0], secret[0]],
        Entity.SEASON: [shown[1], secret[1]],
        Entity.EPISODE: [shown[2], secret[2]],
    }
    return Catalogue(tag, libraries, ids)


COLLECTION_OF = {
    Entity.MOVIE: "movies",
    Entity.SERIES: "tvshows",
    Entity.SEASON: "seasons",
    Entity.EPISODE: "episodes",
    Entity.PERSON: "people",
}


async def index_catalogue(
    index: TypesenseSearchIndex, engine: AsyncEngine, catalogue: Catalogue
) -> None:
    """Create the collections and load the catalogue's documents as the indexer builds them."""
    documents = PgSearchDocuments(create_session_factory(engine))
    for collection in COLLECTIONS:
        await index.ensure(collection.schema)
    for entity, ids in catalogue.ids.items():
        built = await documents.documents(entity, ids)
        result = await index.upsert(COLLECTION_OF[entity], built)
        assert (result.imported, result.errors) == (len(ids), ())


@attrs.frozen
class SearchApp:
    server: Server
    cache: TwoLevelCache


@contextlib.asynccontextmanager
async def search_server(
    config: Config, index: TypesenseSearchIndex | None
) -> AsyncIterator[SearchApp]:
    """The whole app (jobs only recorded) searching through `index` (None: the database)."""

    def searching(container: Container) -> None:
        container.core.search_index.override(providers.Object(index))

    async with app_server(config, searching, run_jobs=False) as server:
        cache = await resolved(server.container.core.catalog_cache())
        yield SearchApp(server, cache)
