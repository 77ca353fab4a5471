"""The `SearchDocuments` port on PostgreSQL: documents for a batch of ids in one query each."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import ARRAY, TextClause, Uuid, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.search.document_sql import RELATED, SELECTS
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search import Document

IDS = bindparam("ids", type_=ARRAY(Uuid))


def _by_ids(entity: Entity) -> TextClause:
    sql, alias = SELECTS[entity]
    return text(sql.format(where=f"{alias}.id = ANY(:ids)")).bindparams(IDS)


def _page(entity: Entity) -> TextClause:
    sql, alias = SELECTS[entity]
    where = f"(CAST(:after AS uuid) IS NULL OR {alias}.id > :after) ORDER BY {alias}.id LIMIT :n"
    return text(sql.format(where=where)).bindparams(bindparam("after", type_=Uuid))


def document_of(entity: Entity, row: Mapping[Any, Any]) -> Document:
    """The row as a document: string ids, no empty optional values."""
    document = {
        name: str(value) if isinstance(value, UUID) else value
        for name, value in row.items()
        if value is not None
    }
    if entity is Entity.PERSON:
        document["total_credits"] = document["movie_count"] + document["tvshow_count"]
    return document


class PgSearchDocuments:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def documents(self, entity: Entity, ids: Collection[UUID]) -> list[Document]:
        if not ids:
            return []
        async with self._sessions() as session:
            rows = await session.execute(_by_ids(entity), {"ids": list(ids)})
        return [document_of(entity, row) for row in rows.mappings()]

    async def related(self, entity: Entity, ids: Collection[UUID]) -> dict[Entity, set[UUID]]:
        found: dict[Entity, set[UUID]] = {}
        if not ids:
            return found
        async with self._sessions() as session:
            for other, sql in RELATED.get(entity, ()):
                rows = await session.execute(text(sql).bindparams(IDS), {"ids": list(ids)})
                other_ids = {row[0] for row in rows}
                if other_ids:
                    found[other] = other_ids
        return found

    async def every_document(
        self, entity: Entity, batch_size: int
    ) -> AsyncIterator[Sequence[Document]]:
        statement, after = _page(entity), None
        while True:
            async with self._sessions() as session:
                rows = await session.execute(statement, {"after": after, "n": batch_size})
                batch = [document_of(entity, row) for row in rows.mappings()]
            if not batch:
                return
            yield batch
            after = UUID(str(batch[-1]["id"]))
