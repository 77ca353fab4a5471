"""The settings feature: server settings (admin) and each user's own."""

from __future__ import annotations

from typing import Any

from revenge_app.registry import Feature, Features, resolved
from revenge_app.settings import handlers
from revenge_app.settings.container import SETTINGS


async def register(features: Features, container: Any) -> None:
    features.provide(SETTINGS, await resolved(container.services()))


FEATURE = Feature("settings", register, (handlers.OPERATIONS,))
