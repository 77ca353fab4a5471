"""What searches fall back on when the search engine cannot answer: the catalogue's database."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from revenge_domain.libraries import Readable
from revenge_domain.search.answers import Facets, FallbackPage
from revenge_domain.search.query import Sort

# How many values of each facet a search answer lists (the engine's default too).
FACET_VALUES = 10


class SearchFallback(Protocol):
    """Title (or name) search over the catalogue itself, one typo per word forgiven."""

    async def search(
        self,
        collection: str,
        readable: Readable,
        text: str,
        limit: int,
        offset: int,
        *,
        sort: Sequence[Sort] = (),
        facets: Sequence[str] = (),
    ) -> FallbackPage:
        """Documents of `collection` (shaped like the index's) in readable libraries whose
        title or name matches `text` by word (one typo forgiven), last-word prefix or substring,
        in `sort` order (fields it cannot sort on are skipped) then those holding the most words
        of `text` first; with the counts of the `facets`
        it can count over every match (`FACET_VALUES` values each, the others left out)."""
        ...

    async def facets(
        self, collection: str, readable: Readable, names: Sequence[str], limit: int
    ) -> Facets:
        """By field, how many readable documents hold each value, most
        frequent first, at most `limit` values; fields it cannot count are left out."""
        ...
