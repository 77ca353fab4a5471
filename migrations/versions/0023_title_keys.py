"""index the words of movie and series titles, with their one-letter deletions, for the
PostgreSQL title search (one typo per word found by equality, not by scanning titles)

Revision ID: 0023
Revises: 0022
Created: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from revenge_adapters.search.title_keys import (
    INDEX_TRIGGER_FUNCTION,
    KEY_TABLES,
    fold_function,
    key_table_statements,
    keys_function,
)

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

# Migration 0014's indexes, no longer read by any query.
TSVECTOR_INDEXES = (
    ("movie", "idx_movies_title_search", "movies"),
    ("tvshow", "idx_series_title_search", "series"),
)
DOCUMENT = "to_tsvector('simple', title || ' ' || coalesce(original_title, ''))"


def upgrade() -> None:
    for statement in (fold_function(), keys_function(), INDEX_TRIGGER_FUNCTION):
        op.execute(statement)
    for table in KEY_TABLES:
        for statement in key_table_statements(table):
            op.execute(statement)
    for schema, name, _ in TSVECTOR_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {schema}.{name}")


def downgrade() -> None:
    for schema, name, table in TSVECTOR_INDEXES:
        op.execute(f"CREATE INDEX {name} ON {schema}.{table} USING gin (({DOCUMENT}))")
    for table, keys in KEY_TABLES.items():
        name = keys.split(".")[1]
        op.execute(f"DROP TRIGGER IF EXISTS {name}_inserted ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {name}_updated ON {table}")
        op.execute(f"DROP TABLE IF EXISTS {keys}")
    for function in ("index_title_keys()", "title_keys(text[])", "fold_title(text)"):
        op.execute(f"DROP FUNCTION IF EXISTS shared.{function}")
