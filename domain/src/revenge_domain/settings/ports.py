"""Where setting values live. Only values someone set are stored; defaults live in the code."""

from __future__ import annotations

from typing import Any, Protocol
from uuid import UUID

from revenge_domain.activity import ActivityEvent


class SettingsStore(Protocol):
    """Stored values of server-wide and per-user settings, by key."""

    async def server_values(self) -> dict[str, Any]: ...

    async def save_server_value(
        self, key: str, value: Any, updated_by: UUID, event: ActivityEvent
    ) -> None:
        """Store the value with the activity event reporting the change, in one transaction:
        both are kept, or neither is."""
        ...

    async def user_values(self, user_id: UUID) -> dict[str, Any]: ...

    async def save_user_value(self, user_id: UUID, key: str, value: Any) -> None: ...

    async def delete_user_value(self, user_id: UUID, key: str) -> bool:
        """Forget the user's value (back to the default); False if none was stored."""
        ...
