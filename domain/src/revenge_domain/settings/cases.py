"""Use cases of settings: read through the cache, validate and store writes, drop the cached
copy so every server instance sees the new value."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import attrs

from revenge_domain.activity import Actions, ActivityEvent
from revenge_domain.ports.cache import Cache
from revenge_domain.settings.known import SERVER_SETTINGS, USER_SETTINGS
from revenge_domain.settings.model import Setting, SettingRegistry
from revenge_domain.settings.ports import SettingsStore

SERVER_KEY = "settings:server:_all"
SERVER_TTL_S = 300.0
USER_TTL_S = 120.0


def user_key(user_id: UUID) -> str:
    return f"settings:user:{user_id}"


@attrs.frozen
class Editor:
    """Who changes a setting (for the activity log)."""

    user_id: UUID
    username: str


@attrs.frozen
class ServerSettings:
    """Server-wide settings (administrators only; the route enforces it)."""

    store: SettingsStore
    cache: Cache
    registry: SettingRegistry = SERVER_SETTINGS

    async def list(self) -> list[Setting]:
        return self.registry.resolve(await self._stored())

    async def get(self, key: str) -> Setting:
        definition = self.registry.find(key)
        return Setting(definition, (await self._stored()).get(key, definition.default))

    async def is_on(self, key: str) -> bool:
        """Whether a boolean setting is on (its default until someone sets it)."""
        return (await self.get(key)).value is True

    async def update(self, editor: Editor, key: str, value: Any) -> Setting:
        definition = self.registry.validated(key, value)
        old = (await self._stored()).get(key, definition.default)
        event = ActivityEvent(
            Actions.SETTINGS_UPDATE,
            user_id=editor.user_id,
            username=editor.username,
            resource_type="setting",
            changes={key: {"old": old, "new": value}},
        )
        await self.store.save_server_value(key, value, editor.user_id, event)
        await self.cache.delete(SERVER_KEY)
        return Setting(definition, value)

    async def _stored(self) -> dict[str, Any]:
        return await self.cache.get_or_load(SERVER_KEY, self.store.server_values, SERVER_TTL_S)


@attrs.frozen
class UserSettings:
    """Each user's own settings."""

    store: SettingsStore
    cache: Cache
    registry: SettingRegistry = USER_SETTINGS

    async def list(self, user_id: UUID) -> list[Setting]:
        return self.registry.resolve(await self._stored(user_id))

    async def get(self, user_id: UUID, key: str) -> Setting:
        definition = self.registry.find(key)
        return Setting(definition, (await self._stored(user_id)).get(key, definition.default))

    async def update(self, user_id: UUID, key: str, value: Any) -> Setting:
        definition = self.registry.validated(key, value)
        await self.store.save_user_value(user_id, key, value)
        await self.cache.delete(user_key(user_id))
        return Setting(definition, value)

    async def delete(self, user_id: UUID, key: str) -> None:
        """Back to the default. NotFound for an unknown key."""
        self.registry.find(key)
        await self.store.delete_user_value(user_id, key)
        await self.cache.delete(user_key(user_id))

    async def _stored(self, user_id: UUID) -> dict[str, Any]:
        async def load() -> dict[str, Any]:
            return await self.store.user_values(user_id)

        return await self.cache.get_or_load(user_key(user_id), load, USER_TTL_S)
