"""library scan progress and file state (filled by the scanning work)

Revision ID: 0015
Revises: 0014
Created: 2026-11-25
"""

from __future__ import annotations

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
