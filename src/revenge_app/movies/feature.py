"""The movies feature."""

from __future__ import annotations

from typing import Any

from revenge_app.movies import handlers
from revenge_app.movies.container import MOVIES
from revenge_app.registry import Feature, Features, resolved


async def register(features: Features, container: Any) -> None:
    features.provide(MOVIES, await resolved(container.services()))


FEATURE = Feature("movies", register, (handlers.OPERATIONS,))
