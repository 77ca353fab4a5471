"""Series title search on PostgreSQL (words with a typo, last-word prefix, substring), readable
only."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.movies.search import title_search_sql, title_values
from revenge_adapters.tvshows.sql import READABLE, SERIES_COLUMNS, entity, scope, scoped
from revenge_domain.libraries import Readable
from revenge_domain.tvshows.model import Series


class PgSeriesSearch:
    """`SeriesTitleSearch` with the caller's library filter inside the query."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def search(self, readable: Readable, text: str, limit: int, offset: int) -> list[Series]:
        sql = title_search_sql(SERIES_COLUMNS, "tvshow.series", "s", READABLE, text)
        values = scope(readable, **title_values(text), limit=limit, offset=offset)
        async with self._sessions() as session:
            result = await session.execute(scoped(sql), values)
            return [entity(Series, dict(row)) for row in result.mappings()]
