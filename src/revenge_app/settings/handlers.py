"""Handlers of /api/v1/settings: server-wide settings (administrators) and the caller's own."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response, unstructured
from revenge_app.http.routes import Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_app.settings.container import SETTINGS
from revenge_domain.settings import Editor, Setting

OPERATIONS = Operations()
operation = OPERATIONS.operation


# The caller's own settings answer without the server-wide flags.
_SERVER_ONLY = ("is_secret", "is_public")


def user_setting_answer(user_id: UUID, setting: Setting) -> dict[str, Any]:
    """One of the user's settings, with the user's id."""
    body: dict[str, Any] = unstructured(setting)
    own = {name: value for name, value in body.items() if name not in _SERVER_ONLY}
    return {"user_id": str(user_id), **own}


@operation("listServerSettings", permission="settings:read")
async def list_server_settings(request: web.Request) -> web.Response:
    settings = await request.app[SETTINGS].server.list()
    return json_response(settings)


@operation("getServerSetting", permission="settings:read")
async def get_server_setting(request: web.Request) -> web.Response:
    key = params_of(request).text("key")
    setting = await request.app[SETTINGS].server.get(key)
    return json_response(setting)


@operation("updateServerSetting", permission="settings:write")
async def update_server_setting(request: web.Request) -> web.Response:
    principal = principal_of(request)
    key = params_of(request).text("key")
    editor = Editor(principal.user_id, principal.username)
    server_settings = request.app[SETTINGS].server
    setting = await server_settings.update(editor, key, body_of(request)["value"])
    return json_response(setting)


@operation("listUserSettings", permission="settings:user_read")
async def list_user_settings(request: web.Request) -> web.Response:
    user_id = principal_of(request).user_id
    settings = await request.app[SETTINGS].user.list(user_id)
    return json_response([user_setting_answer(user_id, setting) for setting in settings])


@operation("getUserSetting", permission="settings:user_read")
async def get_user_setting(request: web.Request) -> web.Response:
    user_id = principal_of(request).user_id
    key = params_of(request).text("key")
    setting = await request.app[SETTINGS].user.get(user_id, key)
    return json_response(user_setting_answer(user_id, setting))


@operation("updateUserSetting", permission="settings:user_write")
async def update_user_setting(request: web.Request) -> web.Response:
    user_id = principal_of(request).user_id
    key = params_of(request).text("key")
    value = body_of(request)["value"]
    setting = await request.app[SETTINGS].user.update(user_id, key, value)
    return json_response(user_setting_answer(user_id, setting))


@operation("deleteUserSetting", permission="settings:user_write")
async def delete_user_setting(request: web.Request) -> web.Response:
    user_id = principal_of(request).user_id
    await request.app[SETTINGS].user.delete(user_id, params_of(request).text("key"))
    return web.Response(status=204)
