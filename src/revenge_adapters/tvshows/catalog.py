"""The `TVCatalog` port on PostgreSQL: every query joins the series and keeps readable ones."""

# ruff: noqa: S608 - only module constants are put into the SQL text; values are bound.

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.tvshows.sql import (
    EPISODE_COLUMNS,
    READABLE,
    SEASON_COLUMNS,
    SERIES_COLUMNS,
    entity,
    scope,
    scoped,
)
from revenge_domain.credits import CreditKind
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import Readable
from revenge_domain.tvshows.model import (
    Credit,
    Episode,
    Genre,
    Network,
    Page,
    Season,
    Series,
    SeriesOrder,
)

T = TypeVar("T")

_ORDER = {
    SeriesOrder.CREATED_AT: "s.created_at DESC",
    SeriesOrder.TITLE: "lower(s.title) ASC",
    SeriesOrder.FIRST_AIR_DATE: "s.first_air_date DESC NULLS LAST",
    SeriesOrder.VOTE_AVERAGE: "s.vote_average DESC NULLS LAST",
    SeriesOrder.POPULARITY: "s.popularity DESC NULLS LAST",
}
_CREDIT_ORDER = {
    CreditKind.CAST: "c.cast_order ASC NULLS LAST, c.name, c.id",
    CreditKind.CREW: "c.department ASC NULLS LAST, c.name, c.id",
}
_VISIBLE = f"SELECT s.id FROM tvshow.series s WHERE s.id = :series_id AND {READABLE}"


