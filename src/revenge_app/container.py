"""The composition root and the list of features: each feature container over the shared
core, in order, and what each feature takes from another, named here and nowhere else. A
feature's line here is all it takes to add it (`features.py` finds its `feature.py`).

Resources (engine, Redis, event bus, caches, search engine, job platform, provider clients)
are opened by `await container.init_resources()` and closed by `shutdown_resources()`. Tests
override any provider with a fake (`container.search.index.override(...)`).
"""

from __future__ import annotations

from dependency_injector import containers, providers

from revenge_app.activity.container import ActivityContainer
from revenge_app.config import Config
from revenge_app.core.container import Core
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.identity.container import IdentityContainer
from revenge_app.images.container import ImagesContainer
from revenge_app.integrations.container import IntegrationsContainer
from revenge_app.jobs.container import JobsContainer
from revenge_app.libraries.container import LibrariesContainer
from revenge_app.metadata.container import MetadataContainer
from revenge_app.movies.container import MoviesContainer
from revenge_app.oidc.container import OidcContainer
from revenge_app.playback.container import PlaybackContainer
from revenge_app.scanning.container import ScanningContainer
from revenge_app.search.container import SearchContainer
from revenge_app.settings.container import SettingsContainer
from revenge_app.tvshows.container import TVShowsContainer
from revenge_domain.ports.catalog_changes import FanOut


class Container(containers.DeclarativeContainer):
    config = providers.Dependency(instance_of=Config)
    urls = providers.Dependency(instance_of=ServiceUrls)

    core = providers.Container(Core, config=config, urls=urls)
    search = providers.Container(SearchContainer, core=core)
    # Who follows catalogue writes (scans, refreshes, syncs, account changes): the catalogue
    # cache and the search index.
    changes = providers.Singleton(FanOut, core.catalog_follower, search.follower)
    settings = providers.Container(SettingsContainer, core=core)
    identity = providers.Container(
        IdentityContainer,
        core=core,
        changes=changes,
        registration_open=settings.registration_open,
    )
    activity = providers.Container(ActivityContainer, core=core)
    jobs = providers.Container(JobsContainer, core=core)
    libraries = providers.Container(LibrariesContainer, core=core, changes=changes)
    movies = providers.Container(MoviesContainer, core=core)
    tvshows = providers.Container(TVShowsContainer, core=core)
    scanning = providers.Container(ScanningContainer, core=core, changes=changes)
    metadata = providers.Container(MetadataContainer, core=core, changes=changes)
    images = providers.Container(ImagesContainer, core=core)
    oidc = providers.Container(
        OidcContainer,
        core=core,
        login=identity.login,
        second_factor=identity.second_factor,
        changes=changes,
    )
    playback = providers.Container(
        PlaybackContainer,
        core=core,
        movies=movies.catalogue,
        movie_watching=movies.watching,
        episodes=tvshows.viewing,
        tv_watching=tvshows.watching,
    )
    integrations = providers.Container(IntegrationsContainer, core=core, changes=changes)
