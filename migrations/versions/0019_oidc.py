"""OIDC providers and account links (filled by the OIDC work)

Revision ID: 0019
Revises: 0018
Created: 2026-11-25
"""

from __future__ import annotations

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
