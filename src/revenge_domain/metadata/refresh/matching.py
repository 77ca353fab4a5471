"""Choosing the provider's item for a catalogue item known only by title and year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from revenge_domain.metadata.model import MovieResult, SeriesResult
from revenge_domain.metadata.refresh.convert import comparable_title

R = TypeVar("R")


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
