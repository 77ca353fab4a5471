"""A cached list is made into models only where read; its ids are read without making any."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from revenge_domain.cache_values import StoredList, from_cache, ids_of, to_cache
from revenge_domain.movies import ListedMovie, Page

NOW = datetime(2026, 5, 4, tzinfo=UTC)


def test_items_are_made_where_read_and_equal_the_cached_ones() -> None:
    movies = [ListedMovie(uuid4(), f"Movie {n}", NOW, NOW, NOW) for n in range(3)]
    stored = StoredList(to_cache(movies, list[ListedMovie]), ListedMovie)
    assert ids_of(stored) == [movie.id for movie in movies]
    assert stored[1] == movies[1]
    assert stored[1] is stored[1]
    assert list(stored) == movies
    assert list(stored[1:]) == movies[1:]
    assert len(stored) == 3


def test_a_cached_page_comes_back_equal() -> None:
    page = Page([ListedMovie(uuid4(), "Heat", NOW, NOW, NOW, vote_average=8.0)], 1)
    back = from_cache(to_cache(page, Page[ListedMovie]), Page[ListedMovie])
    assert (list(back.items), back.total) == (page.items, page.total)


def test_a_stored_list_equals_the_list_of_its_models() -> None:
    movies = [ListedMovie(uuid4(), "Heat", NOW, NOW, NOW)]
    assert StoredList(to_cache(movies, list[ListedMovie]), ListedMovie) == movies
    assert StoredList([], ListedMovie) == []
    assert StoredList([], ListedMovie) != [movies[0]]
