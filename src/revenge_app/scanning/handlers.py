"""Handler of POST /api/v1/libraries/{libraryId}/scan."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.routes import Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_app.scanning.container import SCANS

OPERATIONS = Operations()
operation = OPERATIONS.operation


@operation("triggerLibraryScan", permission="libraries:scan")
async def trigger_library_scan(request: web.Request) -> web.Response:
    scans = request.app[SCANS]
    scan = await scans.trigger(
        principal_of(request), params_of(request).uuid("libraryId"), body_of(request)["scan_type"]
    )
    return json_response(scan, status=202)
