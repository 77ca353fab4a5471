"""Page parameters every list read shares."""

from __future__ import annotations

import enum
from typing import TypeVar

from revenge_domain.errors import InvalidInput

MAX_PAGE = 100
E = TypeVar("E", bound=enum.Enum)


def check_page(limit: int, offset: int, maximum: int = MAX_PAGE) -> None:
    """Refuse a page size outside 1..maximum or a negative offset, naming the field."""
    if not 1 <= limit <= maximum:
        raise InvalidInput(f"limit must be between 1 and {maximum}", {"field": "limit"})
    if offset < 0:
        raise InvalidInput("offset must not be negative", {"field": "offset"})


def parse_order_by(orders: type[E], value: str) -> E:
    """The order `value` names (the `order_by` parameter); InvalidInput lists the others."""
    try:
        return orders(value)
    except ValueError:
        kinds = ", ".join(order.value for order in orders)
        raise InvalidInput(f"order_by must be one of {kinds}", {"field": "order_by"}) from None
