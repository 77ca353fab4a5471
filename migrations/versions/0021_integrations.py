"""Radarr and Sonarr integrations: the state of each one's last sync, and lookups by their ids

Revision ID: 0021
Revises: 0020
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

UPGRADE = (
    """
    CREATE TABLE public.integration_syncs (
        service text PRIMARY KEY CHECK (service IN ('radarr', 'sonarr')),
        running boolean NOT NULL DEFAULT false,
        claimed_at timestamptz,
        last_sync timestamptz,
        last_error text,
        report jsonb NOT NULL DEFAULT '{}'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX idx_movies_radarr_id ON movie.movies (radarr_id) WHERE radarr_id IS NOT NULL",
    "CREATE INDEX idx_movie_files_radarr_file_id ON movie.movie_files (radarr_file_id)"
    " WHERE radarr_file_id IS NOT NULL",
    "CREATE INDEX idx_episode_files_sonarr_file_id ON tvshow.episode_files (sonarr_file_id)"
    " WHERE sonarr_file_id IS NOT NULL",
)


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP INDEX tvshow.idx_episode_files_sonarr_file_id")
    op.execute("DROP INDEX movie.idx_movie_files_radarr_file_id")
    op.execute("DROP INDEX movie.idx_movies_radarr_id")
    op.execute("DROP TABLE public.integration_syncs")
