"""library scan progress and file state (filled by the scanning work)

`public.library_files` is what the last scan saw of each video file (to scan incrementally),
`public.library_scan_problems` the paths each scan could not read, and
`tvshow.episode_file_episodes` the further episodes a multi-episode file holds.

Revision ID: 0015
Revises: 0014
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TABLES = (
    """
    CREATE TABLE public.library_files (
        library_id uuid NOT NULL REFERENCES public.libraries (id) ON DELETE CASCADE,
        path text NOT NULL,
        size bigint NOT NULL,
        mtime_ns bigint NOT NULL,
        inode bigint NOT NULL DEFAULT 0,
        status varchar(20) NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'matched', 'unmatched', 'ignored')),
        error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (library_id, path)
    )
    """,
    """
    CREATE TABLE public.library_scan_problems (
        id bigserial PRIMARY KEY,
        scan_id uuid NOT NULL REFERENCES public.library_scans (id) ON DELETE CASCADE,
        path text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX idx_library_scan_problems_scan ON public.library_scan_problems (scan_id)",
    """
    CREATE TABLE tvshow.episode_file_episodes (
        episode_file_id uuid NOT NULL REFERENCES tvshow.episode_files (id) ON DELETE CASCADE,
        episode_id uuid NOT NULL REFERENCES tvshow.episodes (id) ON DELETE CASCADE,
        PRIMARY KEY (episode_file_id, episode_id)
    )
    """,
    "CREATE INDEX idx_episode_file_episodes_episode ON tvshow.episode_file_episodes (episode_id)",
)


def upgrade() -> None:
    for statement in TABLES:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE tvshow.episode_file_episodes")
    op.execute("DROP TABLE public.library_scan_problems")
    op.execute("DROP TABLE public.library_files")
