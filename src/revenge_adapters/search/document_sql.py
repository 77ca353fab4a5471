"""The SELECTs that build search documents, one per collection; `{where}` picks the rows.

Each statement reads one row per document with its lists gathered by correlated subqueries on
indexed foreign keys, so a batch of ids (or a page of a rebuild) is one query.
"""

# Statements are assembled from the constant fragments of this module; values are bound.
# ruff: noqa: S608

from __future__ import annotations

from revenge_domain.ports.catalog_changes import Entity


def _epoch(column: str) -> str:
    return f"extract(epoch FROM {column})::bigint"


CAST_LIMIT = 20
KNOWN_FOR_LIMIT = 5

# Movies are read set-wise too: genres, credits and files for the whole batch, then joined.
MOVIES = f"""
WITH m AS (SELECT * FROM movie.movies m WHERE m.deleted_at IS NULL AND {{where}}),
genres AS (
    SELECT movie_id, array_agg(name ORDER BY name) AS genres,
        array_agg(slug ORDER BY slug) AS genre_slugs
    FROM movie.movie_genres WHERE movie_id IN (SELECT id FROM m) GROUP BY movie_id
),
people AS (
    SELECT c.movie_id,
        array_agg(p.name ORDER BY c.cast_order NULLS LAST, p.name)
            FILTER (WHERE c.credit_type = 'cast') AS cast,
        array_agg(DISTINCT p.name) FILTER (WHERE c.credit_type = 'crew' AND c.job = 'Director')
            AS directors
    FROM movie.movie_credits c JOIN shared.people p ON p.id = c.person_id
    WHERE c.movie_id IN (SELECT id FROM m) AND c.deleted_at IS NULL
    GROUP BY c.movie_id
),
files AS (
    SELECT DISTINCT ON (movie_id) movie_id, resolution, quality_profile
    FROM movie.movie_files WHERE movie_id IN (SELECT id FROM m) AND deleted_at IS NULL
    ORDER BY movie_id, created_at, id
)
SELECT m.id, m.library_id, m.tmdb_id, m.imdb_id, m.title, m.original_title, m.year,
    {_epoch("m.release_date")} AS release_date, m.runtime, m.overview, m.tagline, m.status,
    m.original_language, m.poster_path, m.backdrop_path, m.vote_average::float8 AS vote_average,
    m.vote_count, coalesce(m.popularity, 0)::float8 AS popularity,
    {_epoch("m.library_added_at")} AS library_added_at,
    {_epoch("m.created_at")} AS created_at, {_epoch("m.updated_at")} AS updated_at,
    coalesce(g.genres, '{{{{}}}}') AS genres, coalesce(g.genre_slugs, '{{{{}}}}') AS genre_slugs,
    coalesce(c.cast[1:{CAST_LIMIT}], '{{{{}}}}') AS cast,
    coalesce(c.directors, '{{{{}}}}') AS directors,
    f.movie_id IS NOT NULL AS has_file, f.resolution, f.quality_profile
FROM m LEFT JOIN genres g ON g.movie_id = m.id LEFT JOIN people c ON c.movie_id = m.id
LEFT JOIN files f ON f.movie_id = m.id
ORDER BY m.id
"""

TVSHOWS = f"""
SELECT s.id, s.library_id, s.tmdb_id, s.tvdb_id, s.imdb_id, s.title, s.original_title,
    extract(year FROM s.first_air_date)::int AS year,
    {_epoch("s.first_air_date")} AS first_air_date, s.overview, s.status, s.type,
    s.original_language, s.poster_path, s.backdrop_path, s.vote_average::float8 AS vote_average,
    s.vote_count, coalesce(s.popularity, 0)::float8 AS popularity, s.total_seasons,
    s.total_episodes, {_epoch("s.created_at")} AS created_at,
    {_epoch("s.updated_at")} AS updated_at,
    ARRAY(SELECT g.name FROM tvshow.series_genres g WHERE g.series_id = s.id ORDER BY g.name)
        AS genres,
    ARRAY(SELECT g.slug FROM tvshow.series_genres g WHERE g.series_id = s.id ORDER BY g.slug)
        AS genre_slugs,
    ARRAY(SELECT c.name FROM tvshow.series_credits c
          WHERE c.series_id = s.id AND c.credit_type = 'cast'
          ORDER BY c.cast_order NULLS LAST, c.name LIMIT {CAST_LIMIT}) AS cast,
    ARRAY(SELECT n.name FROM tvshow.series_networks sn
          JOIN tvshow.networks n ON n.id = sn.network_id
          WHERE sn.series_id = s.id ORDER BY n.name) AS networks,
    EXISTS(SELECT 1 FROM tvshow.episodes e JOIN tvshow.episode_files f ON f.episode_id = e.id
           WHERE e.series_id = s.id) AS has_file
FROM tvshow.series s
WHERE {{where}}
"""

SEASONS = f"""
SELECT n.id, s.library_id, n.series_id, n.tmdb_id, n.season_number, n.name, n.overview,
    coalesce({_epoch("n.air_date")}, 0) AS air_date, n.episode_count,
    n.vote_average::float8 AS vote_average, n.poster_path, s.title AS series_title,
    s.poster_path AS series_poster_path, {_epoch("n.created_at")} AS created_at,
    {_epoch("n.updated_at")} AS updated_at
FROM tvshow.seasons n JOIN tvshow.series s ON s.id = n.series_id
WHERE {{where}}
"""

