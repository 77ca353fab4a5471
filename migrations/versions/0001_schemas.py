"""create the schemas and the database search_path

Revision ID: 0001
Revises:
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out here, not imported: a migration must keep doing what it did when it was written.
SCHEMAS = ("shared", "movie", "tvshow", "qar")
SEARCH_PATH = "public, shared, movie, tvshow, qar"


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS public")
    for schema in SCHEMAS:
        op.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    # So that psql sessions and other tools see the same names as the server's connections.
    op.execute(
        "DO $$ BEGIN EXECUTE format("
        f"'ALTER DATABASE %I SET search_path TO {SEARCH_PATH}', current_database()); END $$"
    )


def downgrade() -> None:
    op.execute(
        "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET search_path', current_database()); "
        "END $$"
    )
    # No CASCADE: a schema still holding objects means a later downgrade forgot them. `public`
    # existed before us and stays.
    for schema in reversed(SCHEMAS):
        op.execute(f"DROP SCHEMA {schema}")
