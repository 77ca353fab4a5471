"""The movie catalogue: movies with files, credits, genres and collections, and watch state."""

from revenge_domain.movies.cached import CachedMovieCatalog, CachedMovieWatchStore
from revenge_domain.movies.cases import MovieCatalogue, MovieWatching
from revenge_domain.movies.model import (
    Collection,
    Credit,
    GenreCount,
    GenreTag,
    ListedMovie,
    Movie,
    MovieFile,
    MovieGenre,
    MovieOrder,
    MoviePage,
    Page,
    ResumableMovie,
    SimilarMovie,
    SimilarMovies,
    WatchedMovie,
    WatchRecord,
    WatchState,
    WatchStats,
    completes,
    parse_order,
)
from revenge_domain.movies.ports import MovieCatalog, MovieWatchStore
from revenge_domain.paging import check_page

__all__ = [
    "CachedMovieCatalog",
    "CachedMovieWatchStore",
    "Collection",
    "Credit",
    "GenreCount",
    "GenreTag",
    "ListedMovie",
    "Movie",
    "MovieCatalog",
    "MovieCatalogue",
    "MovieFile",
    "MovieGenre",
    "MovieOrder",
    "MoviePage",
    "MovieWatchStore",
    "MovieWatching",
    "Page",
    "ResumableMovie",
    "SimilarMovie",
    "SimilarMovies",
    "WatchRecord",
    "WatchState",
    "WatchStats",
    "WatchedMovie",
    "check_page",
    "completes",
    "parse_order",
]
