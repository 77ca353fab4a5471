"""Handlers of /api/v1/libraries: libraries, their scan history and per-user permissions.

Permissions gate by role; the use cases add the per-library `view` rule. Managing a library's
permissions is changing the library (`libraries:update`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.routes import Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_app.libraries.container import LIBRARIES
from revenge_domain.libraries import (
    LibraryChanges,
    LibrarySettings,
    parse_access,
    parse_type,
)

OPERATIONS = Operations()
operation = OPERATIONS.operation


def settings_of(body: dict[str, Any]) -> LibrarySettings:
    return LibrarySettings(
        name=body["name"],
        type=parse_type(body["type"]),
        paths=tuple(body["paths"]),
        enabled=body.get("enabled", True),
        scan_on_startup=body.get("scan_on_startup", False),
        realtime_monitoring=body.get("realtime_monitoring", False),
        metadata_provider=body.get("metadata_provider"),
        preferred_language=body.get("preferred_language", "en"),
        scanner_config=body.get("scanner_config"),
    )


def changes_of(body: dict[str, Any]) -> LibraryChanges:
    paths = body.get("paths")
    return LibraryChanges(
        name=body.get("name"),
        paths=tuple(paths) if paths is not None else None,
        enabled=body.get("enabled"),
        scan_on_startup=body.get("scan_on_startup"),
        realtime_monitoring=body.get("realtime_monitoring"),
        metadata_provider=body.get("metadata_provider"),
        preferred_language=body.get("preferred_language"),
        scanner_config=body.get("scanner_config"),
    )


@operation("listLibraries", permission="libraries:list")
async def list_libraries(request: web.Request) -> web.Response:
    found = await request.app[LIBRARIES].libraries.list(principal_of(request))
    return json_response({"libraries": found, "total": len(found)})


@operation("createLibrary", permission="libraries:create")
async def create_library(request: web.Request) -> web.Response:
    libraries = request.app[LIBRARIES].libraries
    library = await libraries.create(principal_of(request), settings_of(body_of(request)))
    return json_response(library, status=201)


@operation("getLibrary", permission="libraries:get")
async def get_library(request: web.Request) -> web.Response:
    library_id = params_of(request).uuid("libraryId")
    library = await request.app[LIBRARIES].libraries.get(principal_of(request), library_id)
    return json_response(library)


@operation("updateLibrary", permission="libraries:update")
async def update_library(request: web.Request) -> web.Response:
    library_id = params_of(request).uuid("libraryId")
    libraries = request.app[LIBRARIES].libraries
    changes = changes_of(body_of(request) or {})
    library = await libraries.update(principal_of(request), library_id, changes)
    return json_response(library)


@operation("deleteLibrary", permission="libraries:delete")
async def delete_library(request: web.Request) -> web.Response:
    library_id = params_of(request).uuid("libraryId")
    await request.app[LIBRARIES].libraries.delete(principal_of(request), library_id)
    return web.Response(status=204)


@operation("listLibraryScans", permission="libraries:get")
async def list_library_scans(request: web.Request) -> web.Response:
    params = params_of(request)
    libraries = request.app[LIBRARIES].libraries
    page = await libraries.scans(
        principal_of(request),
        params.uuid("libraryId"),
        params.integer("limit"),
        params.integer("offset"),
    )
    return json_response({"scans": page.scans, "total": page.total})


@operation("listLibraryPermissions", permission="libraries:update")
async def list_library_permissions(request: web.Request) -> web.Response:
    library_id = params_of(request).uuid("libraryId")
    permissions = request.app[LIBRARIES].permissions
    grants = await permissions.list(principal_of(request), library_id)
    return json_response({"permissions": grants, "total": len(grants)})


@operation("grantLibraryPermission", permission="libraries:update")
async def grant_library_permission(request: web.Request) -> web.Response:
    body = body_of(request)
    permissions = request.app[LIBRARIES].permissions
    grant = await permissions.grant(
        principal_of(request),
        params_of(request).uuid("libraryId"),
        UUID(body["user_id"]),
        parse_access(body["permission"]),
    )
    return json_response(grant, status=201)


@operation("revokeLibraryPermission", permission="libraries:update")
async def revoke_library_permission(request: web.Request) -> web.Response:
    params = params_of(request)
    permissions = request.app[LIBRARIES].permissions
    await permissions.revoke(
        principal_of(request),
        params.uuid("libraryId"),
        params.uuid("userId"),
        parse_access(params.text("permission")),
    )
    return web.Response(status=204)
