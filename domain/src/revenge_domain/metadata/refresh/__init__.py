"""Refreshing the catalogue from metadata providers, in background jobs."""

import attrs

from revenge_domain.metadata.refresh.context import RefreshContext, settled
from revenge_domain.metadata.refresh.enrich import EnrichTitles
from revenge_domain.metadata.refresh.movies import RefreshMovie
from revenge_domain.metadata.refresh.people import RefreshPerson
from revenge_domain.metadata.refresh.requests import RefreshRequests
from revenge_domain.metadata.refresh.tvshows import RefreshEpisode, RefreshSeason, RefreshSeries


@attrs.frozen
class MetadataRefresh:
    """The use case of each refresh job kind (the job handlers call these)."""

    movie: RefreshMovie
    series: RefreshSeries
    season: RefreshSeason
    episode: RefreshEpisode
    person: RefreshPerson
    enrich: EnrichTitles


__all__ = [
    "EnrichTitles",
    "MetadataRefresh",
    "RefreshContext",
    "RefreshEpisode",
    "RefreshMovie",
    "RefreshPerson",
    "RefreshRequests",
    "RefreshSeason",
    "RefreshSeries",
    "settled",
]
