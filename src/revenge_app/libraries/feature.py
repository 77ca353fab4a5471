"""The libraries feature."""

from __future__ import annotations

from typing import Any

from revenge_app.libraries import handlers
from revenge_app.libraries.container import LIBRARIES
from revenge_app.registry import Feature, Features, resolved


async def register(features: Features, container: Any) -> None:
    features.provide(LIBRARIES, await resolved(container.services()))


FEATURE = Feature("libraries", register, (handlers.OPERATIONS,))
