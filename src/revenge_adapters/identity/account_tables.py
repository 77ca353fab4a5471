"""SQLAlchemy Core definitions of the account upkeep tables (migration 0008 owns the DDL)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Table, Text, Uuid, text
from sqlalchemy.dialects.postgresql import BIGINT, JSONB

from revenge_adapters.identity.tables import metadata

_NOW = text("now()")

password_reset_tokens = Table(
    "password_reset_tokens",
    metadata,
    Column("id", Uuid, primary_key=True, server_default=text("gen_random_uuid()")),
    Column("user_id", Uuid, nullable=False),
    Column("token_hash", Text, nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=_NOW),
)

email_verification_tokens = Table(
    "email_verification_tokens",
    metadata,
    Column("id", Uuid, primary_key=True, server_default=text("gen_random_uuid()")),
    Column("user_id", Uuid, nullable=False),
    Column("token_hash", Text, nullable=False),
    Column("email", String(255), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("verified_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=_NOW),
)

user_preferences = Table(
    "user_preferences",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("email_notifications", JSONB, nullable=False),
    Column("push_notifications", JSONB, nullable=False),
    Column("digest_notifications", JSONB, nullable=False),
    Column("profile_visibility", String(20), nullable=False),
    Column("show_email", Boolean, nullable=False),
    Column("show_activity", Boolean, nullable=False),
    Column("theme", String(20), nullable=False),
    Column("display_language", String(10), nullable=False),
    Column("content_language", String(255)),
    Column("metadata_language", String(10), nullable=False),
    Column("show_adult_content", Boolean, nullable=False),
    Column("show_spoilers", Boolean, nullable=False),
    Column("auto_play_videos", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=_NOW),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=_NOW),
)

user_avatars = Table(
    "user_avatars",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False),
    Column("file_path", Text, nullable=False),
    Column("file_size_bytes", BIGINT, nullable=False),
    Column("mime_type", String(100), nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("is_animated", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True)),
)
