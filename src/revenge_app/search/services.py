"""What the search handlers read from the app."""

from __future__ import annotations

import attrs
from aiohttp import web

from revenge_domain.search.library_search import LibrarySearch
from revenge_domain.search.reindexing import RequestReindex


@attrs.frozen
class Search:
    # The engine first, the database when it cannot answer.
    search: LibrarySearch
    # Full rebuilds of the collections (none with search off).
    reindex: RequestReindex | None


SEARCH = web.AppKey("search", Search)
