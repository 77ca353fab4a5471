"""What the settings handlers read from the app."""

from __future__ import annotations

import attrs
from aiohttp import web

from revenge_domain.settings import ServerSettings, UserSettings


@attrs.frozen
class Settings:
    server: ServerSettings
    user: UserSettings


SETTINGS = web.AppKey("settings", Settings)
