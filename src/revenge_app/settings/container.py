"""Server and per-user settings."""

from __future__ import annotations

from functools import partial

import attrs
from aiohttp import web
from dependency_injector import containers, providers

from revenge_adapters.settings import PgSettingsStore
from revenge_app.config import Config
from revenge_domain.settings import ServerSettings, UserSettings
from revenge_domain.settings.known import REGISTRATION_ENABLED, SERVER_SETTINGS
from revenge_domain.settings.model import SettingRegistry


@attrs.frozen
class Settings:
    server: ServerSettings
    user: UserSettings


SETTINGS = web.AppKey("settings", Settings)


def server_registry(config: Config) -> SettingRegistry:
    """The known settings; sign-up follows the configured default until an admin sets it."""
    return SERVER_SETTINGS.with_default(REGISTRATION_ENABLED, config.auth.registration_enabled)


class SettingsContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    store = providers.Singleton(PgSettingsStore, core.sessions)
    server = providers.Singleton(
        ServerSettings,
        store,
        core.catalog_cache,
        registry=providers.Singleton(server_registry, core.config),
    )
    user = providers.Singleton(UserSettings, store, core.catalog_cache)
    registration_open = providers.Singleton(partial, server.provided.is_on, REGISTRATION_ENABLED)
    services = providers.Singleton(Settings, server=server, user=user)
