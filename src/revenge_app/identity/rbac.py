"""Handlers of /api/v1/rbac: roles, their grants ("policies") and users' roles.

Only admins call these, except that any signed-in user may read their own roles (the use
case checks whose roles are asked for).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aiohttp import web

from revenge_app.http.answers import json_response, permission_answer
from revenge_app.http.routes import Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_app.identity.container import IDENTITY
from revenge_domain.identity.rbac import PERMISSIONS, RoleAdministration

OPERATIONS = Operations()
operation = OPERATIONS.operation


def _roles(request: web.Request) -> RoleAdministration:
    return request.app[IDENTITY].rbac


def _permissions_of(items: Iterable[Mapping[str, str]]) -> list[str]:
    return [f"{item['resource']}:{item['action']}" for item in items]


def _role_names(roles: list[str]) -> dict[str, Any]:
    return {"roles": roles, "total": len(roles)}


@operation("listRoles", permission="admin:*")
async def list_roles(request: web.Request) -> web.Response:
    roles = await _roles(request).list_roles()
    return json_response({"roles": roles, "total": len(roles)})


@operation("getRole", permission="admin:*")
async def get_role(request: web.Request) -> web.Response:
    role = await _roles(request).get_role(params_of(request).text("roleName"))
    return json_response(role)


@operation("createRole", permission="admin:*")
async def create_role(request: web.Request) -> web.Response:
    body = body_of(request)
    role = await _roles(request).create_role(
        body["name"],
        body.get("description", ""),
        _permissions_of(body.get("permissions", [])),
        by=principal_of(request),
    )
    return json_response(role, status=201)


@operation("deleteRole", permission="admin:*")
async def delete_role(request: web.Request) -> web.Response:
    await _roles(request).delete_role(params_of(request).text("roleName"), principal_of(request))
    return web.Response(status=204)


@operation("updateRolePermissions", permission="admin:*")
async def update_role_permissions(request: web.Request) -> web.Response:
    permissions = _permissions_of(body_of(request)["permissions"])
    name = params_of(request).text("roleName")
    role = await _roles(request).set_permissions(name, permissions, principal_of(request))
    return json_response(role)


@operation("listPermissions", permission="admin:*")
async def list_permissions(request: web.Request) -> web.Response:
    views = [permission_answer(p) for p in PERMISSIONS]
    return json_response({"permissions": views, "total": len(views)})


@operation("listPolicies", permission="admin:*")
async def list_policies(request: web.Request) -> web.Response:
    grants = await _roles(request).policies()
    views = [_policy_answer(role, permission) for role, permission in grants]
    return json_response({"policies": views, "total": len(views)})


@operation("addPolicy", permission="admin:*")
async def add_policy(request: web.Request) -> web.Response:
    body = body_of(request)
    permission = f"{body['object']}:{body['action']}"
    await _roles(request).add_policy(body["subject"], permission, principal_of(request))
    return json_response(_policy_answer(body["subject"], permission), status=201)


@operation("removePolicy", permission="admin:*")
async def remove_policy(request: web.Request) -> web.Response:
    body = body_of(request)
    permission = f"{body['object']}:{body['action']}"
    await _roles(request).remove_policy(body["subject"], permission, principal_of(request))
    return web.Response(status=204)


@operation("getUserRoles", permission="profile:read")
async def get_user_roles(request: web.Request) -> web.Response:
    user_id = params_of(request).uuid("userId")
    roles = await _roles(request).roles_of(principal_of(request), user_id)
    return json_response(_role_names(roles))


@operation("assignRole", permission="admin:*")
async def assign_role(request: web.Request) -> web.Response:
    user_id = params_of(request).uuid("userId")
    roles = await _roles(request).assign(user_id, body_of(request)["role"], principal_of(request))
    return json_response(_role_names(roles), status=201)


@operation("removeRole", permission="admin:*")
async def remove_role(request: web.Request) -> web.Response:
    params = params_of(request)
    await _roles(request).unassign(
        params.uuid("userId"), params.text("role"), principal_of(request)
    )
    return web.Response(status=204)


def _policy_answer(role: str, permission: str) -> dict[str, str]:
    resource, _, action = permission.partition(":")
    return {"subject": role, "object": resource, "action": action}
