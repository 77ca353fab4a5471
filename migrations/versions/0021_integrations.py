"""Radarr and Sonarr integrations (filled by the integrations work)

Revision ID: 0021
Revises: 0020
Created: 2026-11-25
"""

from __future__ import annotations

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
