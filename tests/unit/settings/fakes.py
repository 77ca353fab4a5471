"""An in-memory settings store that counts its reads (to see the cache at work) and keeps the
activity events of server setting changes."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from revenge_domain.activity import ActivityEvent
from tests.unit.fakes.activity import KeptActivity


class FakeSettingsStore:
    def __init__(self) -> None:
        self.server: dict[str, Any] = {}
        self.users: dict[UUID, dict[str, Any]] = {}
        self.reads = 0
        self.activity = KeptActivity()

    async def server_values(self) -> dict[str, Any]:
        self.reads += 1
        return dict(self.server)

    async def save_server_value(
        self, key: str, value: Any, updated_by: UUID, event: ActivityEvent
    ) -> None:
        self.server[key] = value
        self.activity.events.append(event)

    async def user_values(self, user_id: UUID) -> dict[str, Any]:
        self.reads += 1
        return dict(self.users.get(user_id, {}))

    async def save_user_value(self, user_id: UUID, key: str, value: Any) -> None:
        self.users.setdefault(user_id, {})[key] = value

    async def delete_user_value(self, user_id: UUID, key: str) -> bool:
        return self.users.get(user_id, {}).pop(key, None) is not None