EPISODES = f"""
SELECT e.id, s.library_id, e.series_id, e.season_id, e.tmdb_id, e.tvdb_id, e.imdb_id,
    e.season_number, e.episode_number, e.title, e.overview,
    coalesce({_epoch("e.air_date")}, 0) AS air_date, e.runtime,
    e.vote_average::float8 AS vote_average, e.vote_count, e.still_path,
    EXISTS(SELECT 1 FROM tvshow.episode_files f WHERE f.episode_id = e.id) AS has_file,
    s.title AS series_title, s.poster_path AS series_poster_path,
    {_epoch("e.created_at")} AS created_at, {_epoch("e.updated_at")} AS updated_at
FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id
WHERE {{where}}
"""

# People are read set-wise: their credits for the whole batch at once, then grouped per person.
# Titles and characters are kept per library (`<library id>:<value>`, a library's best
# `KNOWN_FOR_LIMIT` titles each), so an answer can show only those of readable libraries.
PEOPLE = f"""
WITH p AS (SELECT * FROM shared.people p WHERE {{where}}),
credited AS (
    SELECT c.person_id, m.id AS title_id, true AS is_movie, m.title, m.popularity,
        m.library_id, c.credit_type, c.character, c.department
    FROM movie.movie_credits c JOIN movie.movies m ON m.id = c.movie_id
    WHERE c.person_id IN (SELECT id FROM p) AND c.deleted_at IS NULL AND m.deleted_at IS NULL
    UNION ALL
    SELECT c.person_id, s.id, false, s.title, s.popularity, s.library_id, c.credit_type,
        c.character, c.department
    FROM tvshow.series_credits c JOIN tvshow.series s ON s.id = c.series_id
    WHERE c.person_id IN (SELECT id FROM p)
),
totals AS (
    SELECT person_id,
        array_agg(DISTINCT library_id::text) AS library_ids,
        array_agg(DISTINCT library_id::text || ':' || character)
            FILTER (WHERE coalesce(character, '') <> '') AS library_characters,
        array_agg(DISTINCT CASE WHEN credit_type = 'cast' THEN 'Acting' ELSE department END)
            AS departments,
        count(DISTINCT title_id) FILTER (WHERE is_movie) AS movie_count,
        count(DISTINCT title_id) FILTER (WHERE NOT is_movie) AS tvshow_count
    FROM credited GROUP BY person_id
),
ranked AS (
    SELECT person_id, library_id, title, max(popularity) AS popularity, row_number() OVER (
        PARTITION BY person_id, library_id ORDER BY max(popularity) DESC NULLS LAST, title)
        AS rank
    FROM credited GROUP BY person_id, library_id, title
),
known AS (
    SELECT person_id, array_agg(library_id::text || ':' || title
        ORDER BY popularity DESC NULLS LAST, title, library_id) AS library_known_for
    FROM ranked WHERE rank <= {KNOWN_FOR_LIMIT} GROUP BY person_id
)
SELECT p.id, p.tmdb_id, p.name, p.profile_path,
    coalesce(t.library_ids, '{{{{}}}}') AS library_ids,
    coalesce(k.library_known_for, '{{{{}}}}') AS library_known_for,
    coalesce(t.library_characters, '{{{{}}}}') AS library_characters,
    ARRAY(SELECT DISTINCT d FROM unnest(coalesce(t.departments, '{{{{}}}}')
          || p.known_for_department) d WHERE d IS NOT NULL) AS departments,
    coalesce(t.movie_count, 0)::int AS movie_count,
    coalesce(t.tvshow_count, 0)::int AS tvshow_count
FROM p LEFT JOIN totals t ON t.person_id = p.id LEFT JOIN known k ON k.person_id = p.id
ORDER BY p.id
"""

USERS = f"""
SELECT u.id, u.username, u.email, u.display_name, u.avatar_url, u.is_active,
    (u.is_admin OR EXISTS(SELECT 1 FROM shared.user_roles r
                          WHERE r.user_id = u.id AND r.role = 'admin')) AS is_admin,
    {_epoch("u.created_at")} AS created_at, {_epoch("u.last_login_at")} AS last_login_at
FROM shared.users u
WHERE u.deleted_at IS NULL AND {{where}}
"""

SELECTS = {
    Entity.MOVIE: (MOVIES, "m"),
    Entity.SERIES: (TVSHOWS, "s"),
    Entity.SEASON: (SEASONS, "n"),
    Entity.EPISODE: (EPISODES, "e"),
    Entity.PERSON: (PEOPLE, "p"),
    Entity.USER: (USERS, "u"),
}

# (related entity, SELECT of its ids given :ids of the changed entity)
RELATED: dict[Entity, tuple[tuple[Entity, str], ...]] = {
    Entity.MOVIE: (
        (
            Entity.PERSON,
            "SELECT DISTINCT person_id FROM movie.movie_credits WHERE movie_id = ANY(:ids)",
        ),
    ),
    Entity.SERIES: (
        (Entity.SEASON, "SELECT id FROM tvshow.seasons WHERE series_id = ANY(:ids)"),
        (Entity.EPISODE, "SELECT id FROM tvshow.episodes WHERE series_id = ANY(:ids)"),
        (
            Entity.PERSON,
            "SELECT DISTINCT person_id FROM tvshow.series_credits "
            "WHERE series_id = ANY(:ids) AND person_id IS NOT NULL",
        ),
    ),
    Entity.EPISODE: (
        (Entity.SERIES, "SELECT DISTINCT series_id FROM tvshow.episodes WHERE id = ANY(:ids)"),
    ),
    Entity.PERSON: (
        (
            Entity.MOVIE,
            "SELECT DISTINCT movie_id FROM movie.movie_credits WHERE person_id = ANY(:ids)",
        ),
        (
            Entity.SERIES,
            "SELECT DISTINCT series_id FROM tvshow.series_credits WHERE person_id = ANY(:ids)",
        ),
    ),
}
