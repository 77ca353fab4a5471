"""What the movie handlers read from the app."""

from __future__ import annotations

import attrs
from aiohttp import web

from revenge_domain.movies import MovieCatalogue, MovieWatching
from revenge_domain.movies.search import MovieSearch


@attrs.frozen
class Movies:
    catalogue: MovieCatalogue
    watching: MovieWatching
    search: MovieSearch


MOVIES = web.AppKey("movies", Movies)
