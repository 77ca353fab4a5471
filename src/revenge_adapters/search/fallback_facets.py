"""Facet counts on PostgreSQL for the search fallback: per facet field, how many readable movies
or TV shows (of a search's matches, or all of them) hold each value, counted as the index counts
them (a document once per value).
"""

# Statements are assembled from the constant fragments of this module; values are bound.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from revenge_adapters.tvshows.sql import scope, scoped
from revenge_domain.libraries import Readable
from revenge_domain.search.answers import Facets
from revenge_domain.search.query import FacetValue

_ALL = "CAST(:all_libraries AS boolean)"
_MOVIE = f"m.deleted_at IS NULL AND ({_ALL} OR m.library_id = ANY(:libraries))"
_SERIES = f"({_ALL} OR s.library_id = ANY(:libraries))"
_MOVIE_HAS_FILE = (
    "EXISTS(SELECT 1 FROM movie.movie_files f WHERE f.movie_id = m.id AND f.deleted_at IS NULL)"
)
_SERIES_HAS_FILE = (
    "EXISTS(SELECT 1 FROM tvshow.episodes e JOIN tvshow.episode_files f ON f.episode_id = e.id"
    " WHERE e.series_id = s.id)"
)

# (collection, facet field) -> a SELECT of (document id, value) pairs, one per value held.
VALUES = {
    ("movies", "genres"): f"""SELECT m.id, g.name FROM movie.movie_genres g
        JOIN movie.movies m ON m.id = g.movie_id WHERE {_MOVIE}""",
    ("movies", "year"): f"SELECT m.id, m.year::text FROM movie.movies m WHERE {_MOVIE}",
    ("movies", "status"): f"SELECT m.id, m.status FROM movie.movies m WHERE {_MOVIE}",
    ("movies", "directors"): f"""SELECT m.id, p.name FROM movie.movie_credits c
        JOIN movie.movies m ON m.id = c.movie_id JOIN shared.people p ON p.id = c.person_id
        WHERE c.credit_type = 'crew' AND c.job = 'Director' AND c.deleted_at IS NULL
        AND {_MOVIE}""",
    ("movies", "resolution"): f"""SELECT m.id, f.resolution FROM movie.movie_files f
        JOIN movie.movies m ON m.id = f.movie_id WHERE f.deleted_at IS NULL AND {_MOVIE}""",
    ("movies", "has_file"): f"""SELECT m.id, CASE WHEN {_MOVIE_HAS_FILE} THEN 'true'
        ELSE 'false' END FROM movie.movies m WHERE {_MOVIE}""",
    ("tvshows", "genres"): f"""SELECT s.id, g.name FROM tvshow.series_genres g
        JOIN tvshow.series s ON s.id = g.series_id WHERE {_SERIES}""",
    ("tvshows", "year"): f"""SELECT s.id, extract(year FROM s.first_air_date)::int::text
        FROM tvshow.series s WHERE {_SERIES}""",
    ("tvshows", "status"): f"SELECT s.id, s.status FROM tvshow.series s WHERE {_SERIES}",
    ("tvshows", "type"): f"SELECT s.id, s.type FROM tvshow.series s WHERE {_SERIES}",
    ("tvshows", "networks"): f"""SELECT s.id, n.name FROM tvshow.series_networks sn
        JOIN tvshow.networks n ON n.id = sn.network_id
        JOIN tvshow.series s ON s.id = sn.series_id WHERE {_SERIES}""",
    ("tvshows", "has_file"): f"""SELECT s.id, CASE WHEN {_SERIES_HAS_FILE} THEN 'true'
        ELSE 'false' END FROM tvshow.series s WHERE {_SERIES}""",
}


def _counted(values: str, within: str | None) -> str:
    matching = f"AND id IN ({within})" if within else ""
    return f"""
        SELECT value, count(DISTINCT id) AS count FROM ({values}) AS pairs (id, value)
        WHERE value IS NOT NULL {matching} GROUP BY value ORDER BY count DESC, value LIMIT :limit
    """


async def facet_counts(
    session: AsyncSession,
    collection: str,
    readable: Readable,
    names: list[str],
    limit: int,
    within: tuple[str, Mapping[str, object]] | None = None,
) -> Facets:
    """Counts of every named facet the database knows for `collection` (others are left out).
    `within`: a SELECT of the ids to count (a search's matches) and the values it binds."""
    counts: Facets = {}
    matching, bound = within or (None, {})
    for name in names:
        values = VALUES.get((collection, name))
        if values is None:
            continue
        statement = scoped(_counted(values, matching))
        rows = await session.execute(statement, scope(readable, limit=limit, **bound))
        counts[name] = [FacetValue(value, count) for value, count in rows]
    return counts
