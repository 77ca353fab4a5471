"""stored roles and permissions: shared.roles, shared.role_permissions

Revision ID: 0007
Revises: 0006
Created: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BUILT_IN = {
    "admin": "Full system access",
    "moderator": "Content moderation and user management",
    "user": "Standard user access",
    "guest": "Read-only access",
}
_MOVIES = "list get create update delete"
_LIBRARIES = "list get create update delete scan"
GRANTS = {
    "admin": {"admin": "*"},
    "moderator": {
        "users": "list get",
        "profile": "read update",
        "movies": _MOVIES,
        "libraries": _LIBRARIES,
        "playback": "stream progress",
        "requests": "list get create approve delete",
        "settings": "read user_read user_write",
        "audit": "read",
        "integrations": "list get create update delete sync",
        "notifications": "list get create update delete",
    },
    "user": {
        "profile": "read update",
        "movies": "list get",
        "libraries": "list get",
        "playback": "stream progress",
        "requests": "list get create",
        "settings": "user_read user_write",
        "notifications": "list get",
    },
    "guest": {
        "profile": "read",
        "movies": "list get",
        "libraries": "list get",
        "playback": "stream",
    },
}

ROLES = sa.table(
    "roles",
    sa.column("name", sa.String),
    sa.column("description", sa.String),
    sa.column("built_in", sa.Boolean),
    schema="shared",
)
ROLE_PERMISSIONS = sa.table(
    "role_permissions",
    sa.column("role", sa.String),
    sa.column("permission", sa.String),
    schema="shared",
)


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE shared.roles (
            name varchar(64) PRIMARY KEY,
            description varchar(256) NOT NULL DEFAULT '',
            built_in boolean NOT NULL DEFAULT false,
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        """
        CREATE TABLE shared.role_permissions (
            role varchar(64) NOT NULL REFERENCES shared.roles (name) ON DELETE CASCADE,
            permission varchar(100) NOT NULL,
            PRIMARY KEY (role, permission)
        )
        """
    )
    op.bulk_insert(
        ROLES,
        [{"name": name, "description": text, "built_in": True} for name, text in BUILT_IN.items()],
    )
    op.bulk_insert(
        ROLE_PERMISSIONS,
        [
            {"role": role, "permission": f"{resource}:{action}"}
            for role, by_resource in GRANTS.items()
            for resource, actions in by_resource.items()
            for action in actions.split()
        ],
    )
    # Roles already assigned become custom roles, so that assignments can point at roles.
    op.execute(
        "INSERT INTO shared.roles (name) SELECT DISTINCT role FROM shared.user_roles"
        " ON CONFLICT DO NOTHING"
    )
    op.execute("ALTER TABLE shared.user_roles ALTER COLUMN role TYPE varchar(64)")
    # RESTRICT: a role cannot disappear while someone holds it.
    op.execute(
        "ALTER TABLE shared.user_roles ADD CONSTRAINT fk_user_roles_role"
        " FOREIGN KEY (role) REFERENCES shared.roles (name) ON DELETE RESTRICT"
    )
    op.execute("CREATE INDEX idx_user_roles_role ON shared.user_roles (role)")


def downgrade() -> None:
    op.execute("DROP INDEX shared.idx_user_roles_role")
    op.execute("ALTER TABLE shared.user_roles DROP CONSTRAINT fk_user_roles_role")
    op.execute("ALTER TABLE shared.user_roles ALTER COLUMN role TYPE varchar(50)")
    op.execute("DROP TABLE shared.role_permissions")
    op.execute("DROP TABLE shared.roles")
