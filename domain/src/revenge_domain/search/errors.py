"""Search errors: callers catch `SearchUnavailable` to fall back to the database."""

from __future__ import annotations

from revenge_domain.errors import DependencyUnavailable, InvalidInput


class SearchUnavailable(DependencyUnavailable):
    """The search engine cannot answer now (down, too slow, collection missing)."""

    code = "search_unavailable"


class InvalidSearch(InvalidInput):
    """The engine refused the query or documents as malformed."""
