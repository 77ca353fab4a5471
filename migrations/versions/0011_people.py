"""create shared.people: the people that movie and TV credits point at

Revision ID: 0011
Revises: 0010
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE shared.people (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            name text NOT NULL CHECK (length(name) > 0),
            original_name text,
            tmdb_id integer UNIQUE,
            tvdb_id integer UNIQUE,
            imdb_id varchar(20) UNIQUE,
            profile_path text,
            biography text,
            birthday date,
            deathday date,
            place_of_birth text,
            gender smallint NOT NULL DEFAULT 0 CHECK (gender BETWEEN 0 AND 3),
            known_for_department text,
            popularity double precision NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE INDEX idx_people_name ON shared.people (lower(name))")
    op.execute("CREATE INDEX idx_people_popularity ON shared.people (popularity DESC)")


def downgrade() -> None:
    op.execute("DROP TABLE shared.people")
