"""The images feature: artwork over the API and the download jobs that warm the cache."""

from __future__ import annotations

from typing import Any

from revenge_app.images import handlers
from revenge_app.images.container import IMAGES
from revenge_app.images.jobs import register_image_jobs
from revenge_app.registry import Feature, Features, resolved


async def register(features: Features, container: Any) -> None:
    cache = await resolved(container.cache())
    features.provide(IMAGES, cache)
    register_image_jobs(features.jobs, cache)


FEATURE = Feature("images", register, (handlers.OPERATIONS,))
