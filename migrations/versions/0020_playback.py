"""playback sessions: no tables, they live in Redis

Sessions expire with a TTL (see revenge_adapters.playback); this revision keeps the chain whole.

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
