"""SQLAlchemy Core definitions of the MFA tables (the migrations own the real DDL)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.dialects.postgresql import INET

metadata = MetaData(schema="public")

user_totp_secrets = Table(
    "user_totp_secrets",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("encrypted_secret", LargeBinary, nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("verified_at", DateTime(timezone=True)),
    Column("last_used_at", DateTime(timezone=True)),
    Column("last_used_step", BigInteger),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

mfa_backup_codes = Table(
    "mfa_backup_codes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False),
    Column("code_hash", Text, nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Column("used_from_ip", INET),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

user_mfa_settings = Table(
    "user_mfa_settings",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("totp_enabled", Boolean, nullable=False),
    Column("webauthn_enabled", Boolean, nullable=False),
    Column("backup_codes_generated", Boolean, nullable=False),
    Column("require_mfa", Boolean, nullable=False),
    Column("remember_device_enabled", Boolean, nullable=False),
    Column("remember_device_duration_days", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
