"""Handlers of /api/v1/admin/integrations/{radarr,sonarr}/... and /api/v1/webhooks/...

Radarr and Sonarr payloads and status objects are camelCase, as they are in those services."""

from __future__ import annotations

import base64
import binascii
import contextlib
from collections.abc import Awaitable, Iterator
from datetime import datetime
from functools import partial
from typing import Any, Protocol

import attrs
from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.errors import ApiError
from revenge_app.http.routes import PUBLIC, Operations, Permission
from revenge_app.http.state import body_of
from revenge_app.integrations.container import INTEGRATIONS
from revenge_domain.integrations import ArrIntegration
from revenge_domain.integrations.model import (
    ArrStatus,
    IntegrationDisabled,
    IntegrationUnreachable,
    Service,
    SyncReport,
)

WEBHOOK_HEADER = "X-Webhook-Secret"
NAMES = {Service.RADARR: "Radarr", Service.SONARR: "Sonarr"}
OPERATIONS = Operations()


class ServiceHandler(Protocol):
    def __call__(self, request: web.Request, service: Service) -> Awaitable[web.Response]: ...


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except IntegrationDisabled as exc:
        raise ApiError(503, exc.code, exc.message) from exc
    except IntegrationUnreachable as exc:
        raise ApiError(502, "bad_gateway", exc.message, exc.details) from exc


def _of(request: web.Request, service: Service) -> ArrIntegration:
    integrations = request.app[INTEGRATIONS]
    return integrations.radarr if service is Service.RADARR else integrations.sonarr


def _moment(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _counts(service: Service, report: SyncReport) -> dict[str, int]:
    if service is Service.RADARR:
        return {
            "moviesAdded": report.added,
            "moviesUpdated": report.updated,
            "moviesRemoved": report.removed,
            "totalMovies": report.total,
        }
    return {
        "seriesAdded": report.added,
        "seriesUpdated": report.updated,
        "seriesRemoved": report.removed,
        "episodesAdded": report.episodes_added,
        "episodesUpdated": report.episodes_updated,
        "totalSeries": report.total,
        "totalEpisodes": report.total_episodes,
    }


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def status_answer(service: Service, status: ArrStatus) -> dict[str, Any]:
    """The status as the contract's camelCase object; what the sync counts depends on the
    service, and what is not known is left out."""
    system, sync = status.system, status.sync
    sync_view = {
        "isRunning": sync.running,
        "lastSync": _moment(sync.last_sync),
        "lastSyncError": sync.last_error,
        **_counts(service, sync.report),
        "skipped": [attrs.asdict(skipped) for skipped in sync.report.skipped],
    }
    return _present(
        {
            "connected": status.connected,
            "version": system.version if system else None,
            "instanceName": system.instance_name if system else None,
            "startTime": _moment(system.start_time) if system else None,
            "syncStatus": _present(sync_view),
        }
    )


async def _status(request: web.Request, service: Service) -> web.Response:
    with _translated():
        status = await _of(request, service).admin.status()
    return json_response(status_answer(service, status))


async def _sync(request: web.Request, service: Service) -> web.Response:
    with _translated():
        await _of(request, service).admin.request_sync()
    body = {"message": f"{NAMES[service]} sync queued", "status": "queued"}
    return json_response(body, status=202)


async def _profiles(request: web.Request, service: Service) -> web.Response:
    with _translated():
        profiles = await _of(request, service).admin.quality_profiles()
    return json_response({"profiles": profiles})


async def _folders(request: web.Request, service: Service) -> web.Response:
    with _translated():
        folders = await _of(request, service).admin.root_folders()
    return json_response({"folders": folders})


def presented_secret(request: web.Request) -> str | None:
    """The secret from `X-Webhook-Secret`, else the password of basic authentication."""
    header = request.headers.get(WEBHOOK_HEADER)
    if header is not None:
        return header
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded.partition(":")[2] if ":" in decoded else None


async def _webhook(request: web.Request, service: Service) -> web.Response:
    payload = body_of(request)
    with _translated():
        job = await _of(request, service).webhooks.receive(presented_secret(request), payload)
    ack = {"status": "queued" if job else "ignored", "eventType": payload["eventType"]}
    return json_response(ack, status=202 if job else 200)


def _declare(service: Service) -> None:
    """Status, sync, profiles and folders of Radarr or Sonarr; the webhook takes a shared
    secret instead of a user (checked by its handler), so its operation is public."""
    name = NAMES[service]

    def add(operation_id: str, handler: ServiceHandler, permission: Permission) -> None:
        OPERATIONS.add(operation_id, partial(handler, service=service), permission=permission)

    add(f"adminGet{name}Status", _status, "integrations:get")
    add(f"adminTrigger{name}Sync", _sync, "integrations:sync")
    add(f"adminGet{name}QualityProfiles", _profiles, "integrations:get")
    add(f"adminGet{name}RootFolders", _folders, "integrations:get")
    add(f"handle{name}Webhook", _webhook, PUBLIC)


for _service in Service:
    _declare(_service)
