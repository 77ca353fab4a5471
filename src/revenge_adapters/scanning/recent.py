"""Libraries as read a moment ago: file-match jobs come by the thousand and would otherwise read
the same library row once each."""

from __future__ import annotations

import time
from collections.abc import Callable
from uuid import UUID

from revenge_domain.libraries import Library
from revenge_domain.scanning.ports import LibraryLookup


class RecentLibraries:
    def __init__(
        self, inner: LibraryLookup, ttl_s: float = 5.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._inner, self._ttl_s, self._clock = inner, ttl_s, clock
        self._seen: dict[UUID, tuple[float, Library | None]] = {}

    async def get(self, library_id: UUID) -> Library | None:
        now = self._clock()
        held = self._seen.get(library_id)
        if held is not None and now - held[0] < self._ttl_s:
            return held[1]
        library = await self._inner.get(library_id)
        self._seen[library_id] = (now, library)
        return library
