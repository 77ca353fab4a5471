"""create public.libraries, public.library_permissions and public.library_scans

Library names are unique whatever their case. Scans are written by the scanning jobs.

Revision ID: 0010
Revises: 0009
Created: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE public.libraries (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
            type varchar(50) NOT NULL CHECK (type IN ('movie', 'tvshow')),
            paths text[] NOT NULL DEFAULT '{}',
            enabled boolean NOT NULL DEFAULT true,
            scan_on_startup boolean NOT NULL DEFAULT false,
            realtime_monitoring boolean NOT NULL DEFAULT false,
            metadata_provider varchar(50),
            preferred_language varchar(10) NOT NULL DEFAULT 'en',
            scanner_config jsonb,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute("CREATE UNIQUE INDEX uq_libraries_name ON public.libraries (lower(name))")
    op.execute("CREATE INDEX idx_libraries_type ON public.libraries (type)")
    op.execute(
        "CREATE INDEX idx_libraries_enabled ON public.libraries (enabled) WHERE enabled = true"
    )
    op.execute(
        """
        CREATE FUNCTION public.update_libraries_updated_at() RETURNS trigger AS $$
        BEGIN
            NEW.updated_at = now();
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        """
        CREATE TRIGGER libraries_updated_at BEFORE UPDATE ON public.libraries
        FOR EACH ROW EXECUTE FUNCTION public.update_libraries_updated_at()
        """
    )
    op.execute(
        """
        CREATE TABLE public.library_permissions (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            library_id uuid NOT NULL REFERENCES public.libraries (id) ON DELETE CASCADE,
            user_id uuid NOT NULL REFERENCES shared.users (id) ON DELETE CASCADE,
            permission varchar(50) NOT NULL CHECK (permission IN ('view', 'download', 'manage')),
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT uq_library_permissions UNIQUE (library_id, user_id, permission)
        )
        """
    )
    op.execute("CREATE INDEX idx_library_permissions_user ON public.library_permissions (user_id)")
    op.execute(
        """
        CREATE TABLE public.library_scans (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            library_id uuid NOT NULL REFERENCES public.libraries (id) ON DELETE CASCADE,
            scan_type varchar(20) NOT NULL
                CHECK (scan_type IN ('full', 'incremental', 'metadata')),
            status varchar(20) NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
            items_scanned integer NOT NULL DEFAULT 0,
            items_added integer NOT NULL DEFAULT 0,
            items_updated integer NOT NULL DEFAULT 0,
            items_removed integer NOT NULL DEFAULT 0,
            errors_count integer NOT NULL DEFAULT 0,
            error_message text,
            started_at timestamptz,
            completed_at timestamptz,
            duration_seconds integer,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    for name, columns in (
        ("idx_library_scans_library", "library_id, created_at DESC"),
        ("idx_library_scans_status", "status"),
        ("idx_library_scans_created", "created_at DESC"),
    ):
        op.execute(f"CREATE INDEX {name} ON public.library_scans ({columns})")


def downgrade() -> None:
    op.execute("DROP TABLE public.library_scans")
    op.execute("DROP TABLE public.library_permissions")
    op.execute("DROP TABLE public.libraries")
    op.execute("DROP FUNCTION public.update_libraries_updated_at()")
