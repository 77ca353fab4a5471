"""Libraries and who may read them."""

from __future__ import annotations

import attrs
from aiohttp import web
from dependency_injector import containers, providers

from revenge_adapters.libraries import LocalFolders, PgLibraryStore
from revenge_domain.libraries import Libraries, LibraryPermissions
from revenge_domain.ports.catalog_changes import CatalogChanges


@attrs.frozen
class LibraryServices:
    libraries: Libraries
    permissions: LibraryPermissions


LIBRARIES = web.AppKey("libraries", LibraryServices)


class LibrariesContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    # Hears of the titles a deleted library takes with it.
    changes: providers.Dependency[CatalogChanges] = providers.Dependency()

    store = providers.Singleton(PgLibraryStore, core.sessions)
    libraries = providers.Singleton(
        Libraries,
        store,
        core.library_access,
        providers.Singleton(LocalFolders),
        changes,
        core.events,
    )
    permissions = providers.Singleton(LibraryPermissions, store, core.library_access)
    services = providers.Singleton(LibraryServices, libraries=libraries, permissions=permissions)
