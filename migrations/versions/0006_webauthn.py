"""create the WebAuthn credentials table (passkeys and security keys)

Revision ID: 0006
Revises: 0005
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE public.webauthn_credentials (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            credential_id bytea NOT NULL UNIQUE CHECK (length(credential_id) > 0),
            public_key bytea NOT NULL CHECK (length(public_key) > 0),
            sign_count bigint NOT NULL DEFAULT 0 CHECK (sign_count >= 0),
            clone_detected boolean NOT NULL DEFAULT false,
            aaguid bytea CHECK (aaguid IS NULL OR length(aaguid) = 16),
            attestation_type text NOT NULL,
            transports text[],
            backup_eligible boolean NOT NULL DEFAULT false,
            backup_state boolean NOT NULL DEFAULT false,
            user_present boolean NOT NULL DEFAULT true,
            user_verified boolean NOT NULL DEFAULT false,
            name text,
            created_at timestamptz NOT NULL DEFAULT now(),
            last_used_at timestamptz
        )
        """
    )
    op.execute(
        "CREATE INDEX idx_webauthn_credentials_user ON public.webauthn_credentials (user_id)"
    )
    op.execute(
        "CREATE INDEX idx_webauthn_credentials_last_used ON public.webauthn_credentials "
        "(last_used_at DESC) WHERE last_used_at IS NOT NULL"
    )
    op.execute(
        "CREATE INDEX idx_webauthn_credentials_clones ON public.webauthn_credentials "
        "(user_id, clone_detected) WHERE clone_detected"
    )


def downgrade() -> None:
    # Indexes go with the table.
    op.execute("DROP TABLE public.webauthn_credentials")
