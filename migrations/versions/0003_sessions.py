"""create shared.sessions, shared.auth_tokens, shared.failed_login_attempts, shared.user_roles

Revision ID: 0003
Revises: 0002
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE shared.sessions (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            ip_address text NOT NULL DEFAULT '',
            user_agent text,
            device_name varchar(255),
            created_at timestamptz NOT NULL DEFAULT now(),
            last_activity_at timestamptz NOT NULL DEFAULT now(),
            expires_at timestamptz NOT NULL,
            revoked_at timestamptz,
            revoke_reason text
        )
        """
    )
    op.execute(
        "CREATE INDEX idx_sessions_user_live ON shared.sessions (user_id) WHERE revoked_at IS NULL"
    )
    # Every refresh token a session ever had: a rotated one (replaced_at set) presented again
    # is how reuse is detected.
    op.execute(
        """
        CREATE TABLE shared.auth_tokens (
            token_hash text PRIMARY KEY,
            session_id uuid NOT NULL REFERENCES shared.sessions (id) ON DELETE CASCADE,
            created_at timestamptz NOT NULL DEFAULT now(),
            expires_at timestamptz NOT NULL,
            replaced_at timestamptz
        )
        """
    )
    op.execute("CREATE INDEX idx_auth_tokens_session ON shared.auth_tokens (session_id)")
    op.execute(
        """
        CREATE TABLE shared.failed_login_attempts (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            login text NOT NULL,
            ip_address text NOT NULL,
            attempted_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        "CREATE INDEX idx_failed_logins_login"
        " ON shared.failed_login_attempts (lower(login), attempted_at)"
    )
    op.execute(
        "CREATE INDEX idx_failed_logins_address"
        " ON shared.failed_login_attempts (ip_address, attempted_at)"
    )
    op.execute(
        """
        CREATE TABLE shared.user_roles (
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            role varchar(50) NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (user_id, role)
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE shared.user_roles")
    op.execute("DROP TABLE shared.failed_login_attempts")
    op.execute("DROP TABLE shared.auth_tokens")
    op.execute("DROP TABLE shared.sessions")
