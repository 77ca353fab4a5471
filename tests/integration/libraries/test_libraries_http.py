"""The library endpoints over real PostgreSQL and Redis."""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path
from typing import Any

import asyncpg

from revenge_domain.libraries import LibraryActions
from tests.integration.app_server import Account, Server, signed_up

LIBRARIES = "/api/v1/libraries"


def new_library(folder: Path) -> dict[str, Any]:
    return {"name": f"Movies {secrets.token_hex(3)}", "type": "movie", "paths": [str(folder)]}


async def created(server: Server, admin: Account, folder: Path) -> dict[str, Any]:
    response = await server.client.post(LIBRARIES, json=new_library(folder), headers=admin.headers)
    assert response.status == 201, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def listed_ids(server: Server, account: Account) -> set[str]:
    response = await server.client.get(LIBRARIES, headers=account.headers)
    assert response.status == 200
    body = await response.json()
    assert body["total"] == len(body["libraries"])
    return {library["id"] for library in body["libraries"]}


async def logged_actions(server: Server, library_id: str) -> list[str]:
    """The actions of the stored activity entries about the library, oldest first."""
    connection = await asyncpg.connect(server.pg_url)
    try:
        rows = await connection.fetch(
            "SELECT action FROM public.activity_log WHERE resource_id = $1 ORDER BY created_at",
            uuid.UUID(library_id),
        )
    finally:
        await connection.close()
    return [row["action"] for row in rows]


async def test_create_answers_the_library_and_refuses_a_duplicate_name(
    server: Server, tmp_path: Path
) -> None:
    admin = await signed_up(server, admin=True)
    wanted = new_library(tmp_path)
    response = await server.client.post(LIBRARIES, json=wanted, headers=admin.headers)
    assert response.status == 201
    body = await response.json()
    assert {key: body[key] for key in wanted} == wanted
    assert body["enabled"] is True
    assert body["realtime_monitoring"] is False
    assert "latest_scan" not in body  # optional in the contract, never null

    again = {**wanted, "name": wanted["name"].upper()}
    response = await server.client.post(LIBRARIES, json=again, headers=admin.headers)
    assert response.status == 409


async def test_a_path_that_is_not_a_readable_directory_is_refused(
    server: Server, tmp_path: Path
) -> None:
    admin = await signed_up(server, admin=True)
    for path in ("relative/movies", str(tmp_path / "missing")):
        body = {**new_library(tmp_path), "paths": [path]}
        response = await server.client.post(LIBRARIES, json=body, headers=admin.headers)
        assert response.status == 400
        assert (await response.json())["details"]["field"] == "paths"
    body = {**new_library(tmp_path), "type": "music"}
    response = await server.client.post(LIBRARIES, json=body, headers=admin.headers)
    assert response.status == 400


async def test_users_see_only_libraries_they_were_granted(server: Server, tmp_path: Path) -> None:
    admin = await signed_up(server, admin=True)
    viewer = await signed_up(server)
    library = await created(server, admin, tmp_path)
    path = f"{LIBRARIES}/{library['id']}"
    assert library["id"] in await listed_ids(server, admin)
    assert library["id"] not in await listed_ids(server, viewer)
    assert (await server.client.get(path, headers=viewer.headers)).status == 404
    assert (await server.client.get(f"{path}/scans", headers=viewer.headers)).status == 404

    grant = {"user_id": str(viewer.user_id), "permission": "view"}
    response = await server.client.post(f"{path}/permissions", json=grant, headers=admin.headers)
    assert response.status == 201
    assert (await response.json())["user_id"] == str(viewer.user_id)
    assert library["id"] in await listed_ids(server, viewer)
    assert (await server.client.get(path, headers=viewer.headers)).status == 200
    listed = await server.client.get(f"{path}/permissions", headers=admin.headers)
    assert (await listed.json())["total"] == 1

    revoke = f"{path}/permissions/{viewer.user_id}?permission=view"
    assert (await server.client.delete(revoke, headers=admin.headers)).status == 204
    assert library["id"] not in await listed_ids(server, viewer)
    assert (await server.client.delete(revoke, headers=admin.headers)).status == 404

    assert await logged_actions(server, library["id"]) == [
        LibraryActions.CREATE,
        LibraryActions.PERMISSION_GRANT,
        LibraryActions.PERMISSION_REVOKE,
    ]


async def test_granting_to_a_missing_user_is_not_found(server: Server, tmp_path: Path) -> None:
    admin = await signed_up(server, admin=True)
    library = await created(server, admin, tmp_path)
    grant = {"user_id": str(uuid.uuid4()), "permission": "view"}
    path = f"{LIBRARIES}/{library['id']}/permissions"
    response = await server.client.post(path, json=grant, headers=admin.headers)
    assert response.status == 404


async def test_users_may_not_change_libraries(server: Server, tmp_path: Path) -> None:
    admin = await signed_up(server, admin=True)
    user = await signed_up(server)
    library = await created(server, admin, tmp_path)
    path = f"{LIBRARIES}/{library['id']}"
    client = server.client
    assert (
        await client.post(LIBRARIES, json=new_library(tmp_path), headers=user.headers)
    ).status == 403
    assert (await client.put(path, json={"enabled": False}, headers=user.headers)).status == 403
    assert (await client.delete(path, headers=user.headers)).status == 403


async def test_update_and_delete(server: Server, tmp_path: Path) -> None:
    admin = await signed_up(server, admin=True)
    library = await created(server, admin, tmp_path)
    path = f"{LIBRARIES}/{library['id']}"
    changes = {"enabled": False, "scanner_config": {"depth": 2}}
    response = await server.client.put(path, json=changes, headers=admin.headers)
    assert response.status == 200
    body = await response.json()
    assert body["enabled"] is False
    assert body["scanner_config"] == {"depth": 2}
    assert body["name"] == library["name"]
    assert body["updated_at"] >= library["updated_at"]

    assert (await server.client.delete(path, headers=admin.headers)).status == 204
    assert (await server.client.get(path, headers=admin.headers)).status == 404


async def test_scans_come_newest_first_with_the_latest_on_the_library(
    server: Server, tmp_path: Path
) -> None:
    admin = await signed_up(server, admin=True)
    library = await created(server, admin, tmp_path)
    connection = await asyncpg.connect(server.pg_url)
    try:
        for age in ("3 hours", "2 hours", "1 hour"):
            await connection.execute(
                "INSERT INTO public.library_scans (library_id, scan_type, status, created_at)"
                f" VALUES ($1, 'full', 'completed', now() - interval '{age}')",
                uuid.UUID(library["id"]),
            )
    finally:
        await connection.close()
    path = f"{LIBRARIES}/{library['id']}"
    response = await server.client.get(f"{path}/scans?limit=2", headers=admin.headers)
    page = await response.json()
    assert page["total"] == 3
    assert len(page["scans"]) == 2
    assert page["scans"][0]["created_at"] > page["scans"][1]["created_at"]
    latest = (await (await server.client.get(path, headers=admin.headers)).json())["latest_scan"]
    assert latest == page["scans"][0]
    bad = await server.client.get(f"{path}/scans?limit=101", headers=admin.headers)
    assert bad.status == 400
