"""The TV catalogue: series, seasons, episodes and each user's progress through them."""

from revenge_domain.tvshows.cases import TVShows, TVWatching
from revenge_domain.tvshows.model import (
    MAX_BULK,
    Credit,
    CreditKind,
    Episode,
    Genre,
    Network,
    Page,
    Progress,
    Season,
    Series,
    SeriesOrder,
    WatchedEpisode,
    bulk_ids,
    is_completed,
    next_episode,
    parse_order,
)
from revenge_domain.tvshows.ports import TVCatalog, WatchState

__all__ = [
    "MAX_BULK",
    "Credit",
    "CreditKind",
    "Episode",
    "Genre",
    "Network",
    "Page",
    "Progress",
    "Season",
    "Series",
    "SeriesOrder",
    "TVCatalog",
    "TVShows",
    "TVWatching",
    "WatchState",
    "WatchedEpisode",
    "bulk_ids",
    "is_completed",
    "next_episode",
    "parse_order",
]
