"""Files and API calls the scanning tests share."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from tests.integration.app_server import Account, Server, signed_up

LIBRARIES = "/api/v1/libraries"


def video(clip: Path, path: Path) -> Path:
    """A copy of the real clip at `path` (folders made as needed, readable by anyone)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(clip, path)
    path.chmod(0o644)
    return path


def text_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o644)
    return path


def image(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(64))
    return path


async def library_with_viewer(
    server: Server, kind: str, folder: Path, **settings: Any
) -> tuple[dict[str, Any], Account, Account]:
    """A new library over `folder`, its administrator and a user who may view only it."""
    admin = await signed_up(server, admin=True)
    viewer = await signed_up(server)
    body = {"name": f"{kind} {secrets.token_hex(4)}", "type": kind, "paths": [str(folder)]}
    response = await server.client.post(LIBRARIES, json={**body, **settings}, headers=admin.headers)
    assert response.status == 201, await response.text()
    library: dict[str, Any] = await response.json()
    grant = {"user_id": str(viewer.user_id), "permission": "view"}
    path = f"{LIBRARIES}/{library['id']}/permissions"
    assert (await server.client.post(path, json=grant, headers=admin.headers)).status == 201
    return library, admin, viewer


async def scanned(
    server: Server, library_id: str, admin: Account, scan_type: str = "incremental"
) -> dict[str, Any]:
    """Trigger a scan (its jobs run inline) and answer the scan as the scans listing shows it."""
    response = await server.client.post(
        f"{LIBRARIES}/{library_id}/scan", json={"scan_type": scan_type}, headers=admin.headers
    )
    assert response.status == 202, await response.text()
    queued = await response.json()
    assert queued["status"] == "pending"
    listing = await server.client.get(f"{LIBRARIES}/{library_id}/scans", headers=admin.headers)
    assert listing.status == 200
    latest: dict[str, Any] = (await listing.json())["scans"][0]
    assert latest["id"] == queued["id"]
    return latest


async def get_json(server: Server, path: str, account: Account) -> Any:
    response = await server.client.get(path, headers=account.headers)
    assert response.status == 200, await response.text()
    return await response.json()


async def movies_by_title(server: Server, viewer: Account) -> dict[str, dict[str, Any]]:
    body = await get_json(server, "/api/v1/movies?limit=100", viewer)
    return {movie["title"]: movie for movie in body["items"]}
