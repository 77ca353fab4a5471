"""create shared.users (accounts)

Revision ID: 0002
Revises: 0001
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE shared.users (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            username varchar(255) NOT NULL,
            email varchar(255) NOT NULL,
            password_hash text NOT NULL,
            display_name varchar(255),
            avatar_url text,
            locale varchar(10) NOT NULL DEFAULT 'en-US',
            timezone varchar(50) NOT NULL DEFAULT 'UTC',
            qar_enabled boolean NOT NULL DEFAULT false,
            is_active boolean NOT NULL DEFAULT true,
            is_admin boolean NOT NULL DEFAULT false,
            email_verified boolean NOT NULL DEFAULT false,
            email_verified_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            last_login_at timestamptz,
            deleted_at timestamptz
        )
        """
    )
    # No citext on the embedded server: case-insensitive uniqueness through lower(). Deleted
    # accounts keep their names, so these are not partial.
    op.execute("CREATE UNIQUE INDEX uq_users_username_lower ON shared.users (lower(username))")
    op.execute("CREATE UNIQUE INDEX uq_users_email_lower ON shared.users (lower(email))")
    op.execute("CREATE INDEX idx_users_active ON shared.users (is_active) WHERE deleted_at IS NULL")
    op.execute("CREATE INDEX idx_users_created_at ON shared.users (created_at DESC)")


def downgrade() -> None:
    # Its indexes go with the table.
    op.execute("DROP TABLE shared.users")
