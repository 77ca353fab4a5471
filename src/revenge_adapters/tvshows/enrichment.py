"""The TV side of the refresh (`SeriesMetadataStore`) on PostgreSQL: series, existing seasons
and episodes (matched by number, never created here), each write one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from revenge_adapters.catalog_writes import (
    artwork,
    by_language,
    changed,
    credit_rows,
    kept,
    locked,
    merged,
    new_images,
    rowcount,
    update_if_changed,
)
from revenge_adapters.title_writes import (
    PgTitleStore,
    TitleTables,
    cleared_credits,
    credit_columns,
    title_columns,
    title_values,
    unique,
)
from revenge_domain.metadata.refresh.model import (
    EpisodeFacts,
    EpisodeRef,
    EpisodeTarget,
    SeasonFacts,
    SeasonRef,
    SeasonTarget,
    SeriesFacts,
    SeriesTarget,
    Written,
)

_SERIES = """
    SELECT id, library_id, title, extract(year FROM first_air_date)::int AS year, tmdb_id,
        tvdb_id, imdb_id, poster_path, backdrop_path
    FROM tvshow.series WHERE id = :id
"""
_SEASONS = "SELECT id, season_number FROM tvshow.seasons WHERE series_id = :id ORDER BY 2"
_SEASON = """
    SELECT se.id, se.series_id, se.season_number, s.tmdb_id AS series_tmdb_id, se.poster_path
    FROM tvshow.seasons se JOIN tvshow.series s ON s.id = se.series_id WHERE se.id = :id
"""
_SEASON_EPISODES = "SELECT id, episode_number FROM tvshow.episodes WHERE season_id = :id"
_EPISODE = """
    SELECT e.id, e.series_id, e.season_id, e.season_number, e.episode_number,
        s.tmdb_id AS series_tmdb_id, e.still_path
    FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id WHERE e.id = :id
"""


_SERIES_COLUMNS = {
    **title_columns("tvshow.series", "numeric(4, 2)"),
    "tvdb_id": unique("tvshow.series", "tvdb_id", "int"),
    "type": kept("type", "text"),
    "first_air_date": kept("first_air_date", "date"),
    "last_air_date": kept("last_air_date", "date"),
    "homepage": kept("homepage", "text"),
}
_UPDATE_SEASON = update_if_changed(
    "tvshow.seasons",
    {
        "tmdb_id": kept("tmdb_id", "int"),
        "name": kept("name", "text"),
        "overview": kept("overview", "text"),
        "air_date": kept("air_date", "date"),
        "poster_path": artwork("poster_path"),
        "vote_average": kept("vote_average", "numeric(4, 2)"),
        "names_i18n": merged("names_i18n"),
        "overviews_i18n": merged("overviews_i18n"),
    },
    "updated_at = now()",
)
_UPDATE_EPISODE = update_if_changed(
    "tvshow.episodes",
    {
        "tmdb_id": kept("tmdb_id", "int"),
        "title": kept("title", "text"),
        "overview": kept("overview", "text"),
        "air_date": kept("air_date", "date"),
        "runtime": kept("runtime", "int"),
        "still_path": kept("still_path", "text"),
        "vote_average": kept("vote_average", "numeric(4, 2)"),
        "vote_count": kept("vote_count", "int"),
        "production_code": kept("production_code", "text"),
        "titles_i18n": merged("titles_i18n"),
        "overviews_i18n": merged("overviews_i18n"),
    },
    "updated_at = now()",
)
_NETWORKS = """
    INSERT INTO tvshow.networks (tmdb_id, name, logo_path, origin_country)
    SELECT * FROM unnest(CAST(:ids AS int[]), CAST(:names AS text[]), CAST(:logos AS text[]),
        CAST(:countries AS text[]))
    ON CONFLICT (tmdb_id) DO UPDATE SET name = EXCLUDED.name,
        logo_path = coalesce(EXCLUDED.logo_path, networks.logo_path),
        origin_country = coalesce(EXCLUDED.origin_country, networks.origin_country),
        updated_at = now()
    WHERE (networks.name, networks.logo_path, networks.origin_country) IS DISTINCT FROM
        (EXCLUDED.name, coalesce(EXCLUDED.logo_path, networks.logo_path),
        coalesce(EXCLUDED.origin_country, networks.origin_country))
