"""playback sessions (filled by the playback work)

Revision ID: 0020
Revises: 0019
Created: 2026-11-25
"""

from __future__ import annotations

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
