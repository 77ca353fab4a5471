"""catalogue read performance (filled by the catalogue work)

Revision ID: 0018
Revises: 0017
Created: 2026-11-25
"""

from __future__ import annotations

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
