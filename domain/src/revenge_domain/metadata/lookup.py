"""Reads from the metadata providers, for the `/api/v1/metadata/*` endpoints.

Details come from the primary provider (TMDb); searches may name another one. A provider without
configuration raises `ProviderNotConfigured`; one that cannot do the read, `ProviderCannotDo`; a
title the provider does not know, `MetadataNotFound`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

import attrs

from revenge_domain.metadata.errors import (
    MetadataNotFound,
    ProviderCannotDo,
    ProviderNotConfigured,
)
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
    ProviderStatus,
    SearchPage,
    Season,
    Series,
    SeriesResult,
)
from revenge_domain.metadata.ports import MovieProvider, PersonProvider, TVProvider

T = TypeVar("T")
P = TypeVar("P")
MAX_PAGES = 5  # a search reads at most this many provider pages to fill its limit
PRIMARY = "tmdb"  # the provider details come from, and searches ask by default


@attrs.frozen
class MetadataLookup:
    """`movies`, `series` and `people` hold the configured providers by id (`tmdb`, `tvdb`);
    `statuses` lists every known provider, configured or not."""

    statuses: tuple[ProviderStatus, ...]
    default_language: str = "en"
    movies: Mapping[str, MovieProvider] = attrs.field(factory=dict)
    series_sources: Mapping[str, TVProvider] = attrs.field(factory=dict)
    people: Mapping[str, PersonProvider] = attrs.field(factory=dict)

    def providers(self) -> tuple[ProviderStatus, ...]:
        return self.statuses

    # Movies
    async def search_movies(
        self,
        query: str,
        *,
        limit: int,
        year: int | None = None,
        provider: str | None = None,
        language: str | None = None,
    ) -> SearchPage[MovieResult]:
        source, lang = self._pick(self.movies, provider), self._language(language)
        return await _filled(
            lambda page: source.search_movies(query, lang, year=year, page=page), limit
        )

    async def movie(self, movie_id: str, language: str | None = None) -> Movie:
        found = await self._movies().movie(movie_id, self._language(language))
        return _found(found, "movie", movie_id)

    async def movie_credits(self, movie_id: str, language: str | None = None) -> Credits:
        found = await self._movies().movie_credits(movie_id, self._language(language))
        return _found(found, "movie", movie_id)

    async def movie_images(self, movie_id: str, language: str | None = None) -> Images:
        return _found(await self._movies().movie_images(movie_id, language), "movie", movie_id)

    async def movie_external_ids(self, movie_id: str) -> ExternalIds:
        found = await self._movies().movie_external_ids(movie_id, self.default_language)
        return _found(found, "movie", movie_id)

    async def similar_movies(
        self, movie_id: str, *, limit: int, language: str | None = None
    ) -> SearchPage[MovieResult]:
        source, lang = self._movies(), self._language(language)
        return await _filled(
            lambda page: source.similar_movies(movie_id, lang, page=page), limit, "movie", movie_id
        )

    async def movie_recommendations(
        self, movie_id: str, *, limit: int, language: str | None = None
    ) -> SearchPage[MovieResult]:
        source, lang = self._movies(), self._language(language)
        return await _filled(
            lambda page: source.movie_recommendations(movie_id, lang, page=page),
            limit,
            "movie",
            movie_id,
        )

    async def collection(self, collection_id: str, language: str | None = None) -> Collection:
        found = await self._movies().collection(collection_id, self._language(language))
        return _found(found, "collection", collection_id)

    # Series
    async def search_series(
        self,
        query: str,
        *,
        limit: int,
        year: int | None = None,
        provider: str | None = None,
        language: str | None = None,
    ) -> SearchPage[SeriesResult]:
        source, lang = self._pick(self.series_sources, provider), self._language(language)
        return await _filled(
            lambda page: source.search_series(query, lang, year=year, page=page), limit
        )

    async def series(self, series_id: str, language: str | None = None) -> Series:
        found = await self._tv().series(series_id, self._language(language))
        return _found(found, "series", series_id)

    async def series_credits(self, series_id: str, language: str | None = None) -> Credits:
        found = await self._tv().series_credits(series_id, self._language(language))
        return _found(found, "series", series_id)

    async def series_images(self, series_id: str, language: str | None = None) -> Images:
        return _found(await self._tv().series_images(series_id, language), "series", series_id)

    async def series_content_ratings(self, series_id: str) -> tuple[ContentRating, ...]:
        found = await self._tv().series_content_ratings(series_id, self.default_language)
        return _found(found, "series", series_id)

    async def series_external_ids(self, series_id: str) -> ExternalIds:
        found = await self._tv().series_external_ids(series_id, self.default_language)
        return _found(found, "series", series_id)

    async def season(self, series_id: str, number: int, language: str | None = None) -> Season:
        found = await self._tv().season(series_id, number, self._language(language))
        return _found(found, "season", f"{series_id}/{number}")

    async def season_images(
        self, series_id: str, number: int, language: str | None = None
    ) -> Images:
        found = await self._tv().season_images(series_id, number, language)
        return _found(found, "season", f"{series_id}/{number}")

    async def episode(
        self, series_id: str, season: int, number: int, language: str | None = None
    ) -> Episode:
        found = await self._tv().episode(series_id, season, number, self._language(language))
        return _found(found, "episode", f"{series_id}/{season}/{number}")

    async def episode_images(
        self, series_id: str, season: int, number: int, language: str | None = None
    ) -> Images:
        found = await self._tv().episode_images(series_id, season, number, language)
        return _found(found, "episode", f"{series_id}/{season}/{number}")

    # People
    async def search_people(
        self,
        query: str,
        *,
        limit: int,
        provider: str | None = None,
        language: str | None = None,
    ) -> SearchPage[PersonResult]:
        source, lang = self._pick(self.people, provider), self._language(language)
        return await _filled(lambda page: source.search_people(query, lang, page=page), limit)

    async def person(self, person_id: str, language: str | None = None) -> Person:
        found = await self._persons().person(person_id, self._language(language))
        return _found(found, "person", person_id)

    async def person_credits(self, person_id: str, language: str | None = None) -> PersonCredits:
        found = await self._persons().person_credits(person_id, self._language(language))
        return _found(found, "person", person_id)

    async def person_images(self, person_id: str, language: str | None = None) -> Images:
        return _found(await self._persons().person_images(person_id, language), "person", person_id)

    # Choosing
    def _language(self, language: str | None) -> str:
        return language or self.default_language

    def _movies(self) -> MovieProvider:
        return self._pick(self.movies, PRIMARY)

    def _tv(self) -> TVProvider:
        return self._pick(self.series_sources, PRIMARY)

    def _persons(self) -> PersonProvider:
        return self._pick(self.people, PRIMARY)

    def _pick(self, sources: Mapping[str, P], provider: str | None) -> P:
        wanted = provider or PRIMARY
        if wanted in sources:
            return sources[wanted]
        if any(s.id == wanted and s.enabled for s in self.statuses):
            raise ProviderCannotDo(wanted, "this provider does not offer this read")
        raise ProviderNotConfigured(wanted)


def _found(value: T | None, what: str, key: str) -> T:
    if value is None:
        raise MetadataNotFound(f"{what} {key} is not known to the metadata provider")
    return value


Pages = Callable[[int], Awaitable[SearchPage[T] | None]]


async def _filled(
    pages: Pages[T], limit: int, what: str = "search", key: str = ""
) -> SearchPage[T]:
    """The first `limit` results, read page by page (at most MAX_PAGES), as one page."""
    return _found(await _read_pages(pages, limit), what, key)


async def _read_pages(pages: Pages[T], limit: int) -> SearchPage[T] | None:
    first = await pages(1)
    if first is None:
        return None
    results, page = list(first.results), 1
    while len(results) < limit and page < min(first.total_pages, MAX_PAGES):
        page += 1
        more = await pages(page)
        if more is None or not more.results:
            break
        results.extend(more.results)
    return attrs.evolve(
        first,
        results=tuple(results[:limit]),
        page=1,
        total_pages=first.total_pages,
    )
