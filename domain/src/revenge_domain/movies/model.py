"""The movie catalogue as clients read it: JSON-shaped records, pages, orders and watch rules."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from revenge_domain.errors import InvalidInput

# A movie, file, credit, genre, collection or watch record, shaped as the API answers it.
Record = dict[str, Any]

# Watched past this share of its duration, a movie counts as seen.
COMPLETED_PERCENT = 90


class MovieOrder(enum.Enum):
    TITLE = "title"
    YEAR = "year"
    ADDED = "added"
    RATING = "rating"


class CreditType(enum.Enum):
    CAST = "cast"
    CREW = "crew"


def parse_order(value: str) -> MovieOrder:
    try:
        return MovieOrder(value)
    except ValueError:
        kinds = ", ".join(order.value for order in MovieOrder)
        raise InvalidInput(f"order_by must be one of {kinds}", {"field": "order_by"}) from None


def completes(progress_seconds: int, duration_seconds: int) -> bool:
    """The completion rule: more than 90 % of the duration was watched."""
    return progress_seconds * 100 > duration_seconds * COMPLETED_PERCENT


def check_progress(progress_seconds: int, duration_seconds: int) -> None:
    if progress_seconds < 0:
        raise InvalidInput("progress_seconds must not be negative", {"field": "progress_seconds"})
    if duration_seconds < 1:
        raise InvalidInput("duration_seconds must be at least 1", {"field": "duration_seconds"})


@attrs.frozen
class Page:
    """One page of a list and how many items the whole list has."""

    items: list[Record]
    total: int

    def envelope(self, limit: int, offset: int) -> Record:
        return {
            "items": self.items,
            "total": self.total,
            "page": offset // limit + 1,
            "page_size": limit,
        }

    def to_json(self) -> Record:
        return {"items": self.items, "total": self.total}

    @classmethod
    def from_json(cls, value: Record) -> Page:
        return cls(list(value["items"]), int(value["total"]))
