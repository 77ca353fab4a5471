"""Page parameters every list read shares."""

from __future__ import annotations

from revenge_domain.errors import InvalidInput

MAX_PAGE = 100


def check_page(limit: int, offset: int, maximum: int = MAX_PAGE) -> None:
    """Refuse a page size outside 1..maximum or a negative offset, naming the field."""
    if not 1 <= limit <= maximum:
        raise InvalidInput(f"limit must be between 1 and {maximum}", {"field": "limit"})
    if offset < 0:
        raise InvalidInput("offset must not be negative", {"field": "offset"})
