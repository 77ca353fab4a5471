"""create the movie catalogue in schema `movie`: movies, files, credits, collections, genres and
per-user watch progress

Every movie belongs to a library (catalog reads filter on it); credits point at shared.people.

Revision ID: 0012
Revises: 0011
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = (
    """
    CREATE TABLE movie.movies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        library_id uuid NOT NULL REFERENCES public.libraries (id) ON DELETE CASCADE,
        tmdb_id integer UNIQUE,
        imdb_id text UNIQUE,
        title text NOT NULL,
        original_title text,
        year integer,
        release_date date,
        runtime integer,
        overview text,
        tagline text,
        status text,
        original_language text,
        poster_path text,
        backdrop_path text,
        trailer_url text,
        vote_average numeric(3, 1),
        vote_count integer,
        popularity numeric(10, 3),
        budget bigint,
        revenue bigint,
        library_added_at timestamptz NOT NULL DEFAULT now(),
        metadata_updated_at timestamptz,
        radarr_id integer,
        titles_i18n jsonb DEFAULT '{}',
        taglines_i18n jsonb DEFAULT '{}',
        overviews_i18n jsonb DEFAULT '{}',
        age_ratings jsonb DEFAULT '{}',
        external_ratings jsonb NOT NULL DEFAULT '[]',
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE movie.movie_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        movie_id uuid NOT NULL REFERENCES movie.movies (id) ON DELETE CASCADE,
        file_path text NOT NULL UNIQUE,
        file_size bigint NOT NULL,
        file_name text NOT NULL,
        resolution text,
        quality_profile text,
        video_codec text,
        audio_codec text,
        container text,
        duration_seconds integer,
        bitrate_kbps integer,
        framerate numeric(5, 2),
        dynamic_range text,
        color_space text,
        audio_channels text,
        audio_languages text[],
        subtitle_languages text[],
        radarr_file_id integer,
        last_scanned_at timestamptz,
        is_monitored boolean DEFAULT true,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE movie.movie_credits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        movie_id uuid NOT NULL REFERENCES movie.movies (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES shared.people (id) ON DELETE CASCADE,
        credit_type text NOT NULL CHECK (credit_type IN ('cast', 'crew')),
        character text,
        cast_order integer,
        job text,
        department text,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_cast_fields CHECK (
            (credit_type = 'cast' AND character IS NOT NULL)
            OR (credit_type = 'crew' AND job IS NOT NULL AND department IS NOT NULL)
        )
    )
    """,
    """
    CREATE TABLE movie.movie_collections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tmdb_collection_id integer UNIQUE,
        name text NOT NULL,
        overview text,
        poster_path text,
        backdrop_path text,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE movie.movie_collection_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        collection_id uuid NOT NULL REFERENCES movie.movie_collections (id) ON DELETE CASCADE,
        movie_id uuid NOT NULL REFERENCES movie.movies (id) ON DELETE CASCADE,
        collection_order integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_collection_movie UNIQUE (collection_id, movie_id)
    )
    """,
    """
    CREATE TABLE movie.movie_genres (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        movie_id uuid NOT NULL REFERENCES movie.movies (id) ON DELETE CASCADE,
        name text NOT NULL,
        slug text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_movie_genre UNIQUE (movie_id, slug)
    )
    """,
    """
    CREATE TABLE movie.movie_watched (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
        movie_id uuid NOT NULL REFERENCES movie.movies (id) ON DELETE CASCADE,
        progress_seconds integer NOT NULL DEFAULT 0 CHECK (progress_seconds >= 0),
        duration_seconds integer CHECK (duration_seconds > 0),
        progress_percent numeric(5, 2) GENERATED ALWAYS AS (
            CASE WHEN coalesce(duration_seconds, 0) <= 0 THEN 0
            ELSE least(progress_seconds::numeric * 100 / duration_seconds, 100) END
        ) STORED,
        is_completed boolean NOT NULL DEFAULT false,
        last_watched_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        watch_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_user_movie_watched UNIQUE (user_id, movie_id)
    )
    """,
)

INDEXES = (
    ("idx_movies_library", "movies (library_id)"),
    ("idx_movies_added", "movies (library_added_at DESC, id)"),
    ("idx_movies_title", "movies (lower(title), id)"),
    ("idx_movies_year", "movies (year DESC) WHERE year IS NOT NULL"),
    ("idx_movies_vote_average", "movies (vote_average DESC) WHERE vote_average IS NOT NULL"),
    ("idx_movies_live", "movies (deleted_at) WHERE deleted_at IS NULL"),
    ("idx_movie_files_movie", "movie_files (movie_id)"),
    ("idx_movie_credits_movie", "movie_credits (movie_id, credit_type, cast_order)"),
    ("idx_movie_credits_person", "movie_credits (person_id)"),
    ("idx_collection_members_movie", "movie_collection_members (movie_id)"),
    ("idx_movie_genres_slug", "movie_genres (slug)"),
    ("idx_movie_watched_recent", "movie_watched (user_id, last_watched_at DESC)"),
    ("idx_movie_watched_movie", "movie_watched (movie_id)"),
)

TRIGGERED = ("movies", "movie_files", "movie_credits", "movie_collections", "movie_watched")


def upgrade() -> None:
    for statement in TABLES:
        op.execute(statement)
    for name, target in INDEXES:
        op.execute(f"CREATE INDEX {name} ON movie.{target}")
    op.execute(
        """
        CREATE FUNCTION movie.touch_updated_at() RETURNS trigger AS $$
        BEGIN
            NEW.updated_at = now();
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql
        """
    )
    for table in TRIGGERED:
        op.execute(
            f"CREATE TRIGGER {table}_updated_at BEFORE UPDATE ON movie.{table} "
            "FOR EACH ROW EXECUTE FUNCTION movie.touch_updated_at()"
        )


def downgrade() -> None:
    for table in (
        "movie_watched",
        "movie_genres",
        "movie_collection_members",
        "movie_collections",
        "movie_credits",
        "movie_files",
        "movies",
    ):
        op.execute(f"DROP TABLE movie.{table}")
    op.execute("DROP FUNCTION movie.touch_updated_at()")
