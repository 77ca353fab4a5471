"""A `CatalogChanges` that remembers every report, in order."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from revenge_domain.ports.catalog_changes import Entity


class RecordedChanges:
    def __init__(self) -> None:
        self.reports: list[tuple[str, Entity, list[UUID]]] = []

    async def changed(self, entity: Entity, ids: Collection[UUID]) -> None:
        self.reports.append(("changed", entity, list(ids)))

    async def removed(self, entity: Entity, ids: Collection[UUID]) -> None:
        self.reports.append(("removed", entity, list(ids)))
