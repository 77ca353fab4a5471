"""The movie catalogue and each user's watch state, read through the catalogue cache."""

from __future__ import annotations

import attrs
from aiohttp import web
from dependency_injector import containers, providers

from revenge_adapters.movies import PgMovieCatalog, PgMovieWatchStore
from revenge_adapters.movies.search import PgMovieSearch
from revenge_domain.languages import CatalogLanguage
from revenge_domain.movies import (
    CachedMovieCatalog,
    CachedMovieWatchStore,
    MovieCatalogue,
    MovieWatching,
)
from revenge_domain.movies.search import MovieSearch


@attrs.frozen
class Movies:
    catalogue: MovieCatalogue
    watching: MovieWatching
    search: MovieSearch


MOVIES = web.AppKey("movies", Movies)


class MoviesContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    catalog = providers.Singleton(
        CachedMovieCatalog, providers.Singleton(PgMovieCatalog, core.sessions), core.catalog_cache
    )
    watch = providers.Singleton(
        CachedMovieWatchStore,
        providers.Singleton(PgMovieWatchStore, core.sessions),
        core.catalog_cache,
    )
    language = providers.Singleton(CatalogLanguage, core.languages)
    catalogue = providers.Singleton(MovieCatalogue, catalog, watch, core.library_access, language)
    watching = providers.Singleton(MovieWatching, catalog, watch, core.library_access, language)
    search = providers.Singleton(
        MovieSearch, providers.Singleton(PgMovieSearch, core.sessions), core.library_access
    )
    services = providers.Singleton(Movies, catalogue=catalogue, watching=watching, search=search)
