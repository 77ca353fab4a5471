"""Scan leases: the last sign of life of a running scan, the files still waiting for a match, and
the titles a scan created whose metadata refresh is still to be queued

Revision ID: 0022
Revises: 0021
Created: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

UPGRADE = (
    "ALTER TABLE public.library_scans ADD COLUMN heartbeat_at timestamptz",
    "CREATE INDEX idx_library_files_pending ON public.library_files (updated_at)"
    " WHERE status = 'pending'",
    "CREATE INDEX idx_library_scans_unfinished ON public.library_scans (created_at)"
    " WHERE status IN ('pending', 'running')",
    """
    CREATE TABLE public.title_refresh_outbox (
        entity text NOT NULL CHECK (entity IN ('movie', 'series')),
        item_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entity, item_id)
    )
    """,
)
DOWNGRADE = (
    "DROP TABLE public.title_refresh_outbox",
    "DROP INDEX public.idx_library_scans_unfinished",
    "DROP INDEX public.idx_library_files_pending",
    "ALTER TABLE public.library_scans DROP COLUMN heartbeat_at",
)


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
