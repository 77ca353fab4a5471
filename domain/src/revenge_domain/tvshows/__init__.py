"""The TV catalogue: series, seasons, episodes and each user's progress through them."""

from revenge_domain.tvshows.cases import TVShows, TVWatching
from revenge_domain.tvshows.model import (
    MAX_BULK,
    Credit,
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
from revenge_domain.tvshows.viewing import (
    AiredEpisode,
    EpisodeFile,
    ResumePoint,
    SeriesStats,
    TVViewing,
    UserStats,
    ViewingRecord,
)

__all__ = [
    "MAX_BULK",
    "AiredEpisode",
    "Credit",
    "Episode",
    "EpisodeFile",
    "Genre",
    "Network",
    "Page",
    "Progress",
    "ResumePoint",
    "Season",
    "Series",
    "SeriesOrder",
    "SeriesStats",
    "TVCatalog",
    "TVShows",
    "TVViewing",
    "TVWatching",
    "UserStats",
    "ViewingRecord",
    "WatchState",
    "WatchedEpisode",
    "bulk_ids",
    "is_completed",
    "next_episode",
    "parse_order",
]
