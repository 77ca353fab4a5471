"""The library tables as SQLAlchemy Core sees them (created by migration 0010)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    Boolean,
    Column,
    DateTime,
    FetchedValue,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(schema="public")
NAME_INDEX = "uq_libraries_name"
GRANT_UNIQUE = "uq_library_permissions"
GRANT_USER_FK = "library_permissions_user_id_fkey"

libraries = Table(
    "libraries",
    metadata,
    Column("id", Uuid, primary_key=True, server_default=FetchedValue()),
    Column("name", Text, nullable=False),
    Column("type", String(50), nullable=False),
    Column("paths", ARRAY(Text), nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("scan_on_startup", Boolean, nullable=False),
    Column("realtime_monitoring", Boolean, nullable=False),
    Column("metadata_provider", String(50)),
    Column("preferred_language", String(10), nullable=False),
    Column("scanner_config", JSONB(none_as_null=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

library_scans = Table(
    "library_scans",
    metadata,
    Column("id", Uuid, primary_key=True, server_default=FetchedValue()),
    Column("library_id", Uuid, nullable=False),
    Column("scan_type", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("items_scanned", Integer, nullable=False),
    Column("items_added", Integer, nullable=False),
    Column("items_updated", Integer, nullable=False),
    Column("items_removed", Integer, nullable=False),
    Column("errors_count", Integer, nullable=False),
    Column("error_message", Text),
    Column("started_at", DateTime(timezone=True)),
    Column("completed_at", DateTime(timezone=True)),
    Column("duration_seconds", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("heartbeat_at", DateTime(timezone=True)),
)

library_permissions = Table(
    "library_permissions",
    metadata,
    Column("id", Uuid, primary_key=True, server_default=FetchedValue()),
    Column("library_id", Uuid, nullable=False),
    Column("user_id", Uuid, nullable=False),
    Column("permission", String(50), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
