"""Ports of the refresh: read what to refresh from the catalogue, write what providers said.

Each `write_*` is one transaction and changes only columns and rows that differ from what is
stored; its `Written` says what changed, so a second run with the same data reports nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from uuid import UUID

from revenge_domain.metadata.refresh.model import (
    Enrichment,
    EpisodeFacts,
    EpisodeTarget,
    LastRefresh,
    MovieFacts,
    MovieTarget,
    Outcome,
    PersonDetails,
    PersonTarget,
    SeasonFacts,
    SeasonTarget,
    SeriesFacts,
    SeriesTarget,
    Written,
)


class MovieMetadataStore(Protocol):
    async def movie(self, movie_id: UUID) -> MovieTarget | None:
        """The live movie, or None when there is none."""
        ...

    async def write_movie(self, movie_id: UUID, facts: MovieFacts, at: dt.datetime) -> Written:
        """Movie columns, `*_i18n` (merged by language), genres, credits (people upserted by
        TMDb id) and collection membership."""
        ...

    async def write_enrichment(self, movie_id: UUID, facts: Enrichment) -> Written: ...


class SeriesMetadataStore(Protocol):
    async def series(self, series_id: UUID) -> SeriesTarget | None: ...

    async def season(self, season_id: UUID) -> SeasonTarget | None: ...

    async def episode(self, episode_id: UUID) -> EpisodeTarget | None: ...

    async def write_series(self, series_id: UUID, facts: SeriesFacts, at: dt.datetime) -> Written:
        """Series columns, `*_i18n`, genres and credits; never creates seasons or episodes."""
        ...

    async def write_season(
        self, season_id: UUID, facts: SeasonFacts, with_episodes: bool
    ) -> Written:
        """The season row and, with `with_episodes`, its existing episodes matched by number."""
        ...

    async def write_episode(self, episode_id: UUID, facts: EpisodeFacts) -> Written: ...

    async def write_enrichment(self, series_id: UUID, facts: Enrichment) -> Written: ...


class PersonMetadataStore(Protocol):
    async def person(self, person_id: UUID) -> PersonTarget | None: ...

    async def write_person(self, person_id: UUID, details: PersonDetails) -> Written: ...


class RefreshLog(Protocol):
    """When each item was last refreshed by each kind of job, and how it ended."""

    async def last(self, kind: str, item_id: UUID) -> LastRefresh | None: ...

    async def record(
        self, kind: str, item_id: UUID, outcome: Outcome, at: dt.datetime, detail: str = ""
    ) -> None: ...
