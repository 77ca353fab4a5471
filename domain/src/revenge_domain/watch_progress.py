"""What the watching use cases of movies and episodes share: a user's progress through one title."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from revenge_domain.identity.access import Principal


class TitleProgress(Protocol):
    """The caller's progress through the titles of one kind (movies, episodes) they may read."""

    async def progress(self, principal: Principal, title_id: UUID, /) -> object: ...

    async def update(
        self, principal: Principal, title_id: UUID, progress_s: int, duration_s: int, /
    ) -> object: ...

    async def delete(self, principal: Principal, title_id: UUID, /) -> None: ...
