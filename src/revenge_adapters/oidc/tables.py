"""SQLAlchemy Core definitions of the OIDC tables (the migration owns the real DDL)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    Boolean,
    Column,
    DateTime,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(schema="shared")

oidc_providers = Table(
    "oidc_providers",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("display_name", String(255), nullable=False),
    Column("provider_type", String(50), nullable=False),
    Column("issuer_url", String(500), nullable=False),
    Column("client_id", String(255), nullable=False),
    Column("client_secret_encrypted", LargeBinary, nullable=False),
    Column("authorization_endpoint", String(500)),
    Column("token_endpoint", String(500)),
    Column("userinfo_endpoint", String(500)),
    Column("jwks_uri", String(500)),
    Column("end_session_endpoint", String(500)),
    Column("scopes", ARRAY(Text), nullable=False),
    Column("claim_mappings", JSONB, nullable=False),
    Column("role_mappings", JSONB, nullable=False),
    Column("auto_create_users", Boolean, nullable=False),
    Column("update_user_info", Boolean, nullable=False),
    Column("allow_linking", Boolean, nullable=False),
    Column("is_enabled", Boolean, nullable=False),
    Column("is_default", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

oidc_user_links = Table(
    "oidc_user_links",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False),
    Column("provider_id", Uuid, nullable=False),
    Column("subject", String(500), nullable=False),
    Column("email", String(255)),
    Column("name", String(255)),
    Column("last_login_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
