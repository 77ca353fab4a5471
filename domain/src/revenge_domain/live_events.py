"""Live events for clients (server-sent events): which categories exist, and who sees what.

An event whose data names a `user_id` is that user's own (administrators see all of them); one
naming a `library_id` goes to those who may read that library; any other is for everyone
signed in. Internal bus traffic (cache invalidations) is never in these categories.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterable
from uuid import UUID

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.identity.access import EVERYTHING, Principal
from revenge_domain.libraries import ALL, LibraryAccess
from revenge_domain.ports.events import Event, EventBus, Subscription

CATEGORIES = frozenset({"content", "requests", "library", "user", "auth", "playback", "system"})
LIBRARY_CATEGORY = "library"
SCAN_STARTED, SCAN_DONE = "library.scan_started", "library.scan_done"


def chosen_categories(requested: Iterable[str]) -> frozenset[str]:
    """The categories a client asked for (all when none); InvalidInput for unknown ones."""
    wanted = frozenset(name.strip() for name in requested if name.strip())
    unknown = wanted - CATEGORIES
    if unknown:
        raise InvalidInput(
            "unknown event categories",
            {"unknown": sorted(unknown), "known": sorted(CATEGORIES)},
        )
    return wanted or CATEGORIES


def _uuid(value: object) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


@attrs.frozen
class LiveEvents:
    bus: EventBus
    access: LibraryAccess
    _open: set[Subscription] = attrs.field(factory=set, init=False, eq=False)

    @contextlib.asynccontextmanager
    async def follow(self, categories: frozenset[str]) -> AsyncIterator[Subscription]:
        """Events of `categories` from now on (and gap markers); filter each with `sees`."""
        subscription = self.bus.subscribe(*sorted(categories))
        self._open.add(subscription)
        try:
            yield subscription
        finally:
            self._open.discard(subscription)
            await subscription.aclose()

    async def end_all(self) -> None:
        """End every open stream (the server is stopping): their iterations finish."""
        for subscription in list(self._open):
            await subscription.aclose()

    async def sees(self, principal: Principal, event: Event) -> bool:
        if event.is_gap:
            return True
        if event.category not in CATEGORIES:
            return False
        admin = principal.can(EVERYTHING)
        if "user_id" in event.data:
            return admin or _uuid(event.data["user_id"]) == principal.user_id
        if "library_id" in event.data:
            library_id = _uuid(event.data["library_id"])
            readable = await self.access.readable_library_ids(principal)
            return library_id is not None and (readable is ALL or library_id in readable)
        return True
