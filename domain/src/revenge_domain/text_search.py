"""The search text every title search accepts."""

from __future__ import annotations

from revenge_domain.errors import InvalidInput

QUERY_MAX_LENGTH = 200


def search_text(query: str) -> str:
    """The query without surrounding blanks; InvalidInput when nothing or too much is left."""
    text = query.strip()
    if not text:
        raise InvalidInput("query must not be empty", {"field": "query"})
    if len(text) > QUERY_MAX_LENGTH:
        message = f"query must be at most {QUERY_MAX_LENGTH} characters"
        raise InvalidInput(message, {"field": "query"})
    return text
