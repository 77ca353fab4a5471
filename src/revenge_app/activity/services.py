"""What the activity handlers read from the app."""

from __future__ import annotations

from aiohttp import web

from revenge_domain.activity import ActivityQueries

ACTIVITY = web.AppKey("activity", ActivityQueries)