"""
_LEFT_NETWORKS = """
    DELETE FROM tvshow.series_networks sn USING tvshow.networks n
    WHERE sn.series_id = :id AND n.id = sn.network_id AND n.tmdb_id <> ALL(CAST(:ids AS int[]))
"""
_JOINED_NETWORKS = """
    INSERT INTO tvshow.series_networks (series_id, network_id)
    SELECT :id, n.id FROM tvshow.networks n WHERE n.tmdb_id = ANY(CAST(:ids AS int[]))
    ON CONFLICT (series_id, network_id) DO NOTHING
"""
_CREDITS = """
    SELECT tmdb_person_id, credit_type, character, cast_order, job, department
    FROM tvshow.series_credits WHERE series_id = :id
"""
_DELETE_CREDITS = "DELETE FROM tvshow.series_credits WHERE series_id = :id"
_INSERT_CREDITS = """
    INSERT INTO tvshow.series_credits (series_id, tmdb_person_id, person_id, name, profile_path,
        credit_type, character, cast_order, job, department)
    SELECT :id, * FROM unnest(CAST(:tmdb_ids AS int[]), CAST(:people AS uuid[]),
        CAST(:names AS text[]), CAST(:profiles AS text[]), CAST(:types AS text[]),
        CAST(:characters AS text[]), CAST(:orders AS int[]), CAST(:jobs AS text[]),
        CAST(:departments AS text[]))
