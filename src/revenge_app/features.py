"""The features of the server, listed once. Adding a feature is a folder with a `feature.py`
(its `FEATURE`), its container in `container.py`, and a line here and in the root container."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Sequence

from revenge_app.activity.feature import FEATURE as ACTIVITY
from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.identity.feature import FEATURE as IDENTITY
from revenge_app.images.feature import FEATURE as IMAGES
from revenge_app.integrations.feature import FEATURE as INTEGRATIONS
from revenge_app.jobs.feature import FEATURE as JOBS
from revenge_app.libraries.feature import FEATURE as LIBRARIES
from revenge_app.metadata.feature import FEATURE as METADATA
from revenge_app.movies.feature import FEATURE as MOVIES
from revenge_app.oidc.feature import FEATURE as OIDC
from revenge_app.playback.feature import FEATURE as PLAYBACK
from revenge_app.registry import Feature, Features
from revenge_app.scanning.feature import FEATURE as SCANNING
from revenge_app.search.feature import FEATURE as SEARCH
from revenge_app.settings.feature import FEATURE as SETTINGS
from revenge_app.tvshows.feature import FEATURE as TVSHOWS

FEATURES: tuple[Feature, ...] = (
    IDENTITY,
    SETTINGS,
    ACTIVITY,
    JOBS,
    LIBRARIES,
    MOVIES,
    TVSHOWS,
    SCANNING,
    METADATA,
    IMAGES,
    SEARCH,
    OIDC,
    PLAYBACK,
    INTEGRATIONS,
)


async def registered(container: Container, features: Sequence[Feature] = FEATURES) -> Features:
    """What the features contribute, each over its own container (resolved now, so a missing
    dependency fails at start-up)."""
    config: Config = container.config()
    collected = Features(config)
    for feature in features:
        await feature.register(collected, getattr(container, feature.name)())
    return collected


@contextlib.asynccontextmanager
async def running(config: Config, urls: ServiceUrls) -> AsyncIterator[tuple[Container, Features]]:
    """The root container with its resources open, and what the features contribute."""
    container = Container(config=config, urls=urls)
    await settled(container.init_resources())
    try:
        yield container, await registered(container)
    finally:
        await settled(container.shutdown_resources())


async def settled(pending: Awaitable[None] | None) -> None:
    """dependency-injector returns an awaitable only when some resource is async."""
    if pending is not None:
        await pending
