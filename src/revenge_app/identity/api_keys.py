"""Handlers of /api/v1/apikeys: the caller's own API keys.

Reading keys needs a signed-in caller; making and revoking them changes the account.
"""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.routes import Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_app.identity.container import IDENTITY
from revenge_domain.errors import InvalidInput

OPERATIONS = Operations()
operation = OPERATIONS.operation

SHOWN_ONCE = "Store this API key now: it cannot be shown again."


@operation("listAPIKeys", permission="profile:read")
async def list_api_keys(request: web.Request) -> web.Response:
    keys = await request.app[IDENTITY].api_keys.list(principal_of(request))
    return json_response({"keys": keys, "total": len(keys)})


@operation("createAPIKey", permission="profile:update")
async def create_api_key(request: web.Request) -> web.Response:
    body = body_of(request)
    created = await request.app[IDENTITY].api_keys.create(
        principal_of(request),
        body["name"],
        body["scopes"],
        body.get("description"),
        _time_of(body.get("expires_at")),
    )
    key = created.key
    view = {
        "id": key.id,
        "name": key.name,
        "key_prefix": key.key_prefix,
        "scopes": key.scopes,
        "created_at": key.created_at,
        "api_key": created.secret,
        "message": SHOWN_ONCE,
    }
    return json_response(view, status=201)


@operation("getAPIKey", permission="profile:read")
async def get_api_key(request: web.Request) -> web.Response:
    key_id = params_of(request).uuid("keyId")
    key = await request.app[IDENTITY].api_keys.get(principal_of(request), key_id)
    return json_response(key)


@operation("revokeAPIKey", permission="profile:update")
async def revoke_api_key(request: web.Request) -> web.Response:
    key_id = params_of(request).uuid("keyId")
    await request.app[IDENTITY].api_keys.revoke(principal_of(request), key_id)
    return web.Response(status=204)


def _time_of(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        details = {"field": "expires_at", "reason": "not an RFC 3339 date-time"}
        raise InvalidInput("expires_at must be an RFC 3339 date-time", details) from None