"""


class PgSeriesMetadataStore(PgTitleStore[SeriesFacts]):
    tables = TitleTables(
        "tvshow.series",
        _SERIES_COLUMNS,
        _SERIES,
        "tvshow.series_genres",
        "series_id",
        "updated_at = now()",
    )

    async def series(self, series_id: UUID) -> SeriesTarget | None:
        async with self._sessions() as session:
            row = (await session.execute(text(_SERIES), {"id": series_id})).mappings().first()
            if row is None:
                return None
            seasons = (await session.execute(text(_SEASONS), {"id": series_id})).all()
        return SeriesTarget(**row, seasons=tuple(SeasonRef(s[0], s[1]) for s in seasons))

    async def season(self, season_id: UUID) -> SeasonTarget | None:
        async with self._sessions() as session:
            row = (await session.execute(text(_SEASON), {"id": season_id})).mappings().first()
            if row is None:
                return None
            episodes = (await session.execute(text(_SEASON_EPISODES), {"id": season_id})).all()
        refs = tuple(EpisodeRef(e[0], e[1]) for e in sorted(episodes, key=lambda e: e[1]))
        return SeasonTarget(**row, episodes=refs)

    async def episode(self, episode_id: UUID) -> EpisodeTarget | None:
        row = await self._row(_EPISODE, episode_id)
        return EpisodeTarget(**row) if row is not None else None

    async def write_series(self, series_id: UUID, facts: SeriesFacts, at: dt.datetime) -> Written:
        related = (_replace_credits, _join_networks)
        return await self._write_title(
            series_id, facts, _series_values(series_id, facts), at, related
        )

    async def write_season(
        self, season_id: UUID, facts: SeasonFacts, with_episodes: bool
    ) -> Written:
        async with self._sessions.begin() as session:
            before = await locked(
                session, "SELECT id, poster_path FROM tvshow.seasons WHERE id = :id", season_id
            )
            if before is None:
                return Written()
            row = await changed(session, _UPDATE_SEASON, _season_values(season_id, facts))
            episodes: set[UUID] = set()
            stills: list[tuple[Mapping[str, Any], EpisodeFacts]] = []
            if with_episodes:
                rows = (
                    await session.execute(text(_SEASON_EPISODES + " FOR UPDATE"), {"id": season_id})
                ).all()
                known = {number: episode_id for episode_id, number in rows}
                for episode in facts.episodes:
                    episode_id = known.get(episode.episode_number)
                    if episode_id is None:
                        continue
                    old = await locked(
                        session,
                        "SELECT id, still_path FROM tvshow.episodes WHERE id = :id",
                        episode_id,
                    )
                    if await changed(
                        session, _UPDATE_EPISODE, _episode_values(episode_id, episode)
                    ):
                        episodes.add(episode_id)
                        stills.append((old or {}, episode))
        images = new_images(before, {"poster_path": facts.poster_path})
        for old, episode in stills:
            images += new_images(old, {"still_path": episode.still_path})
        return Written(changed=row, episodes=frozenset(episodes), images=images)

    async def write_episode(self, episode_id: UUID, facts: EpisodeFacts) -> Written:
        async with self._sessions.begin() as session:
            before = await locked(
                session, "SELECT id, still_path FROM tvshow.episodes WHERE id = :id", episode_id
            )
            if before is None:
                return Written()
            if not await changed(session, _UPDATE_EPISODE, _episode_values(episode_id, facts)):
                return Written()
        return Written(changed=True, images=new_images(before, {"still_path": facts.still_path}))


def _series_values(series_id: UUID, facts: SeriesFacts) -> dict[str, Any]:
    return {
        **title_values(series_id, facts),
        "tvdb_id": facts.tvdb_id,
        "type": facts.type,
        "first_air_date": facts.first_air_date,
        "last_air_date": facts.last_air_date,
        "homepage": facts.homepage,
    }


def _season_values(season_id: UUID, facts: SeasonFacts) -> dict[str, Any]:
    return {
        "id": season_id,
        "tmdb_id": facts.tmdb_id,
        "name": facts.name,
        "overview": facts.overview,
        "air_date": facts.air_date,
        "poster_path": facts.poster_path,
        "vote_average": facts.vote_average,
        "names_i18n": by_language(facts.texts, "title"),
        "overviews_i18n": by_language(facts.texts, "overview"),
    }


def _episode_values(episode_id: UUID, facts: EpisodeFacts) -> dict[str, Any]:
    return {
        "id": episode_id,
        "tmdb_id": facts.tmdb_id,
        "title": facts.title,
        "overview": facts.overview,
        "air_date": facts.air_date,
        "runtime": facts.runtime,
        "still_path": facts.still_path,
        "vote_average": facts.vote_average,
        "vote_count": facts.vote_count,
        "production_code": facts.production_code,
        "titles_i18n": by_language(facts.texts, "title"),
        "overviews_i18n": by_language(facts.texts, "overview"),
    }


async def _replace_credits(
    session: AsyncSession, series_id: UUID, facts: SeriesFacts, people: dict[int, UUID]
) -> bool:
    wanted = credit_rows(facts.cast, facts.crew)
    if not await cleared_credits(session, _CREDITS, _DELETE_CREDITS, series_id, wanted):
        return False
    named = {c.person.tmdb_id: c.person for c in facts.cast}
    named.update({c.person.tmdb_id: c.person for c in facts.crew})
    tmdb_ids = [credit[0] for credit in wanted]
    await session.execute(
        text(_INSERT_CREDITS),
        {
            "id": series_id,
            "tmdb_ids": tmdb_ids,
            "people": [people.get(tmdb_id) for tmdb_id in tmdb_ids],
            "names": [named[tmdb_id].name for tmdb_id in tmdb_ids],
            "profiles": [named[tmdb_id].profile_path for tmdb_id in tmdb_ids],
            **credit_columns(wanted),
        },
    )
    return True


async def _join_networks(
    session: AsyncSession, series_id: UUID, facts: SeriesFacts, people: dict[int, UUID]
) -> bool:
    """The series on exactly the provider's networks (none listed: left as they are)."""
    networks = facts.networks
    if not networks:
        return False
    ids = [network.tmdb_id for network in networks]
    values = {
        "ids": ids,
        "names": [network.name for network in networks],
        "logos": [network.logo_path for network in networks],
        "countries": [network.origin_country for network in networks],
    }
    upserted = await session.execute(text(_NETWORKS), values)
    left = await session.execute(text(_LEFT_NETWORKS), {"id": series_id, "ids": ids})
    joined = await session.execute(text(_JOINED_NETWORKS), {"id": series_id, "ids": ids})
    return bool(rowcount(upserted) or rowcount(left) or rowcount(joined))
