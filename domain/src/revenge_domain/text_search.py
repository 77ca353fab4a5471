"""Title search: the search text every title search accepts, and the use case that finds titles
(movies, series) among those a caller may read."""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.identity.access import Principal
from revenge_domain.libraries import LibraryAccess, Readable
from revenge_domain.paging import check_page

QUERY_MAX_LENGTH = 200
T = TypeVar("T")


def search_text(query: str) -> str:
    """The query without surrounding blanks; InvalidInput when nothing or too much is left."""
    text = query.strip()
    if not text:
        raise InvalidInput("query must not be empty", {"field": "query"})
    if len(text) > QUERY_MAX_LENGTH:
        message = f"query must be at most {QUERY_MAX_LENGTH} characters"
        raise InvalidInput(message, {"field": "query"})
    return text


class TitleIndex(Protocol[T]):
    """Titles whose title or original title matches a text."""

    async def search(self, readable: Readable, text: str, limit: int, offset: int) -> list[T]:
        """Readable titles matching `text` by word, word prefix or substring, best match
        first, then most popular and best rated."""
        ...


@attrs.frozen
class TitleSearch(Generic[T]):
    """Finding titles by title among those the caller may read."""

    titles: TitleIndex[T]
    access: LibraryAccess

    async def search(self, principal: Principal, query: str, limit: int, offset: int) -> list[T]:
        text = search_text(query)
        check_page(limit, offset)
        readable = await self.access.readable_library_ids(principal)
        return await self.titles.search(readable, text, limit, offset)
