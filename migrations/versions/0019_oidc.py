"""OIDC providers and account links

Revision ID: 0019
Revises: 0018
Created: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE shared.oidc_providers (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            name varchar(100) NOT NULL UNIQUE,
            display_name varchar(255) NOT NULL,
            provider_type varchar(50) NOT NULL DEFAULT 'generic',
            issuer_url varchar(500) NOT NULL,
            client_id varchar(255) NOT NULL,
            client_secret_encrypted bytea NOT NULL,
            authorization_endpoint varchar(500),
            token_endpoint varchar(500),
            userinfo_endpoint varchar(500),
            jwks_uri varchar(500),
            end_session_endpoint varchar(500),
            scopes text[] NOT NULL DEFAULT '{openid,profile,email}',
            claim_mappings jsonb NOT NULL DEFAULT '{"username": "preferred_username",
                "email": "email", "name": "name", "picture": "picture", "roles": "groups"}',
            role_mappings jsonb NOT NULL DEFAULT '{}',
            auto_create_users boolean NOT NULL DEFAULT true,
            update_user_info boolean NOT NULL DEFAULT true,
            allow_linking boolean NOT NULL DEFAULT true,
            is_enabled boolean NOT NULL DEFAULT true,
            is_default boolean NOT NULL DEFAULT false,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        "CREATE UNIQUE INDEX idx_oidc_providers_single_default ON shared.oidc_providers "
        "(is_default) WHERE is_default"
    )
    op.execute(
        "CREATE INDEX idx_oidc_providers_enabled ON shared.oidc_providers (is_enabled) "
        "WHERE is_enabled"
    )
    op.execute(
        """
        CREATE TABLE shared.oidc_user_links (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            provider_id uuid NOT NULL REFERENCES shared.oidc_providers (id) ON DELETE CASCADE,
            subject varchar(500) NOT NULL,
            email varchar(255),
            name varchar(255),
            picture_url varchar(500),
            access_token_encrypted bytea,
            refresh_token_encrypted bytea,
            token_expires_at timestamptz,
            last_login_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT unique_user_provider UNIQUE (user_id, provider_id),
            CONSTRAINT unique_provider_subject UNIQUE (provider_id, subject)
        )
        """
    )
    op.execute("CREATE INDEX idx_oidc_user_links_user ON shared.oidc_user_links (user_id)")
    op.execute(
        """
        CREATE FUNCTION shared.update_oidc_updated_at() RETURNS trigger AS $$
        BEGIN
            NEW.updated_at = now();
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql
        """
    )
    for table in ("oidc_providers", "oidc_user_links"):
        op.execute(
            f"CREATE TRIGGER {table}_updated_at BEFORE UPDATE ON shared.{table} "
            "FOR EACH ROW EXECUTE FUNCTION shared.update_oidc_updated_at()"
        )


def downgrade() -> None:
    # Indexes and triggers go with their tables.
    op.execute("DROP TABLE shared.oidc_user_links")
    op.execute("DROP TABLE shared.oidc_providers")
    op.execute("DROP FUNCTION shared.update_oidc_updated_at()")
