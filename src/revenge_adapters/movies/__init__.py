"""The movie catalogue and watch state on PostgreSQL."""

from revenge_adapters.movies.catalog import PgMovieCatalog
from revenge_adapters.movies.watch import PgMovieWatchStore

__all__ = ["PgMovieCatalog", "PgMovieWatchStore"]
