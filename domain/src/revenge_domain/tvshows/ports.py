"""Ports of the TV catalogue: reads filtered by the caller's libraries, and watch state.

`readable` is what `LibraryAccess.readable_library_ids` answered: implementations keep only
series of those libraries (and their seasons and episodes) inside the query itself.
"""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from revenge_domain.credits import CreditKind
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import Readable
from revenge_domain.tvshows.model import (
    Credit,
    Episode,
    Genre,
    Network,
    Page,
    Progress,
    Season,
    Series,
    SeriesOrder,
    WatchedEpisode,
)


class TVCatalog(Protocol):
    """Series, seasons and episodes. Per-series reads answer None when the series is not
    readable (or does not exist), so the caller can tell "absent" from "empty"."""

    async def series_page(
        self,
        readable: Readable,
        order: SeriesOrder,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[Series]:
        """One page of readable series in `order` (then by id), and how many there are; title,
        overview and tagline in `language` where known."""
        ...

    async def series(
        self, readable: Readable, series_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Series | None: ...

    async def seasons(self, readable: Readable, series_id: UUID) -> list[Season] | None:
        """The series' seasons by number."""
        ...

    async def season(self, readable: Readable, season_id: UUID) -> Season | None: ...

    async def season_episodes(self, readable: Readable, season_id: UUID) -> list[Episode] | None:
        """The season's episodes by number."""
        ...

    async def episode(self, readable: Readable, episode_id: UUID) -> Episode | None: ...

    async def credits(
        self, readable: Readable, series_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit] | None:
        """Cast by billing order, or crew by department and name."""
        ...

    async def genres(self, readable: Readable, series_id: UUID) -> list[Genre] | None: ...

    async def networks(self, readable: Readable, series_id: UUID) -> list[Network] | None: ...


class WatchState(Protocol):
    """Each user's progress through episodes, restricted to readable series."""

    async def progress(
        self, user_id: UUID, readable: Readable, episode_id: UUID
    ) -> Progress | None: ...

    async def save_progress(
        self,
        user_id: UUID,
        readable: Readable,
        episode_id: UUID,
        progress_seconds: int,
        duration_seconds: int,
    ) -> Progress | None:
        """Store the position (completed past 90 %); None if the episode is not readable."""
        ...

    async def delete_progress(self, user_id: UUID, readable: Readable, episode_id: UUID) -> bool:
        """Forget the user's progress; False if there was none on a readable episode."""
        ...

    async def series_episodes(
        self, user_id: UUID, readable: Readable, series_id: UUID
    ) -> list[WatchedEpisode] | None:
        """Every episode of the series with whether the user completed it."""
        ...

    async def mark_episodes(
        self, user_id: UUID, readable: Readable, episode_ids: list[UUID]
    ) -> int:
        """Mark the readable ones of `episode_ids` watched in one statement; how many."""
        ...

    async def mark_season(self, user_id: UUID, readable: Readable, season_id: UUID) -> int:
        """Mark every episode of a readable season watched in one statement; how many."""
        ...
