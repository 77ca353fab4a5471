"""index the searched text of movie and series titles for the PostgreSQL title search

Revision ID: 0014
Revises: 0013
Created: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The expressions must stay identical to `title_document` in revenge_adapters.movies.search.
INDEXES = (
    ("movie", "idx_movies_title_search", "movies"),
    ("tvshow", "idx_series_title_search", "series"),
)
DOCUMENT = "to_tsvector('simple', title || ' ' || coalesce(original_title, ''))"


def upgrade() -> None:
    for schema, name, table in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {schema}.{table} USING gin (({DOCUMENT}))")


def downgrade() -> None:
    for schema, name, _ in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {schema}.{name}")
