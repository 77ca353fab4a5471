"""What the TV show handlers read from the app."""

from __future__ import annotations

import attrs
from aiohttp import web

from revenge_domain.tvshows import TVShows as ShowCatalogue
from revenge_domain.tvshows import TVViewing, TVWatching
from revenge_domain.tvshows.search import TVShowSearch


@attrs.frozen
class TVShows:
    shows: ShowCatalogue
    watching: TVWatching
    viewing: TVViewing
    search: TVShowSearch


TVSHOWS = web.AppKey("tvshows", TVShows)
