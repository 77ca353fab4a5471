"""An administrator lifts an account's sign-in lockout (our addition to the contract)."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http.routes import Operations
from revenge_app.http.state import params_of, principal_of
from revenge_app.identity.container import IDENTITY

OPERATIONS = Operations()
operation = OPERATIONS.operation


@operation("adminUnlockUser", permission="users:update")
async def admin_unlock_user(request: web.Request) -> web.Response:
    user_id = params_of(request).uuid("userId")
    await request.app[IDENTITY].login.unlock(user_id, principal_of(request).user_id)
    return web.Response(status=204)
