"""create the MFA tables (TOTP secrets, backup codes, per-user MFA flags)

Revision ID: 0004
Revises: 0003
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE public.user_totp_secrets (
            user_id uuid PRIMARY KEY REFERENCES shared.users (id) ON DELETE CASCADE,
            encrypted_secret bytea NOT NULL CHECK (length(encrypted_secret) > 0),
            enabled boolean NOT NULL DEFAULT false,
            verified_at timestamptz,
            last_used_at timestamptz,
            last_used_step bigint,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        """
        CREATE TABLE public.mfa_backup_codes (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            code_hash text NOT NULL CHECK (length(code_hash) > 0),
            used_at timestamptz,
            used_from_ip inet,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        "CREATE INDEX idx_mfa_backup_codes_unused ON public.mfa_backup_codes (user_id) "
        "WHERE used_at IS NULL"
    )
    op.execute("CREATE INDEX idx_mfa_backup_codes_user ON public.mfa_backup_codes (user_id)")
    op.execute(
        """
        CREATE TABLE public.user_mfa_settings (
            user_id uuid PRIMARY KEY REFERENCES shared.users (id) ON DELETE CASCADE,
            totp_enabled boolean NOT NULL DEFAULT false,
            webauthn_enabled boolean NOT NULL DEFAULT false,
            backup_codes_generated boolean NOT NULL DEFAULT false,
            require_mfa boolean NOT NULL DEFAULT false,
            remember_device_enabled boolean NOT NULL DEFAULT true,
            remember_device_duration_days integer NOT NULL DEFAULT 30
                CHECK (remember_device_duration_days > 0),
            trusted_devices jsonb NOT NULL DEFAULT '[]'
                CHECK (jsonb_typeof(trusted_devices) = 'array'),
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        "CREATE INDEX idx_user_mfa_settings_required ON public.user_mfa_settings (user_id) "
        "WHERE require_mfa"
    )


def downgrade() -> None:
    # Indexes go with their tables.
    op.execute("DROP TABLE public.user_mfa_settings")
    op.execute("DROP TABLE public.mfa_backup_codes")
    op.execute("DROP TABLE public.user_totp_secrets")
