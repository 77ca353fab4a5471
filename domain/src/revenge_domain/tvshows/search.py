"""Searching the titles of the series a caller may read."""

from __future__ import annotations

from typing import Protocol

import attrs

from revenge_domain.identity.access import Principal
from revenge_domain.libraries import LibraryAccess, Readable
from revenge_domain.paging import check_page
from revenge_domain.text_search import search_text
from revenge_domain.tvshows.model import Series


class SeriesTitleSearch(Protocol):
    """Series whose title or original title matches a text."""

    async def search(self, readable: Readable, text: str, limit: int, offset: int) -> list[Series]:
        """Readable series matching `text` by word, word prefix or substring, best match
        first, then most popular and best rated."""
        ...


@attrs.frozen
class TVShowSearch:
    """Finding series by title among those the caller may read."""

    titles: SeriesTitleSearch
    access: LibraryAccess

    async def search(
        self, principal: Principal, query: str, limit: int, offset: int
    ) -> list[Series]:
        text = search_text(query)
        check_page(limit, offset)
        readable = await self.access.readable_library_ids(principal)
        return await self.titles.search(readable, text, limit, offset)
