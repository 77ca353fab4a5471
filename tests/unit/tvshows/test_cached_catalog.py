"""Cached catalogue reads: answers come back whole, and callers who may read different
libraries never share one."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import attrs

from revenge_adapters.tvshows import CachedTVCatalog
from revenge_domain.libraries import ALL, Readable
from revenge_domain.tvshows import Page, Series, SeriesOrder
from tests.unit.fakes.cache import InMemoryCache

NOW = datetime(2026, 1, 1, tzinfo=UTC)
A, B = uuid.uuid4(), uuid.uuid4()


def series(library_id: uuid.UUID) -> Series:
    return Series(
        uuid.uuid4(), library_id, "Show", "en", 1, 2, NOW, NOW, first_air_date=date(2020, 5, 1)
    )


def in_language(show: Series, language: str) -> Series:
    return show if language == "en" else attrs.evolve(show, title=f"{show.title} ({language})")


@attrs.define
class CountingCatalog:
    """Series of two libraries, titled in any language; counts the reads that reach it."""

    shows: list[Series]
    reads: int = 0

    async def series_page(
        self,
        readable: Readable,
        order: SeriesOrder,
        limit: int,
        offset: int,
        language: str = "en",
    ) -> Page[Series]:
        self.reads += 1
        kept = [
            in_language(s, language)
            for s in self.shows
            if readable is ALL or s.library_id in readable
        ]
        return Page(kept[offset : offset + limit], len(kept))

    async def series(
        self, readable: Readable, series_id: uuid.UUID, language: str = "en"
    ) -> Series | None:
        self.reads += 1
        page = await self.series_page(readable, SeriesOrder.TITLE, 100, 0, language)
        self.reads -= 1
        return next((s for s in page.items if s.id == series_id), None)


async def test_answers_are_kept_per_readable_set_and_come_back_equal() -> None:
    shows = [series(A), series(B)]
    inner = CountingCatalog(shows)
    cached = CachedTVCatalog(inner, InMemoryCache())  # type: ignore[arg-type]
    only_a = await cached.series_page(frozenset({A}), SeriesOrder.TITLE, 10, 0)
    assert await cached.series_page(frozenset({A}), SeriesOrder.TITLE, 10, 0) == only_a
    assert only_a == Page([shows[0]], 1)
    assert inner.reads == 1
    everything = await cached.series_page(ALL, SeriesOrder.TITLE, 10, 0)
    assert everything.total == 2
    assert await cached.series(frozenset({A}), shows[1].id) is None
    assert await cached.series(frozenset({B}), shows[1].id) == shows[1]


async def test_forget_drops_every_cached_answer() -> None:
    inner = CountingCatalog([series(A)])
    cached = CachedTVCatalog(inner, InMemoryCache())  # type: ignore[arg-type]
    await cached.series_page(ALL, SeriesOrder.TITLE, 10, 0)
    await cached.forget()
    await cached.series_page(ALL, SeriesOrder.TITLE, 10, 0)
    assert inner.reads == 2


async def test_answers_in_different_languages_are_kept_apart() -> None:
    show = series(A)
    inner = CountingCatalog([show])
    cached = CachedTVCatalog(inner, InMemoryCache())  # type: ignore[arg-type]

    german = await cached.series(ALL, show.id, "de")
    english = await cached.series(ALL, show.id, "en")
    page = await cached.series_page(ALL, SeriesOrder.TITLE, 10, 0, "fr")

    assert german is not None
    assert german.title == "Show (de)"
    assert english == show
    assert [s.title for s in page.items] == ["Show (fr)"]
    assert await cached.series(ALL, show.id, "de") == german
    assert inner.reads == 3
