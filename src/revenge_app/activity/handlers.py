"""Handlers of /api/v1/admin/activity: reading the activity log."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp import web

from revenge_app.activity.container import ACTIVITY
from revenge_app.http.answers import json_response
from revenge_app.http.params import Params
from revenge_app.http.routes import Operations
from revenge_app.http.state import params_of
from revenge_domain.activity import ActivityQuery
from revenge_domain.errors import InvalidInput

OPERATIONS = Operations()
operation = OPERATIONS.operation


@operation("searchActivityLogs", permission="audit:read")
async def search_activity_logs(request: web.Request) -> web.Response:
    params = params_of(request)
    query = ActivityQuery(
        user_id=params.uuid("user_id") if "user_id" in params else None,
        action=params.text("action") if "action" in params else None,
        resource_type=params.text("resource_type") if "resource_type" in params else None,
        resource_id=params.uuid("resource_id") if "resource_id" in params else None,
        success=params.boolean("success") if "success" in params else None,
        start_time=_moment(params, "start_time"),
        end_time=_moment(params, "end_time"),
        limit=params.integer("limit"),
        offset=params.integer("offset"),
    )
    page = await request.app[ACTIVITY].search(query)
    return json_response(page)


@operation("getUserActivityLogs", permission="audit:read")
async def get_user_activity_logs(request: web.Request) -> web.Response:
    params = params_of(request)
    activity = request.app[ACTIVITY]
    page = await activity.of_user(
        params.uuid("userId"), params.integer("limit"), params.integer("offset")
    )
    return json_response(page)


@operation("getResourceActivityLogs", permission="audit:read")
async def get_resource_activity_logs(request: web.Request) -> web.Response:
    params = params_of(request)
    page = await request.app[ACTIVITY].of_resource(
        params.text("resourceType"),
        params.uuid("resourceId"),
        params.integer("limit"),
        params.integer("offset"),
    )
    return json_response(page)


@operation("getActivityStats", permission="audit:read")
async def get_activity_stats(request: web.Request) -> web.Response:
    return json_response(await request.app[ACTIVITY].stats())


@operation("getRecentActions", permission="audit:read")
async def get_recent_actions(request: web.Request) -> web.Response:
    limit = params_of(request).integer("limit")
    counts = await request.app[ACTIVITY].recent_actions(limit)
    return json_response({"actions": counts})


def _moment(params: Params, name: str) -> datetime | None:
    if name not in params:
        return None
    text = params.text(name)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        reason = "must be a date-time (RFC 3339)"
        raise InvalidInput(f"{name} {reason}", {"field": name, "reason": reason}) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
