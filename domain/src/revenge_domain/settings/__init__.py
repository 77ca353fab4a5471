"""Server-wide and per-user settings: known keys with types and defaults, cached reads."""

from revenge_domain.settings.cases import Editor, ServerSettings, UserSettings
from revenge_domain.settings.known import SERVER_SETTINGS, USER_SETTINGS
from revenge_domain.settings.model import DataType, Setting, SettingDefinition, SettingRegistry
from revenge_domain.settings.ports import SettingsStore

__all__ = [
    "SERVER_SETTINGS",
    "USER_SETTINGS",
    "DataType",
    "Editor",
    "ServerSettings",
    "Setting",
    "SettingDefinition",
    "SettingRegistry",
    "SettingsStore",
    "UserSettings",
]
