"""Handlers of /api/v1/admin/activity: reading the activity log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from revenge_app.activity.container import ACTIVITY
from revenge_app.http.params import Params
from revenge_app.http.routes import Operations
from revenge_app.http.state import params_of
from revenge_domain.activity import ActivityEntry, ActivityPage, ActivityQuery
from revenge_domain.errors import InvalidInput

OPERATIONS = Operations()
operation = OPERATIONS.operation


def entry_view(entry: ActivityEntry) -> dict[str, Any]:
    event = entry.event
    view: dict[str, Any] = {
        "id": str(entry.id),
        "action": event.action,
        "success": event.success,
        "created_at": event.occurred_at.isoformat(),
    }
    optional = {
        "user_id": str(event.user_id) if event.user_id else None,
        "username": event.username,
        "resource_type": event.resource_type,
        "resource_id": str(event.resource_id) if event.resource_id else None,
        "changes": event.changes or None,
        "metadata": event.metadata or None,
        "ip_address": event.ip_address,
        "user_agent": event.user_agent,
        "error_message": event.error_message,
    }
    view.update({name: value for name, value in optional.items() if value is not None})
    return view


def page_view(page: ActivityPage) -> dict[str, Any]:
    return {
        "entries": [entry_view(entry) for entry in page.entries],
        "total": page.total,
        "page": page.page,
        "page_size": page.limit,
    }


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
    return web.json_response(page_view(page))


@operation("getUserActivityLogs", permission="audit:read")
async def get_user_activity_logs(request: web.Request) -> web.Response:
    params = params_of(request)
    activity = request.app[ACTIVITY]
    page = await activity.of_user(
        params.uuid("userId"), params.integer("limit"), params.integer("offset")
    )
    return web.json_response(page_view(page))


@operation("getResourceActivityLogs", permission="audit:read")
async def get_resource_activity_logs(request: web.Request) -> web.Response:
    params = params_of(request)
    page = await request.app[ACTIVITY].of_resource(
        params.text("resourceType"),
        params.uuid("resourceId"),
        params.integer("limit"),
        params.integer("offset"),
    )
    return web.json_response(page_view(page))


@operation("getActivityStats", permission="audit:read")
async def get_activity_stats(request: web.Request) -> web.Response:
    stats = await request.app[ACTIVITY].stats()
    view: dict[str, Any] = {
        "total_count": stats.total_count,
        "success_count": stats.success_count,
        "failed_count": stats.failed_count,
    }
    if stats.oldest_entry is not None:
        view["oldest_entry"] = stats.oldest_entry.isoformat()
    if stats.newest_entry is not None:
        view["newest_entry"] = stats.newest_entry.isoformat()
    return web.json_response(view)


@operation("getRecentActions", permission="audit:read")
async def get_recent_actions(request: web.Request) -> web.Response:
    limit = params_of(request).integer("limit")
    counts = await request.app[ACTIVITY].recent_actions(limit)
    actions = [{"action": count.action, "count": count.count} for count in counts]
    return web.json_response({"actions": actions})


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
