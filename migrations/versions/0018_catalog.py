"""catalogue read performance: indexes matching the movie list orders and its count

Revision ID: 0018
Revises: 0017
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# Each order of the movie list (ORDERS and TIE_BREAK in revenge_adapters.movies.catalog) has an
# index in exactly that order over live movies, so a page is read in order and stops at LIMIT;
# the page's count reads only the live movies' library ids (an index-only scan).
INDEXES = (
    ("idx_movies_live_library", "(library_id)"),
    ("idx_movies_live_title", "(lower(title), library_added_at DESC, id)"),
    ("idx_movies_live_year", "(year DESC NULLS LAST, library_added_at DESC, id)"),
    ("idx_movies_live_rating", "(vote_average DESC NULLS LAST, library_added_at DESC, id)"),
)


def upgrade() -> None:
    for name, columns in INDEXES:
        op.execute(f"CREATE INDEX {name} ON movie.movies {columns} WHERE deleted_at IS NULL")


def downgrade() -> None:
    for name, _ in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS movie.{name}")
