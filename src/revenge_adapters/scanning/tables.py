"""The scanning tables as SQLAlchemy Core sees them (created by migration 0015)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, MetaData, String, Table, Text, Uuid, func

metadata = MetaData(schema="public")

library_files = Table(
    "library_files",
    metadata,
    Column("library_id", Uuid, primary_key=True),
    Column("path", Text, primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("inode", BigInteger, nullable=False),
    Column("status", String(20), nullable=False),
    Column("error", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

library_scan_problems = Table(
    "library_scan_problems",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("scan_id", Uuid, nullable=False),
    Column("path", Text, nullable=False),
    Column("reason", Text, nullable=False),
)
