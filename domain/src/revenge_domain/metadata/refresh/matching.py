"""Choosing the provider's item for a catalogue item known only by title and year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar
from uuid import UUID

from revenge_domain.metadata.model import MovieResult, SearchPage, SeriesResult
from revenge_domain.metadata.refresh.context import Refresh, RefreshContext
from revenge_domain.metadata.refresh.convert import comparable_title

R = TypeVar("R")
V = TypeVar("V")


class Titled(Protocol):
    """A catalogue item as the refresh finds it: its stored provider id, title and year."""

    @property
    def id(self) -> UUID: ...
    @property
    def tmdb_id(self) -> int | None: ...
    @property
    def title(self) -> str: ...
    @property
    def year(self) -> int | None: ...


class Found(Protocol):
    @property
    def id(self) -> str: ...


F = TypeVar("F", bound=Found)


async def provider_id(
    target: Titled,
    search: Callable[[int | None], Awaitable[SearchPage[F]]],
    best: Callable[[Sequence[F], str, int | None], F | None],
) -> str | None:
    """The stored id, else the best search result: searched with the year, then without."""
    if target.tmdb_id is not None:
        return str(target.tmdb_id)
    found = await search(target.year)
    match = best(found.results, target.title, target.year)
    if match is None and target.year is not None:
        found = await search(None)
        match = best(found.results, target.title, target.year)
    return match.id if match is not None else None


async def title_versions(
    context: RefreshContext,
    job: Refresh,
    target: Titled,
    search: Callable[[int | None], Awaitable[SearchPage[F]]],
    best: Callable[[Sequence[F], str, int | None], F | None],
    fetch: Callable[[str, str], Awaitable[V | None]],
    noun: str,
) -> list[V | None] | None:
    """The title at the provider in each of the job's languages; None (recorded as not
    found) when no match or no details in the primary language."""
    found_id = await provider_id(target, search, best)
    if found_id is None:
        await context.not_found(job, target.id, f"no match for {target.title!r}")
        return None
    return await context.versions(
        job,
        target.id,
        context.languages_for(job.languages),
        lambda language: fetch(found_id, language),
        f"no {noun} {found_id}",
    )


def best_match(
    results: Sequence[R],
    title: str,
    year: int | None,
    names: Callable[[R], tuple[str, str]],
    released: Callable[[R], dt.date | None],
) -> R | None:
    """The first result of a fitting year (within one of `year`), preferring one whose title
    or original title is `title` but for case and punctuation."""
    fitting = [result for result in results if _year_fits(released(result), year)]
    wanted = comparable_title(title)
    for result in fitting:
        if wanted in {comparable_title(name) for name in names(result)}:
            return result
    return fitting[0] if fitting else None


def best_movie(results: Sequence[MovieResult], title: str, year: int | None) -> MovieResult | None:
    return best_match(
        results, title, year, lambda r: (r.title, r.original_title), lambda r: r.release_date
    )


def best_series(
    results: Sequence[SeriesResult], title: str, year: int | None
) -> SeriesResult | None:
    return best_match(
        results, title, year, lambda r: (r.name, r.original_name), lambda r: r.first_air_date
    )


def _year_fits(released: dt.date | None, year: int | None) -> bool:
    return year is None or released is None or abs(released.year - year) <= 1
