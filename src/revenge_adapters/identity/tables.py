"""SQLAlchemy Core definitions of the identity tables (the migrations own the real DDL)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, MetaData, String, Table, Text, Uuid

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
