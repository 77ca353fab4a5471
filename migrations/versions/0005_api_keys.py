"""create shared.api_keys

Revision ID: 0005
Revises: 0004
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only the SHA-256 of a key is stored; key_prefix (its first characters) is for display.
    op.execute(
        """
        CREATE TABLE shared.api_keys (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            name varchar(255) NOT NULL,
            description text,
            key_hash varchar(64) NOT NULL UNIQUE,
            key_prefix varchar(16) NOT NULL,
            scopes text[] NOT NULL DEFAULT '{}',
            is_active boolean NOT NULL DEFAULT true,
            expires_at timestamptz,
            last_used_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT api_keys_scopes_known
                CHECK (scopes <@ ARRAY['read', 'write', 'admin']::text[])
        )
        """
    )
    op.execute("CREATE INDEX idx_api_keys_user ON shared.api_keys (user_id)")
    op.execute("CREATE INDEX idx_api_keys_prefix ON shared.api_keys (key_prefix)")
    op.execute(
        "CREATE INDEX idx_api_keys_expires ON shared.api_keys (expires_at)"
        " WHERE expires_at IS NOT NULL AND is_active"
    )


def downgrade() -> None:
    op.execute("DROP TABLE shared.api_keys")
