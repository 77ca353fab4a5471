"""Ports of search indexing: the catalogue's documents, the ids waiting to be indexed, and
the outbox of ids noted by the catalogue's own transactions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

import attrs

from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search import Document


class SearchDocuments(Protocol):
    """Search documents built from the catalogue, a batch of ids in a few queries."""

    async def documents(self, entity: Entity, ids: Collection[UUID]) -> list[Document]:
        """The documents of the ids that exist (gone or soft-deleted ones are left out)."""
        ...

    async def related(self, entity: Entity, ids: Collection[UUID]) -> dict[Entity, set[UUID]]:
        """Other entities whose documents show something of these (a movie's people, a
        series' seasons and episodes, a person's titles)."""
        ...

    def every_document(self, entity: Entity, batch_size: int) -> AsyncIterator[Sequence[Document]]:
        """Every document of the entity's collection, in batches (for a full rebuild)."""
        ...


class PendingChanges(Protocol):
    """Ids waiting to be indexed, one set per entity, shared by every process.

    `take` moves what is pending to the entity's working set and returns the working set;
    `done` removes handled members from it. What a failed job did not finish stays in the
    working set and is taken again by the next run."""

    async def add(self, entity: Entity, members: Collection[str]) -> None: ...

    async def take(self, entity: Entity) -> list[str]: ...

    async def done(self, entity: Entity, members: Collection[str]) -> None: ...

    async def waiting(self, entity: Entity) -> int:
        """How many members are pending or in the working set."""
        ...

    async def claim(self, entity: Entity, ttl_s: float) -> bool:
        """True for one caller at a time per entity (until `release`, or `ttl_s` passed)."""
        ...

    async def release(self, entity: Entity) -> None: ...


@attrs.frozen
class NotedChange:
    entity: Entity
    item_id: UUID
    noted_at: datetime


class SearchOutbox(Protocol):
    """Ids noted in the transaction of every catalogue write (the index's record that survives
    a process dying, or Redis being down, before the write is reported)."""

    async def due(self, older_than_s: float, limit: int) -> list[NotedChange]:
        """Notes at least `older_than_s` old, oldest first."""
        ...

    async def done(self, changes: Collection[NotedChange]) -> None:
        """Forget these notes, except those of ids noted again since."""
        ...

    async def snapshot(self) -> str:
        """Which writes have committed now (taken before reading the documents to index)."""
        ...

    async def indexed(self, entity: Entity, ids: Collection[UUID], snapshot: str) -> None:
        """Forget the notes of `ids` whose writes had committed at `snapshot`: the documents
        read after it, now in the index, show them. Later notes stay."""
        ...