class PgTVCatalog:
    """Series, seasons, episodes, credits, genres and networks from schema `tvshow`."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def _rows(self, sql: str, readable: Readable, **params: Any) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            result = await session.execute(scoped(sql), scope(readable, **params))
            return [dict(row) for row in result.mappings()]

    async def _all(self, kind: type[T], sql: str, readable: Readable, **params: Any) -> list[T]:
        return [entity(kind, row) for row in await self._rows(sql, readable, **params)]

    async def _one(self, kind: type[T], sql: str, readable: Readable, **params: Any) -> T | None:
        found = await self._all(kind, sql, readable, **params)
        return found[0] if found else None

    async def _of_series(
        self, kind: type[T], sql: str, readable: Readable, series_id: UUID
    ) -> list[T] | None:
        """Rows of a readable series; None when the series is not readable (both statements
        in one session)."""
        params = scope(readable, series_id=series_id)
        async with self._sessions() as session:
            if (await session.execute(scoped(_VISIBLE), params)).first() is None:
                return None
            result = await session.execute(scoped(sql), params)
            return [entity(kind, dict(row)) for row in result.mappings()]

    async def series_page(
        self,
        readable: Readable,
        order: SeriesOrder,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[Series]:
        sql = f"""
            SELECT {SERIES_COLUMNS}, count(*) OVER () AS total
            FROM tvshow.series s WHERE {READABLE}
            ORDER BY {_ORDER[order]}, s.id LIMIT :limit OFFSET :offset
        """
        rows = await self._rows(sql, readable, limit=limit, offset=offset, language=language)
        total = int(rows[0]["total"]) if rows else 0
        if not rows and offset > 0:
            total = await self._count(readable)
        return Page([entity(Series, _without_total(row)) for row in rows], total)

    async def _count(self, readable: Readable) -> int:
        rows = await self._rows(
            f"SELECT count(*) AS n FROM tvshow.series s WHERE {READABLE}", readable
        )
        return int(rows[0]["n"])

    async def series(
        self, readable: Readable, series_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Series | None:
        sql = f"SELECT {SERIES_COLUMNS} FROM tvshow.series s WHERE s.id = :id AND {READABLE}"
        return await self._one(Series, sql, readable, id=series_id, language=language)

    async def seasons(self, readable: Readable, series_id: UUID) -> list[Season] | None:
        sql = f"""
            SELECT {SEASON_COLUMNS} FROM tvshow.seasons n
            JOIN tvshow.series s ON s.id = n.series_id
            WHERE n.series_id = :series_id AND {READABLE} ORDER BY n.season_number
        """
        return await self._of_series(Season, sql, readable, series_id)

    async def season(self, readable: Readable, season_id: UUID) -> Season | None:
        sql = f"""
            SELECT {SEASON_COLUMNS} FROM tvshow.seasons n
            JOIN tvshow.series s ON s.id = n.series_id WHERE n.id = :id AND {READABLE}
        """
        return await self._one(Season, sql, readable, id=season_id)

    async def season_episodes(self, readable: Readable, season_id: UUID) -> list[Episode] | None:
        if await self.season(readable, season_id) is None:
            return None
        sql = f"""
            SELECT {EPISODE_COLUMNS} FROM tvshow.episodes e
            JOIN tvshow.series s ON s.id = e.series_id
            WHERE e.season_id = :id AND {READABLE} ORDER BY e.episode_number, e.id
        """
        return await self._all(Episode, sql, readable, id=season_id)

    async def episode(self, readable: Readable, episode_id: UUID) -> Episode | None:
        sql = f"""
            SELECT {EPISODE_COLUMNS} FROM tvshow.episodes e
            JOIN tvshow.series s ON s.id = e.series_id WHERE e.id = :id AND {READABLE}
        """
        return await self._one(Episode, sql, readable, id=episode_id)

    async def credits(
        self, readable: Readable, series_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit] | None:
        if not await self._rows(_VISIBLE, readable, series_id=series_id):
            return None
        sql = f"""
            SELECT c.id, c.series_id, c.tmdb_person_id, c.name, c.credit_type, c.created_at,
                c.updated_at, c.person_id, c.character, c.cast_order, c.job, c.department,
                c.profile_path, count(*) OVER () AS total
            FROM tvshow.series_credits c JOIN tvshow.series s ON s.id = c.series_id
            WHERE c.series_id = :series_id AND c.credit_type = :kind AND {READABLE}
            ORDER BY {_CREDIT_ORDER[kind]} LIMIT :limit OFFSET :offset
        """
        rows = await self._rows(
            sql, readable, series_id=series_id, kind=kind.value, limit=limit, offset=offset
        )
        total = int(rows[0]["total"]) if rows else 0
        if not rows and offset > 0:
            total = await self._credit_count(readable, series_id, kind)
        return Page([entity(Credit, _without_total(row)) for row in rows], total)

    async def _credit_count(self, readable: Readable, series_id: UUID, kind: CreditKind) -> int:
        sql = f"""
            SELECT count(*) AS n FROM tvshow.series_credits c
            JOIN tvshow.series s ON s.id = c.series_id
            WHERE c.series_id = :series_id AND c.credit_type = :kind AND {READABLE}
        """
        rows = await self._rows(sql, readable, series_id=series_id, kind=kind.value)
        return int(rows[0]["n"])

    async def genres(self, readable: Readable, series_id: UUID) -> list[Genre] | None:
        sql = f"""
            SELECT g.id, g.series_id, g.slug, g.name, g.created_at
            FROM tvshow.series_genres g JOIN tvshow.series s ON s.id = g.series_id
            WHERE g.series_id = :series_id AND {READABLE} ORDER BY g.name, g.id
        """
        return await self._of_series(Genre, sql, readable, series_id)

    async def networks(self, readable: Readable, series_id: UUID) -> list[Network] | None:
        sql = f"""
            SELECT k.id, k.name, k.created_at, k.updated_at, k.tmdb_id, k.logo_path,
                k.origin_country
            FROM tvshow.networks k
            JOIN tvshow.series_networks sn ON sn.network_id = k.id
            JOIN tvshow.series s ON s.id = sn.series_id
            WHERE sn.series_id = :series_id AND {READABLE} ORDER BY k.name, k.id
        """
        return await self._of_series(Network, sql, readable, series_id)


def _without_total(row: dict[str, Any]) -> dict[str, Any]:
    row.pop("total", None)
    return row
