"""SQLAlchemy Core definitions of the identity tables (the migrations own the real DDL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    DateTime,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    exists,
    or_,
    text,
)

from revenge_domain.identity.access import ADMIN

metadata = MetaData(schema="shared")

users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("username", String(255), nullable=False),
    Column("email", String(255), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("display_name", String(255)),
    Column("avatar_url", Text),
    Column("locale", String(10), nullable=False),
    Column("timezone", String(50), nullable=False),
    Column("qar_enabled", Boolean, nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("is_admin", Boolean, nullable=False),
    Column("email_verified", Boolean, nullable=False),
    Column("email_verified_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("last_login_at", DateTime(timezone=True)),
    Column("deleted_at", DateTime(timezone=True)),
)

# Unique indexes on lower(...) created by the migration; a violation names one of these.
USERNAME_INDEX = "uq_users_username_lower"
EMAIL_INDEX = "uq_users_email_lower"

sessions = Table(
    "sessions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False),
    Column("ip_address", Text, nullable=False),
    Column("user_agent", Text),
    Column("device_name", String(255)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_activity_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoke_reason", Text),
)

auth_tokens = Table(
    "auth_tokens",
    metadata,
    Column("token_hash", Text, primary_key=True),
    Column("session_id", Uuid, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("replaced_at", DateTime(timezone=True)),
)

failed_login_attempts = Table(
    "failed_login_attempts",
    metadata,
    Column("id", Uuid, primary_key=True, server_default=text("gen_random_uuid()")),
    Column("login", Text, nullable=False),
    Column("ip_address", Text, nullable=False),
    Column("attempted_at", DateTime(timezone=True), nullable=False),
)

user_roles = Table(
    "user_roles",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("role", String(50), primary_key=True),
)


def holds_admin() -> ColumnElement[bool]:
    """Whether an account is an administrator: its `is_admin` flag or the admin role, as
    signing in decides it (the flag grants the role); every reader of `is_admin` asks this."""
    role = exists().where(user_roles.c.user_id == users.c.id).where(user_roles.c.role == ADMIN)
    return or_(users.c.is_admin.is_(True), role)


def user_columns() -> list[Any]:
    """The users table's columns, `is_admin` answered by `holds_admin()`."""
    return [
        holds_admin().label("is_admin") if column.name == "is_admin" else column
        for column in users.columns
    ]
