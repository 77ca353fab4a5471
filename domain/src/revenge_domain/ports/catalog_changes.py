"""The catalogue-changes port: every writer of the catalogue says what it changed.

Scans, metadata refreshes and account changes report here; the app fans each report out to
whoever follows the catalogue (the search index, the catalogue cache). A report never fails the
write that made it: implementations swallow and log their own trouble.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import Protocol
from uuid import UUID


class Entity(StrEnum):
    MOVIE = "movie"
    SERIES = "series"
    SEASON = "season"
    EPISODE = "episode"
    PERSON = "person"
    USER = "user"


class CatalogChanges(Protocol):
    async def changed(self, entity: Entity, ids: Collection[UUID]) -> None:
        """`ids` were created or updated (a file, credit or genre of theirs counts as theirs)."""
        ...

    async def removed(self, entity: Entity, ids: Collection[UUID]) -> None:
        """`ids` are gone (or soft-deleted) and must leave every follower."""
        ...


class NoCatalogChanges:
    """For tools and tests that follow nothing."""

    async def changed(self, entity: Entity, ids: Collection[UUID]) -> None:
        return None

    async def removed(self, entity: Entity, ids: Collection[UUID]) -> None:
        return None


class FanOut:
    """Tells every follower, in order."""

    def __init__(self, *followers: CatalogChanges) -> None:
        self._followers = followers

    async def changed(self, entity: Entity, ids: Collection[UUID]) -> None:
        for follower in self._followers:
            await follower.changed(entity, ids)

    async def removed(self, entity: Entity, ids: Collection[UUID]) -> None:
        for follower in self._followers:
            await follower.removed(entity, ids)
