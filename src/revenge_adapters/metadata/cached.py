"""Provider answers kept in the shared two-level cache (process memory, then Redis).

Keys: `metadata:<provider>:<call>:<language>:<hash of the arguments>`. A "not found" is kept
too; failures are not. With Redis down the cache behaves as empty and every call reaches the
provider.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from cattrs.preconf.json import make_converter

from revenge_domain.metadata.model import (
    Collection,
    ContentRating,
    Credits,
    Episode,
    ExternalIds,
    Images,
    Movie,
    MovieResult,
    Person,
    PersonCredits,
    PersonResult,
    Ratings,
    ReleaseDate,
    SearchPage,
    Season,
    Series,
    SeriesResult,
)
from revenge_domain.metadata.ports import (
    ArtworkProvider,
    MovieProvider,
    PersonProvider,
    RatingsProvider,
    TVProvider,
)
from revenge_domain.ports.cache import Cache, key_hash

KEY_PREFIX = "metadata:"
HOUR = 3600.0
SEARCH_TTL_S = 6 * HOUR
DETAILS_TTL_S = 24 * HOUR
LISTS_TTL_S = 12 * HOUR

_json = make_converter()
_json.register_unstructure_hook(dt.date, dt.date.isoformat)
_json.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))


class _Reads:
    def __init__(self, provider: str, cache: Cache) -> None:
        self._provider, self._cache = provider, cache

    async def _cached(
        self,
        call: str,
        language: str | None,
        args: tuple[object, ...],
        kind: Any,
        load: Callable[[], Awaitable[Any]],
        ttl_s: float = DETAILS_TTL_S,
    ) -> Any:
        key = f"{KEY_PREFIX}{self._provider}:{call}:{language or '-'}:{key_hash(*args)}"

        async def loaded() -> Any:
            return _json.unstructure(await load(), kind)

        return _json.structure(await self._cache.get_or_load(key, loaded, ttl_s), kind)


class CachedMovieProvider(_Reads):
    def __init__(self, inner: MovieProvider, provider: str, cache: Cache) -> None:
        super().__init__(provider, cache)
        self._inner = inner

    async def search_movies(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> SearchPage[MovieResult]:
        load = lambda: self._inner.search_movies(query, language, year=year, page=page)  # noqa: E731
        kind = SearchPage[MovieResult]
        found: SearchPage[MovieResult] = await self._cached(
            "search_movies", language, (query, year, page), kind, load, SEARCH_TTL_S
        )
        return found

    async def movie(self, movie_id: str, language: str) -> Movie | None:
        load = lambda: self._inner.movie(movie_id, language)  # noqa: E731
        found: Movie | None = await self._cached("movie", language, (movie_id,), Movie | None, load)
        return found

    async def movie_credits(self, movie_id: str, language: str) -> Credits | None:
        load = lambda: self._inner.movie_credits(movie_id, language)  # noqa: E731
        kind = Credits | None
        found: Credits | None = await self._cached(
            "movie_credits", language, (movie_id,), kind, load
        )
        return found

    async def movie_images(self, movie_id: str, language: str | None) -> Images | None:
        load = lambda: self._inner.movie_images(movie_id, language)  # noqa: E731
        kind = Images | None
        found: Images | None = await self._cached("movie_images", language, (movie_id,), kind, load)
        return found

    async def movie_external_ids(self, movie_id: str, language: str) -> ExternalIds | None:
        load = lambda: self._inner.movie_external_ids(movie_id, language)  # noqa: E731
        kind = ExternalIds | None
        found: ExternalIds | None = await self._cached(
            "movie_external_ids", None, (movie_id,), kind, load
        )
        return found

    async def movie_release_dates(
        self, movie_id: str, language: str
    ) -> tuple[ReleaseDate, ...] | None:
        load = lambda: self._inner.movie_release_dates(movie_id, language)  # noqa: E731
        kind = tuple[ReleaseDate, ...] | None
        found: tuple[ReleaseDate, ...] | None = await self._cached(
            "movie_release_dates", None, (movie_id,), kind, load
        )
        return found

    async def similar_movies(
        self, movie_id: str, language: str, *, page: int = 1
    ) -> SearchPage[MovieResult] | None:
        load = lambda: self._inner.similar_movies(movie_id, language, page=page)  # noqa: E731
        kind = SearchPage[MovieResult] | None
        found: SearchPage[MovieResult] | None = await self._cached(
            "similar_movies", language, (movie_id, page), kind, load, LISTS_TTL_S
        )
        return found

    async def movie_recommendations(
        self, movie_id: str, language: str, *, page: int = 1
    ) -> SearchPage[MovieResult] | None:
        load = lambda: self._inner.movie_recommendations(movie_id, language, page=page)  # noqa: E731
        kind = SearchPage[MovieResult] | None
        found: SearchPage[MovieResult] | None = await self._cached(
            "movie_recommendations", language, (movie_id, page), kind, load, LISTS_TTL_S
        )
        return found

    async def collection(self, collection_id: str, language: str) -> Collection | None:
        load = lambda: self._inner.collection(collection_id, language)  # noqa: E731
        kind = Collection | None
        found: Collection | None = await self._cached(
            "collection", language, (collection_id,), kind, load
        )
        return found


class CachedTVProvider(_Reads):
    def __init__(self, inner: TVProvider, provider: str, cache: Cache) -> None:
        super().__init__(provider, cache)
        self._inner = inner

    async def search_series(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> SearchPage[SeriesResult]:
        load = lambda: self._inner.search_series(query, language, year=year, page=page)  # noqa: E731
        kind = SearchPage[SeriesResult]
        found: SearchPage[SeriesResult] = await self._cached(
            "search_series", language, (query, year, page), kind, load, SEARCH_TTL_S
        )
        return found

    async def series(self, series_id: str, language: str) -> Series | None:
        load = lambda: self._inner.series(series_id, language)  # noqa: E731
        found: Series | None = await self._cached(
            "series", language, (series_id,), Series | None, load
        )
        return found

    async def series_credits(self, series_id: str, language: str) -> Credits | None:
        load = lambda: self._inner.series_credits(series_id, language)  # noqa: E731
        found: Credits | None = await self._cached(
            "series_credits", language, (series_id,), Credits | None, load
        )
        return found

    async def series_images(self, series_id: str, language: str | None) -> Images | None:
        load = lambda: self._inner.series_images(series_id, language)  # noqa: E731
        found: Images | None = await self._cached(
            "series_images", language, (series_id,), Images | None, load
        )
        return found

    async def series_content_ratings(
        self, series_id: str, language: str
    ) -> tuple[ContentRating, ...] | None:
        load = lambda: self._inner.series_content_ratings(series_id, language)  # noqa: E731
        kind = tuple[ContentRating, ...] | None
        found: tuple[ContentRating, ...] | None = await self._cached(
            "series_content_ratings", None, (series_id,), kind, load
        )
        return found

    async def series_external_ids(self, series_id: str, language: str) -> ExternalIds | None:
        load = lambda: self._inner.series_external_ids(series_id, language)  # noqa: E731
        found: ExternalIds | None = await self._cached(
            "series_external_ids", None, (series_id,), ExternalIds | None, load
        )
        return found

    async def season(self, series_id: str, season_number: int, language: str) -> Season | None:
        load = lambda: self._inner.season(series_id, season_number, language)  # noqa: E731
        found: Season | None = await self._cached(
            "season", language, (series_id, season_number), Season | None, load
        )
        return found

    async def season_images(
        self, series_id: str, season_number: int, language: str | None
    ) -> Images | None:
        load = lambda: self._inner.season_images(series_id, season_number, language)  # noqa: E731
        found: Images | None = await self._cached(
            "season_images", language, (series_id, season_number), Images | None, load
        )
        return found

    async def episode(
        self, series_id: str, season_number: int, episode_number: int, language: str
    ) -> Episode | None:
        load = lambda: self._inner.episode(series_id, season_number, episode_number, language)  # noqa: E731
        args = (series_id, season_number, episode_number)
        found: Episode | None = await self._cached("episode", language, args, Episode | None, load)
        return found

    async def episode_images(
        self, series_id: str, season_number: int, episode_number: int, language: str | None
    ) -> Images | None:
        inner = self._inner
        load = lambda: inner.episode_images(series_id, season_number, episode_number, language)  # noqa: E731
        args = (series_id, season_number, episode_number)
        found: Images | None = await self._cached(
            "episode_images", language, args, Images | None, load
        )
        return found


class CachedPersonProvider(_Reads):
    def __init__(self, inner: PersonProvider, provider: str, cache: Cache) -> None:
        super().__init__(provider, cache)
        self._inner = inner

    async def search_people(
        self, query: str, language: str, *, page: int = 1
    ) -> SearchPage[PersonResult]:
        load = lambda: self._inner.search_people(query, language, page=page)  # noqa: E731
        kind = SearchPage[PersonResult]
        found: SearchPage[PersonResult] = await self._cached(
            "search_people", language, (query, page), kind, load, SEARCH_TTL_S
        )
        return found

    async def person(self, person_id: str, language: str) -> Person | None:
        load = lambda: self._inner.person(person_id, language)  # noqa: E731
        found: Person | None = await self._cached(
            "person", language, (person_id,), Person | None, load
        )
        return found

    async def person_credits(self, person_id: str, language: str) -> PersonCredits | None:
        load = lambda: self._inner.person_credits(person_id, language)  # noqa: E731
        found: PersonCredits | None = await self._cached(
            "person_credits", language, (person_id,), PersonCredits | None, load
        )
        return found

    async def person_images(self, person_id: str, language: str | None) -> Images | None:
        load = lambda: self._inner.person_images(person_id, language)  # noqa: E731
        found: Images | None = await self._cached(
            "person_images", language, (person_id,), Images | None, load
        )
        return found


class CachedRatingsProvider(_Reads):
    def __init__(self, inner: RatingsProvider, provider: str, cache: Cache) -> None:
        super().__init__(provider, cache)
        self._inner = inner

    async def ratings(self, imdb_id: str, language: str) -> Ratings | None:
        load = lambda: self._inner.ratings(imdb_id, language)  # noqa: E731
        found: Ratings | None = await self._cached(
            "ratings", None, (imdb_id,), Ratings | None, load
        )
        return found


class CachedArtworkProvider(_Reads):
    def __init__(self, inner: ArtworkProvider, provider: str, cache: Cache) -> None:
        super().__init__(provider, cache)
        self._inner = inner

    async def movie_artwork(self, movie_id: str, language: str | None) -> Images | None:
        load = lambda: self._inner.movie_artwork(movie_id, language)  # noqa: E731
        found: Images | None = await self._cached(
            "movie_artwork", language, (movie_id,), Images | None, load
        )
        return found

    async def series_artwork(self, tvdb_id: str, language: str | None) -> Images | None:
        load = lambda: self._inner.series_artwork(tvdb_id, language)  # noqa: E731
        found: Images | None = await self._cached(
            "series_artwork", language, (tvdb_id,), Images | None, load
        )
        return found
