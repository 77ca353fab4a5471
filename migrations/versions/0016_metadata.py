"""provider metadata columns (filled by the metadata work)

Revision ID: 0016
Revises: 0015
Created: 2026-11-25
"""

from __future__ import annotations

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
