"""search indexing state (filled by the search work)

Revision ID: 0017
Revises: 0016
Created: 2026-11-25
"""

from __future__ import annotations

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
