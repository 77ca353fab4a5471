"""provider metadata: when each item was last refreshed and how, and the logos of titles

`shared.metadata_refreshes` keeps one row per (job kind, item): refreshes skip items refreshed
lately unless forced, and a title the providers do not know is recorded there, not retried. It
lives beside the catalogue, so recording a refresh never touches the catalogue rows themselves.

Revision ID: 0016
Revises: 0015
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE shared.metadata_refreshes (
            kind text NOT NULL,
            item_id uuid NOT NULL,
            outcome text NOT NULL CHECK (outcome IN ('refreshed', 'not_found')),
            detail text NOT NULL DEFAULT '',
            refreshed_at timestamptz NOT NULL,
            PRIMARY KEY (kind, item_id)
        )
        """
    )
    op.execute("ALTER TABLE movie.movies ADD COLUMN logo_path text")
    op.execute("ALTER TABLE tvshow.series ADD COLUMN logo_path text")


def downgrade() -> None:
    op.execute("ALTER TABLE tvshow.series DROP COLUMN logo_path")
    op.execute("ALTER TABLE movie.movies DROP COLUMN logo_path")
    op.execute("DROP TABLE shared.metadata_refreshes")
