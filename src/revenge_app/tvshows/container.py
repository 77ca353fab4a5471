"""The TV catalogue (read through the catalogue cache) and each user's watch state."""

from __future__ import annotations

import attrs
from aiohttp import web
from dependency_injector import containers, providers

from revenge_adapters.tvshows import CachedTVCatalog, PgTVCatalog, PgViewingRecord, PgWatchState
from revenge_adapters.tvshows.search import PgSeriesSearch
from revenge_domain.languages import CatalogLanguage
from revenge_domain.tvshows import TVShows as ShowCatalogue
from revenge_domain.tvshows import TVViewing, TVWatching
from revenge_domain.tvshows.search import TVShowSearch


@attrs.frozen
class TVShows:
    shows: ShowCatalogue
    watching: TVWatching
    viewing: TVViewing
    search: TVShowSearch


TVSHOWS = web.AppKey("tvshows", TVShows)


class TVShowsContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    catalog = providers.Singleton(
        CachedTVCatalog, providers.Singleton(PgTVCatalog, core.sessions), core.catalog_cache
    )
    language = providers.Singleton(CatalogLanguage, core.languages)
    shows = providers.Singleton(ShowCatalogue, core.library_access, catalog, language)
    watching = providers.Singleton(
        TVWatching, core.library_access, providers.Singleton(PgWatchState, core.sessions)
    )
    viewing = providers.Singleton(
        TVViewing, core.library_access, providers.Singleton(PgViewingRecord, core.sessions)
    )
    search = providers.Singleton(
        TVShowSearch, providers.Singleton(PgSeriesSearch, core.sessions), core.library_access
    )
    services = providers.Singleton(
        TVShows, shows=shows, watching=watching, viewing=viewing, search=search
    )
