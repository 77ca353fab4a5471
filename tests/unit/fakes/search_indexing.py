"""In-memory catalogue documents and pending-change sets for the search indexing tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Sequence
from uuid import UUID

from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search import Document


class FakePendingChanges:
    def __init__(self) -> None:
        self.pending: dict[Entity, set[str]] = {}
        self.working: dict[Entity, set[str]] = {}
        self.available = True
        self.claimed: set[Entity] = set()

    async def add(self, entity: Entity, members: Collection[str]) -> None:
        if not self.available:
            raise ConnectionError("redis is down")
        self.pending.setdefault(entity, set()).update(members)

    async def take(self, entity: Entity) -> list[str]:
        working = self.working.setdefault(entity, set())
        working.update(self.pending.pop(entity, set()))
        return sorted(working)

    async def done(self, entity: Entity, members: Collection[str]) -> None:
        self.working.setdefault(entity, set()).difference_update(members)

    async def claim(self, entity: Entity, ttl_s: float) -> bool:
        if entity in self.claimed:
            return False
        self.claimed.add(entity)
        return True

    async def release(self, entity: Entity) -> None:
        self.claimed.discard(entity)

    async def waiting(self, entity: Entity) -> int:
        return len(self.members(entity))

    def members(self, entity: Entity) -> set[str]:
        return self.pending.get(entity, set()) | self.working.get(entity, set())


class FakeSearchDocuments:
    """`rows[entity][id]` is the catalogue; `links[(entity, id)]` its related entities."""

    def __init__(self) -> None:
        self.rows: dict[Entity, dict[UUID, Document]] = {entity: {} for entity in Entity}
        self.links: dict[tuple[Entity, UUID], dict[Entity, set[UUID]]] = {}
        self.loads: list[tuple[Entity, int]] = []

    def put(self, entity: Entity, row_id: UUID, **fields: object) -> None:
        self.rows[entity][row_id] = {"id": str(row_id), **fields}

    async def documents(self, entity: Entity, ids: Collection[UUID]) -> list[Document]:
        self.loads.append((entity, len(ids)))
        return [self.rows[entity][i] for i in sorted(ids) if i in self.rows[entity]]

    async def related(self, entity: Entity, ids: Collection[UUID]) -> dict[Entity, set[UUID]]:
        found: dict[Entity, set[UUID]] = {}
        for row_id in ids:
            for other, other_ids in self.links.get((entity, row_id), {}).items():
                found.setdefault(other, set()).update(other_ids)
        return found

    async def every_document(
        self, entity: Entity, batch_size: int
    ) -> AsyncIterator[Sequence[Document]]:
        rows = [self.rows[entity][i] for i in sorted(self.rows[entity])]
        for start in range(0, len(rows), batch_size):
            yield rows[start : start + batch_size]
