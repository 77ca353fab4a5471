"""create shared.server_settings, shared.user_settings and public.activity_log

Only values someone set are stored: every known key and its default is declared in the code.

Revision ID: 0009
Revises: 0008
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE shared.server_settings (
            key varchar(255) PRIMARY KEY,
            value jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            updated_by uuid REFERENCES shared.users (id) ON DELETE SET NULL
        )
        """
    )
    op.execute(
        """
        CREATE TABLE shared.user_settings (
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            key varchar(255) NOT NULL,
            value jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (user_id, key)
        )
        """
    )
    # The log outlives the accounts it mentions: a deleted user's entries keep the username.
    op.execute(
        """
        CREATE TABLE public.activity_log (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid REFERENCES shared.users (id) ON DELETE SET NULL,
            username varchar(255),
            action varchar(100) NOT NULL,
            resource_type varchar(50),
            resource_id uuid,
            changes jsonb,
            metadata jsonb,
            ip_address inet,
            user_agent text,
            success boolean NOT NULL DEFAULT true,
            error_message text,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    for name, columns in (
        ("idx_activity_log_user", "user_id, created_at DESC"),
        ("idx_activity_log_action", "action, created_at DESC"),
        ("idx_activity_log_resource", "resource_type, resource_id"),
        ("idx_activity_log_created", "created_at DESC"),
    ):
        op.execute(f"CREATE INDEX {name} ON public.activity_log ({columns})")
    op.execute(
        "CREATE INDEX idx_activity_log_failed ON public.activity_log (created_at DESC) "
        "WHERE success = false"
    )


def downgrade() -> None:
    op.execute("DROP TABLE public.activity_log")
    op.execute("DROP TABLE shared.user_settings")
    op.execute("DROP TABLE shared.server_settings")
