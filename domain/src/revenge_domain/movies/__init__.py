"""The movie catalogue: movies with files, credits, genres and collections, and watch state."""

from revenge_domain.movies.cached import CachedMovieCatalog, CachedMovieWatchStore
from revenge_domain.movies.cases import MovieCatalogue, MovieWatching
from revenge_domain.movies.model import (
    CreditType,
    MovieOrder,
    Page,
    Record,
    completes,
    parse_order,
)
from revenge_domain.movies.ports import MovieCatalog, MovieWatchStore
from revenge_domain.paging import check_page

__all__ = [
    "CachedMovieCatalog",
    "CachedMovieWatchStore",
    "CreditType",
    "MovieCatalog",
    "MovieCatalogue",
    "MovieOrder",
    "MovieWatchStore",
    "MovieWatching",
    "Page",
    "Record",
    "check_page",
    "completes",
    "parse_order",
]
