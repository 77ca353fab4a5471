"""The libraries feature."""

from __future__ import annotations

from typing import Any

from revenge_app.libraries import handlers
from revenge_app.libraries.container import LIBRARIES
from revenge_app.registry import Feature, Features, resolved


async def register(features: Features, container: Any) -> None:
    features.serve(LIBRARIES, await resolved(container.services()), handlers.OPERATIONS)


FEATURE = Feature("libraries", register)
