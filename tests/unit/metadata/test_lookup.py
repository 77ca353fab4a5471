"""The metadata read use cases: which provider answers, limits, and what "not found" means."""

from __future__ import annotations

import pytest

from revenge_domain.metadata.errors import (
    MetadataNotFound,
    ProviderCannotDo,
    ProviderNotConfigured,
)
from revenge_domain.metadata.lookup import MetadataLookup
from revenge_domain.metadata.model import (
    Capability,
    Collection,
    MovieResult,
    ProviderStatus,
    SearchPage,
)

PAGE_SIZE = 20


class PagedMovies:
    """A movie provider with `count` search results, 20 a page; only collections otherwise."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.pages_read: list[int] = []
        self.languages: list[str] = []

    async def search_movies(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> SearchPage[MovieResult]:
        self.pages_read.append(page)
        self.languages.append(language)
        first = (page - 1) * PAGE_SIZE
        ids = range(first, min(first + PAGE_SIZE, self.count))
        pages = -(-self.count // PAGE_SIZE)
        results = tuple(MovieResult(id=str(i), title=f"{query} {i}") for i in ids)
        return SearchPage(results, page, self.count, pages)

    async def collection(self, collection_id: str, language: str) -> Collection | None:
        return Collection(collection_id, "Saga") if collection_id == "1" else None

    async def similar_movies(
        self, movie_id: str, language: str, *, page: int = 1
    ) -> SearchPage[MovieResult] | None:
        return None


def status(provider: str, enabled: bool) -> ProviderStatus:
    return ProviderStatus(provider, provider, (Capability.MOVIE,), enabled)


def lookup(movies: PagedMovies, *, tvdb_enabled: bool = False) -> MetadataLookup:
    statuses = (status("tmdb", True), status("tvdb", tvdb_enabled))
    return MetadataLookup(statuses, "en", movies={"tmdb": movies})  # type: ignore[dict-item]


async def test_a_limit_above_one_page_reads_the_pages_it_needs() -> None:
    movies = PagedMovies(count=45)

    page = await lookup(movies).search_movies("alien", limit=30)

    assert len(page.results) == 30
    assert movies.pages_read == [1, 2]
    assert (page.page, page.total_results, page.total_pages) == (1, 45, 3)


async def test_a_small_limit_reads_one_page_and_cuts_it() -> None:
    movies = PagedMovies(count=45)

    page = await lookup(movies).search_movies("alien", limit=5)

    assert [r.id for r in page.results] == ["0", "1", "2", "3", "4"]
    assert movies.pages_read == [1]


async def test_fewer_results_than_the_limit_stop_at_the_last_page() -> None:
    movies = PagedMovies(count=25)

    page = await lookup(movies).search_movies("alien", limit=50)

    assert len(page.results) == 25
    assert movies.pages_read == [1, 2]


async def test_the_default_language_applies_when_none_is_asked_for() -> None:
    movies = PagedMovies(count=1)
    found = lookup(movies)

    await found.search_movies("alien", limit=1)
    await found.search_movies("alien", limit=1, language="de")

    assert movies.languages == ["en", "de"]


async def test_an_unknown_id_is_not_found() -> None:
    found = lookup(PagedMovies(count=0))

    assert (await found.collection("1")).name == "Saga"
    with pytest.raises(MetadataNotFound):
        await found.collection("2")
    with pytest.raises(MetadataNotFound):
        await found.similar_movies("603", limit=5)


async def test_a_provider_without_configuration_and_one_without_the_read() -> None:
    with pytest.raises(ProviderNotConfigured) as missing:
        await lookup(PagedMovies(1)).search_movies("alien", limit=1, provider="tvdb")
    with pytest.raises(ProviderCannotDo):
        await lookup(PagedMovies(1), tvdb_enabled=True).search_movies(
            "alien", limit=1, provider="tvdb"
        )
    with pytest.raises(ProviderNotConfigured):
        await MetadataLookup((status("tmdb", False),)).person("287")

    assert missing.value.provider == "tvdb"


def test_the_providers_are_listed_as_configured() -> None:
    listed = lookup(PagedMovies(1)).providers()

    assert [(s.id, s.enabled) for s in listed] == [("tmdb", True), ("tvdb", False)]
