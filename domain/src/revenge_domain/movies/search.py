"""Searching the titles of the movies a caller may read."""

from __future__ import annotations

from typing import Protocol

import attrs

from revenge_domain.identity.access import Principal
from revenge_domain.libraries import LibraryAccess, Readable
from revenge_domain.movies.model import Record
from revenge_domain.paging import check_page
from revenge_domain.text_search import search_text


class MovieTitleSearch(Protocol):
    """Movies whose title or original title matches a text."""

    async def search(self, readable: Readable, text: str, limit: int, offset: int) -> list[Record]:
        """Readable movies matching `text` by word, word prefix or substring, best match
        first, then most popular and best rated."""
        ...


@attrs.frozen
class MovieSearch:
    """Finding movies by title among those the caller may read."""

    titles: MovieTitleSearch
    access: LibraryAccess

    async def search(
        self, principal: Principal, query: str, limit: int, offset: int
    ) -> list[Record]:
        text = search_text(query)
        check_page(limit, offset)
        readable = await self.access.readable_library_ids(principal)
        return await self.titles.search(readable, text, limit, offset)
