"""Searching the titles of the movies a caller may read."""

from __future__ import annotations

from revenge_domain.movies.model import Movie
from revenge_domain.text_search import TitleIndex, TitleSearch

MovieTitleSearch = TitleIndex[Movie]
MovieSearch = TitleSearch[Movie]
