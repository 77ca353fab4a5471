"""What the Radarr and Sonarr handlers read from the app."""

from __future__ import annotations

from aiohttp import web

from revenge_domain.integrations import Integrations

INTEGRATIONS = web.AppKey("integrations", Integrations)
