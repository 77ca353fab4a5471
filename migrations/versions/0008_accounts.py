"""account tokens, preferences and avatars

Revision ID: 0008
Revises: 0007
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reset and verification tokens are kept as SHA-256 hashes only; a used one keeps its row
    # (used_at / verified_at set) so it can never be spent twice.
    op.execute(
        """
        CREATE TABLE shared.password_reset_tokens (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            token_hash text NOT NULL UNIQUE,
            ip_address text,
            user_agent text,
            expires_at timestamptz NOT NULL,
            used_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        "CREATE INDEX idx_password_reset_tokens_user"
        " ON shared.password_reset_tokens (user_id) WHERE used_at IS NULL"
    )
    op.execute(
        """
        CREATE TABLE shared.email_verification_tokens (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            token_hash text NOT NULL UNIQUE,
            email varchar(255) NOT NULL,
            expires_at timestamptz NOT NULL,
            verified_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        "CREATE INDEX idx_email_verification_tokens_user"
        " ON shared.email_verification_tokens (user_id) WHERE verified_at IS NULL"
    )
    op.execute(
        """
        CREATE TABLE shared.user_preferences (
            user_id uuid PRIMARY KEY REFERENCES shared.users (id) ON DELETE CASCADE,
            email_notifications jsonb NOT NULL
                DEFAULT '{"enabled": true, "frequency": "instant"}',
            push_notifications jsonb NOT NULL DEFAULT '{"enabled": false}',
            digest_notifications jsonb NOT NULL
                DEFAULT '{"enabled": true, "frequency": "weekly"}',
            profile_visibility varchar(20) NOT NULL DEFAULT 'private'
                CHECK (profile_visibility IN ('public', 'friends', 'private')),
            show_email boolean NOT NULL DEFAULT false,
            show_activity boolean NOT NULL DEFAULT true,
            theme varchar(20) NOT NULL DEFAULT 'system'
                CHECK (theme IN ('light', 'dark', 'system')),
            display_language varchar(10) NOT NULL DEFAULT 'en-US',
            content_language varchar(255),
            metadata_language varchar(10) NOT NULL DEFAULT 'en',
            show_adult_content boolean NOT NULL DEFAULT false,
            show_spoilers boolean NOT NULL DEFAULT false,
            auto_play_videos boolean NOT NULL DEFAULT true,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        """
        CREATE TABLE shared.user_avatars (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            file_path text NOT NULL,
            file_size_bytes bigint NOT NULL,
            mime_type varchar(100) NOT NULL,
            width integer NOT NULL,
            height integer NOT NULL,
            is_animated boolean NOT NULL DEFAULT false,
            version integer NOT NULL DEFAULT 1,
            is_current boolean NOT NULL DEFAULT true,
            uploaded_at timestamptz NOT NULL DEFAULT now(),
            deleted_at timestamptz
        )
        """
    )
    # At most one current avatar per user.
    op.execute(
        "CREATE UNIQUE INDEX idx_user_avatars_unique_current ON shared.user_avatars (user_id)"
        " WHERE is_current AND deleted_at IS NULL"
    )
    op.execute(
        "CREATE INDEX idx_user_avatars_user_version"
        " ON shared.user_avatars (user_id, version DESC) WHERE deleted_at IS NULL"
    )


def downgrade() -> None:
    op.execute("DROP TABLE shared.user_avatars")
    op.execute("DROP TABLE shared.user_preferences")
    op.execute("DROP TABLE shared.email_verification_tokens")
    op.execute("DROP TABLE shared.password_reset_tokens")
