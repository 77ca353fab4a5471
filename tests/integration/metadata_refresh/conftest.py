"""The refresh over real PostgreSQL: a migrated database, the PostgreSQL catalogue writers and
refresh log, a fake TMDb port, recorded catalogue changes and an in-memory job queue."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from uuid import UUID

import asyncpg
import attrs
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.movies.enrichment import PgMovieMetadataStore
from revenge_adapters.people import PgPersonMetadataStore
from revenge_adapters.postgres import create_session_factory
from revenge_adapters.refresh_log import PgRefreshLog
from revenge_adapters.tvshows.enrichment import PgSeriesMetadataStore
from revenge_domain.metadata.refresh import (
    MetadataRefresh,
    RefreshContext,
    RefreshEpisode,
    RefreshMovie,
    RefreshPerson,
    RefreshSeason,
    RefreshSeries,
)
from revenge_domain.metadata.refresh.enrich import EnrichTitles
from tests.integration.metadata.fake_providers import FakeProvider, fake_tmdb, running
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.metadata_refresh.fakes import FakeArtwork, FakeRatings, FakeTmdb


@pytest.fixture
async def local_tmdb() -> AsyncIterator[FakeProvider]:
    """The local server answering like TMDb, for the production adapter."""
    async with running(fake_tmdb()) as server:
        yield server


@attrs.define
class Refreshing:
    """The refresh use cases over PostgreSQL, with what they reported and queued."""

    refresh: MetadataRefresh
    tmdb: FakeTmdb
    ratings: FakeRatings
    artwork: FakeArtwork
    changes: RecordedChanges
    queue: FakeJobQueue


@pytest.fixture
def refreshing(engine: AsyncEngine) -> Refreshing:
    sessions = create_session_factory(engine)
    tmdb, ratings, artwork = FakeTmdb(), FakeRatings(), FakeArtwork()
    changes, queue = RecordedChanges(), FakeJobQueue()
    context = RefreshContext(PgRefreshLog(sessions), changes, queue)
    movies, series = PgMovieMetadataStore(sessions), PgSeriesMetadataStore(sessions)
    refresh = MetadataRefresh(
        movie=RefreshMovie(movies, context, tmdb),
        series=RefreshSeries(series, context, tmdb),
        season=RefreshSeason(series, context, tmdb),
        episode=RefreshEpisode(series, context, tmdb),
        person=RefreshPerson(PgPersonMetadataStore(sessions), context, tmdb),
        enrich=EnrichTitles(movies, series, context, ratings, artwork),
    )
    return Refreshing(refresh, tmdb, ratings, artwork, changes, queue)


async def library(connection: asyncpg.Connection, kind: str) -> UUID:
    library_id: UUID = await connection.fetchval(
        "INSERT INTO public.libraries (name, type, paths) VALUES ($1, $2, '{/media}') RETURNING id",
        f"Library {secrets.token_hex(4)}",
        kind,
    )
    return library_id


async def a_movie(
    connection: asyncpg.Connection, title: str, year: int | None, overview: str | None = None
) -> UUID:
    """A movie as a scan leaves it: title and year from the file name, maybe an .nfo overview."""
    movie_id: UUID = await connection.fetchval(
        "INSERT INTO movie.movies (library_id, title, year, overview) VALUES ($1, $2, $3, $4)"
        " RETURNING id",
        await library(connection, "movie"),
        title,
        year,
        overview,
    )
    return movie_id
