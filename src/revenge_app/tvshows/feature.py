"""The TV shows feature."""

from __future__ import annotations

from typing import Any

from revenge_app.registry import Feature, Features, resolved
from revenge_app.tvshows import handlers
from revenge_app.tvshows.container import TVSHOWS


async def register(features: Features, container: Any) -> None:
    features.provide(TVSHOWS, await resolved(container.services()))


FEATURE = Feature("tvshows", register, (handlers.OPERATIONS,))
