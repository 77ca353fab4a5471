"""The OIDC feature: sign-in through providers, account links, the providers' admin."""

from __future__ import annotations

from typing import Any

from revenge_app.oidc import handlers
from revenge_app.oidc.container import OIDC
from revenge_app.registry import Feature, Features, resolved


async def register(features: Features, container: Any) -> None:
    features.provide(OIDC, await resolved(container.services()))


FEATURE = Feature("oidc", register, (handlers.OPERATIONS,))
