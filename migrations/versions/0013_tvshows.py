"""create schema tvshow: series, seasons, episodes, files, watch state, genres, credits, networks

Revision ID: 0013
Revises: 0012
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TABLES = (
    """
    CREATE TABLE tvshow.series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        library_id uuid NOT NULL REFERENCES public.libraries(id) ON DELETE CASCADE,
        tmdb_id integer UNIQUE,
        tvdb_id integer UNIQUE,
        imdb_id text,
        sonarr_id integer,
        title text NOT NULL,
        tagline text,
        overview text,
        titles_i18n jsonb NOT NULL DEFAULT '{}',
        taglines_i18n jsonb NOT NULL DEFAULT '{}',
        overviews_i18n jsonb NOT NULL DEFAULT '{}',
        age_ratings jsonb NOT NULL DEFAULT '{}',
        original_language text NOT NULL DEFAULT 'en',
        original_title text,
        status text,
        type text,
        first_air_date date,
        last_air_date date,
        vote_average numeric(4,2),
        vote_count integer,
        popularity numeric(10,3),
        poster_path text,
        backdrop_path text,
        total_seasons integer NOT NULL DEFAULT 0,
        total_episodes integer NOT NULL DEFAULT 0,
        trailer_url text,
        homepage text,
        metadata_updated_at timestamptz,
        external_ratings jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE tvshow.seasons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid NOT NULL REFERENCES tvshow.series(id) ON DELETE CASCADE,
        tmdb_id integer,
        season_number integer NOT NULL,
        name text NOT NULL,
        overview text,
        names_i18n jsonb NOT NULL DEFAULT '{}',
        overviews_i18n jsonb NOT NULL DEFAULT '{}',
        poster_path text,
        episode_count integer NOT NULL DEFAULT 0,
        air_date date,
        vote_average numeric(4,2),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (series_id, season_number)
    )
    """,
    """
    CREATE TABLE tvshow.episodes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid NOT NULL REFERENCES tvshow.series(id) ON DELETE CASCADE,
        season_id uuid NOT NULL REFERENCES tvshow.seasons(id) ON DELETE CASCADE,
        tmdb_id integer,
        tvdb_id integer,
        imdb_id text,
        season_number integer NOT NULL,
        episode_number integer NOT NULL,
        title text NOT NULL,
        overview text,
        titles_i18n jsonb NOT NULL DEFAULT '{}',
        overviews_i18n jsonb NOT NULL DEFAULT '{}',
        air_date date,
        runtime integer,
        vote_average numeric(4,2),
        vote_count integer,
        still_path text,
        production_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (series_id, season_number, episode_number)
    )
    """,
    """
    CREATE TABLE tvshow.episode_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        episode_id uuid NOT NULL REFERENCES tvshow.episodes(id) ON DELETE CASCADE,
        file_path text NOT NULL UNIQUE,
        file_name text NOT NULL,
        file_size bigint NOT NULL,
        container text,
        resolution text,
        quality_profile text,
        video_codec text,
        audio_codec text,
        bitrate_kbps integer,
        duration_seconds numeric(10,3),
        audio_languages text[] NOT NULL DEFAULT '{}',
        subtitle_languages text[] NOT NULL DEFAULT '{}',
        sonarr_file_id integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE tvshow.episode_watched (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES shared.users(id) ON DELETE CASCADE,
        episode_id uuid NOT NULL REFERENCES tvshow.episodes(id) ON DELETE CASCADE,
        progress_seconds integer NOT NULL DEFAULT 0 CHECK (progress_seconds >= 0),
        duration_seconds integer NOT NULL DEFAULT 0 CHECK (duration_seconds >= 0),
        is_completed boolean NOT NULL DEFAULT false,
        watch_count integer NOT NULL DEFAULT 0,
        last_watched_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, episode_id)
    )
    """,
    """
    CREATE TABLE tvshow.series_genres (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid NOT NULL REFERENCES tvshow.series(id) ON DELETE CASCADE,
        name text NOT NULL,
        slug text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_series_genre UNIQUE (series_id, slug)
    )
    """,
    """
    CREATE TABLE tvshow.series_credits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid NOT NULL REFERENCES tvshow.series(id) ON DELETE CASCADE,
        person_id uuid REFERENCES shared.people(id) ON DELETE SET NULL,
        tmdb_person_id integer NOT NULL,
        name text NOT NULL,
        credit_type text NOT NULL CHECK (credit_type IN ('cast', 'crew')),
        character text,
        cast_order integer,
        job text,
        department text,
        profile_path text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE tvshow.networks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tmdb_id integer UNIQUE,
        name text NOT NULL,
        logo_path text,
        origin_country text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE tvshow.series_networks (
        series_id uuid NOT NULL REFERENCES tvshow.series(id) ON DELETE CASCADE,
        network_id uuid NOT NULL REFERENCES tvshow.networks(id) ON DELETE CASCADE,
        PRIMARY KEY (series_id, network_id)
    )
    """,
)

INDEXES = (
    "CREATE INDEX idx_series_library ON tvshow.series (library_id)",
    "CREATE INDEX idx_series_created_at ON tvshow.series (created_at DESC, id)",
    "CREATE INDEX idx_series_title ON tvshow.series (lower(title), id)",
    "CREATE INDEX idx_series_status ON tvshow.series (status)",
    "CREATE INDEX idx_series_first_air_date ON tvshow.series (first_air_date)",
    "CREATE INDEX idx_series_sonarr_id ON tvshow.series (sonarr_id) WHERE sonarr_id IS NOT NULL",
    "CREATE INDEX idx_episodes_season ON tvshow.episodes (season_id, episode_number)",
    "CREATE INDEX idx_episodes_air_date ON tvshow.episodes (air_date)",
    "CREATE INDEX idx_episode_files_episode ON tvshow.episode_files (episode_id)",
    "CREATE INDEX idx_episode_watched_episode ON tvshow.episode_watched (episode_id)",
    "CREATE INDEX idx_episode_watched_recent ON tvshow.episode_watched"
    " (user_id, last_watched_at DESC) WHERE NOT is_completed",
    "CREATE INDEX idx_series_genres_slug ON tvshow.series_genres (slug)",
    "CREATE INDEX idx_series_credits_series ON tvshow.series_credits (series_id, credit_type)",
    "CREATE INDEX idx_series_credits_person ON tvshow.series_credits (person_id)",
    "CREATE INDEX idx_series_networks_network ON tvshow.series_networks (network_id)",
)


def upgrade() -> None:
    for statement in (*TABLES, *INDEXES):
        op.execute(statement)


def downgrade() -> None:
    for table in (
        "series_networks",
        "networks",
        "series_credits",
        "series_genres",
        "episode_watched",
        "episode_files",
        "episodes",
        "seasons",
        "series",
    ):
        op.execute(f"DROP TABLE tvshow.{table}")
