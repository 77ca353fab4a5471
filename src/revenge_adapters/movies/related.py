"""SQL of the reads that relate movies to others: a movie's collection, similar movies and the
genre directory over movies and series. Each keeps only readable libraries inside the query."""

# Queries are assembled from constant fragments of this module; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

from revenge_adapters.movies.rows import OVERVIEW, TITLE, visible
from revenge_domain.libraries import ALL, Readable

COLLECTION_COLUMNS = """
    k.id, k.tmdb_collection_id, k.name, k.overview, k.poster_path, k.backdrop_path,
    k.created_at, k.updated_at
"""

SIMILAR_COLUMNS = f"""
    m.id, m.tmdb_id, {TITLE}, m.original_title, {OVERVIEW}, m.release_date, m.poster_path,
    m.backdrop_path, m.vote_average, m.vote_count, m.popularity
"""

SHARED_GENRES = """
    SELECT count(*) FROM movie.movie_genres g
    JOIN movie.movie_genres sg ON sg.slug = g.slug AND sg.movie_id = src.id
    WHERE g.movie_id = m.id
"""

SHARED_COLLECTION = """
    SELECT 1 FROM movie.movie_collection_members cm
    JOIN movie.movie_collection_members sc
        ON sc.collection_id = cm.collection_id AND sc.movie_id = src.id
    JOIN movie.movie_collections k ON k.id = cm.collection_id AND k.deleted_at IS NULL
    WHERE cm.movie_id = m.id
"""


def movie_collection_sql(readable: Readable) -> str:
    """The first live collection of a readable movie (binds `:movie_id`)."""
    return f"""
        SELECT {COLLECTION_COLUMNS}
        FROM movie.movies m
        JOIN movie.movie_collection_members cm ON cm.movie_id = m.id
        JOIN movie.movie_collections k ON k.id = cm.collection_id AND k.deleted_at IS NULL
        WHERE m.id = :movie_id AND {visible(readable)}
        ORDER BY k.created_at, k.id LIMIT 1
    """


def similar_sql(readable: Readable) -> str:
    """One row per similar movie (`source` set, other columns NULL when there is none); no row
    when the source movie is not readable. Binds `:movie_id` and `:limit`."""
    return f"""
        SELECT src.id AS source, r.*
        FROM (SELECT m.id FROM movie.movies m WHERE m.id = :movie_id AND {visible(readable)}) src
        LEFT JOIN LATERAL (
            SELECT {SIMILAR_COLUMNS}, ({SHARED_GENRES}) AS shared_genres,
                count(*) OVER () AS full_count
            FROM movie.movies m
            WHERE m.id <> src.id AND {visible(readable)}
                AND (({SHARED_GENRES}) > 0 OR EXISTS ({SHARED_COLLECTION}))
            ORDER BY shared_genres DESC, m.vote_average DESC NULLS LAST, m.id
            LIMIT :limit
        ) r ON TRUE
    """


def genres_sql(readable: Readable) -> str:
    """Distinct genres by slug with how many readable movies and series carry each."""
    series_visible = "TRUE" if readable is ALL else "s.library_id = ANY(:libraries)"
    return f"""
        SELECT tagged.slug, min(tagged.name) AS name,
            count(DISTINCT tagged.movie_id) AS movie_count,
            count(DISTINCT tagged.series_id) AS tvshow_count
        FROM (
            SELECT g.slug, g.name, g.movie_id, NULL::uuid AS series_id
            FROM movie.movie_genres g JOIN movie.movies m ON m.id = g.movie_id
            WHERE {visible(readable)}
            UNION ALL
            SELECT sg.slug, sg.name, NULL::uuid, sg.series_id
            FROM tvshow.series_genres sg JOIN tvshow.series s ON s.id = sg.series_id
            WHERE {series_visible}
        ) tagged
        GROUP BY tagged.slug
        ORDER BY lower(min(tagged.name)), tagged.slug
    """
