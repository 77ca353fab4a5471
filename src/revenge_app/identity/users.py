"""Handlers of /api/v1/users and /api/v1/admin/users: profiles, preferences, avatars, admin."""

from __future__ import annotations

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from revenge_app.http.answers import json_response
from revenge_app.http.errors import ApiError
from revenge_app.http.routes import Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_app.identity.container import IDENTITY
from revenge_domain.errors import InvalidInput
from revenge_domain.identity.account_ports import ProfileChanges, UserQuery

OPERATIONS = Operations()
operation = OPERATIONS.operation

AVATAR_MAX_BYTES = 2 * 1024 * 1024
_CHUNK = 64 * 1024


@operation("getCurrentUser", permission="profile:read")
async def get_current_user(request: web.Request) -> web.Response:
    profile = await request.app[IDENTITY].profiles.me(principal_of(request))
    return json_response(profile)


@operation("updateCurrentUser", permission="profile:update")
async def update_current_user(request: web.Request) -> web.Response:
    body = body_of(request) or {}
    changes = ProfileChanges(body.get("email"), body.get("display_name"), body.get("timezone"))
    profile = await request.app[IDENTITY].profiles.update_me(principal_of(request), changes)
    return json_response(profile)


@operation("getUserPreferences", permission="profile:read")
async def get_user_preferences(request: web.Request) -> web.Response:
    principal = principal_of(request)
    values = await request.app[IDENTITY].profiles.preferences(principal)
    return json_response({"user_id": str(principal.user_id), **values})


@operation("updateUserPreferences", permission="profile:update")
async def update_user_preferences(request: web.Request) -> web.Response:
    principal = principal_of(request)
    profiles = request.app[IDENTITY].profiles
    values = await profiles.update_preferences(principal, body_of(request) or {})
    return json_response({"user_id": str(principal.user_id), **values})


@operation("uploadAvatar", permission="profile:update")
async def upload_avatar(request: web.Request) -> web.Response:
    data = await _avatar_bytes(request)
    avatar = await request.app[IDENTITY].upload_avatar(principal_of(request), data)
    return json_response(avatar)


@operation("getUserAvatar", permission="profile:read")
async def get_user_avatar(request: web.Request) -> web.Response:
    user_id = params_of(request).uuid("userId")
    upload = request.app[IDENTITY].upload_avatar
    # Whoever may see the profile may see its picture.
    await request.app[IDENTITY].profiles.get(principal_of(request), user_id)
    avatar, content = await upload.current(user_id)
    return web.Response(body=content, content_type=avatar.mime_type)


@operation("getUserById", permission="profile:read")
async def get_user_by_id(request: web.Request) -> web.Response:
    user_id = params_of(request).uuid("userId")
    profile = await request.app[IDENTITY].profiles.get(principal_of(request), user_id)
    return json_response(profile)


@operation("adminListUsers", permission="users:list")
async def admin_list_users(request: web.Request) -> web.Response:
    params = params_of(request)
    query = UserQuery(
        text=params.text("query") if "query" in params else None,
        is_active=params.boolean("is_active") if "is_active" in params else None,
        is_admin=params.boolean("is_admin") if "is_admin" in params else None,
        role=params.text("role") if "role" in params else None,
        limit=params.integer("limit"),
        offset=params.integer("offset"),
    )
    profiles, total = await request.app[IDENTITY].admin_users.search(query)
    return json_response({"users": profiles, "total": total})


@operation("adminDeleteUser", permission="users:delete")
async def admin_delete_user(request: web.Request) -> web.Response:
    user_id = params_of(request).uuid("userId")
    await request.app[IDENTITY].admin_users.delete(principal_of(request), user_id)
    return web.Response(status=204)


async def _avatar_bytes(request: web.Request) -> bytes:
    """The `file` part of the multipart body, refused with 413 past AVATAR_MAX_BYTES."""
    if (request.content_length or 0) > AVATAR_MAX_BYTES + _CHUNK:
        raise _too_large()
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if isinstance(part, BodyPartReader) and part.name == "file":
                return await _read_limited(part)
            await part.release()
    except (ValueError, AssertionError, HttpProcessingError):
        raise InvalidInput("the body is not valid multipart/form-data", {"field": "body"}) from None
    reason = "is required"
    raise InvalidInput(f"file {reason}", {"field": "file", "reason": reason})


async def _read_limited(part: BodyPartReader) -> bytes:
    data = bytearray()
    while chunk := await part.read_chunk(_CHUNK):
        data.extend(chunk)
        if len(data) > AVATAR_MAX_BYTES:
            raise _too_large()
    return bytes(data)


def _too_large() -> ApiError:
    limit = AVATAR_MAX_BYTES // (1024 * 1024)
    return ApiError(
        413,
        "payload_too_large",
        f"the avatar must be at most {limit} MiB",
        {"field": "file", "max_bytes": AVATAR_MAX_BYTES},
    )
