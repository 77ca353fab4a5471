"""What the upstream web client sends and reads, through the real app on a seeded catalogue:
each request as the client makes it, each field it reads, beside the contract's own fields."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
import pytest

from tests.integration.catalog.test_contract_shapes import DOCUMENTS, Contract
from tests.integration.client.conftest import App
from tests.integration.support import PASSWORD

PROGRESS = {"progress_seconds": 600, "duration_seconds": 2400}


async def one(app: App, sql: str) -> Any:
    connection = await asyncpg.connect(app.url)
    try:
        return await connection.fetchval(sql)
    finally:
        await connection.close()


async def send(app: App, method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
    response = await app.client.request(method, path, json=body, headers=headers)
    assert response.status in (200, 201, 204), await response.text()
    return None if response.status == 204 else await response.json()


async def test_the_search_page_asks_for_40_hits_per_group(app: App) -> None:
    found = await app.get("/api/v1/search/multi", q="frontier", limit=40)
    assert found["movies"]["total_hits"] > 0
    too_many = await app.client.get(
        "/api/v1/search/multi", params={"q": "frontier", "limit": 51}, headers=app.headers
    )
    assert too_many.status == 400


async def test_two_factor_set_up_with_an_empty_body_names_the_account_by_its_username(
    app: App,
) -> None:
    account = await signed_up(app)
    setup = await send(app, "POST", "/api/v1/mfa/totp/setup", {}, account.headers)
    assert f"Revenge:{account.name}" in setup["url"]
    named = await send(
        app, "POST", "/api/v1/mfa/totp/setup", {"account_name": "me@home"}, account.headers
    )
    assert "Revenge:me@home" in named["url"]


async def test_continue_watching_a_movie_nests_the_movie_and_its_progress(app: App) -> None:
    movie_id = await one(app, "SELECT id FROM movie.movies ORDER BY popularity DESC LIMIT 1")
    saved = await send(app, "POST", f"/api/v1/movies/{movie_id}/progress", PROGRESS, app.headers)
    assert saved["position_seconds"] == saved["progress_seconds"] == 600
    read = await app.get(f"/api/v1/movies/{movie_id}/progress")
    assert read["position_seconds"] == 600

    items = await app.get("/api/v1/movies/continue-watching", limit=50)
    item = next(i for i in items if i["id"] == str(movie_id))
    assert item["movie"]["id"] == str(movie_id)
    assert item["movie"]["title"] == item["title"]
    assert "progress_seconds" not in item["movie"]
    assert item["progress"]["movie_id"] == str(movie_id)
    assert item["progress"]["position_seconds"] == item["progress_seconds"] == 600
    assert item["progress"]["percentage"] == item["progress_percent"] == 25
    assert item["progress"]["duration_seconds"] == 2400
    assert item["progress"]["completed"] is False
    assert item["progress"]["last_watched_at"] == item["last_watched_at"]


async def test_continue_watching_an_episode_nests_series_episode_and_progress(app: App) -> None:
    episode_id = await one(app, "SELECT id FROM tvshow.episodes ORDER BY id LIMIT 1")
    path = f"/api/v1/tvshows/episodes/{episode_id}/progress"
    saved = await send(app, "PUT", path, PROGRESS, app.headers)
    assert saved["position_seconds"] == saved["progress_seconds"] == 600
    assert (await app.get(path))["position_seconds"] == 600

    items = await app.get("/api/v1/tvshows/continue-watching", limit=100)
    item = next(i for i in items if i["episode_id"] == str(episode_id))
    assert item["series"] == {
        "id": item["series_id"],
        "title": item["series_title"],
        "name": item["series_title"],
        "poster_path": item.get("series_poster_path"),
    }
    assert item["episode"]["id"] == str(episode_id)
    assert item["episode"]["name"] == item["episode_title"]
    assert item["episode"]["episode_number"] == item["episode_number"]
    assert item["progress"]["episode_id"] == str(episode_id)
    assert item["progress"]["position_seconds"] == 600
    assert item["progress"]["percentage"] == item["progress_percent"] == 25.0


async def test_episodes_are_named_and_files_say_their_codec(app: App) -> None:
    series_id = await one(app, "SELECT id FROM tvshow.series ORDER BY id LIMIT 1")
    episodes = await app.get(f"/api/v1/tvshows/{series_id}/episodes")
    assert episodes
    assert all(e["name"] == e["title"] and e["title"] for e in episodes)
    season = await app.get(f"/api/v1/tvshows/seasons/{episodes[0]['season_id']}/episodes")
    assert all(e["name"] == e["title"] for e in season)
    episode = await app.get(f"/api/v1/tvshows/episodes/{episodes[0]['id']}")
    assert episode["name"] == episode["title"]

    files = await app.get(f"/api/v1/tvshows/episodes/{episodes[0]['id']}/files")
    assert files
    assert all(f["codec"] == f["video_codec"] and f["codec"] for f in files)
    movie_id = await one(app, "SELECT movie_id FROM movie.movie_files ORDER BY id LIMIT 1")
    files = await app.get(f"/api/v1/movies/{movie_id}/files")
    assert files
    assert all(f["codec"] == f["video_codec"] and f["codec"] for f in files)


async def test_is_admin_says_whether_the_account_holds_the_admin_role(app: App) -> None:
    admin = await signed_up(app, role="admin")
    assert (await send(app, "GET", "/api/v1/users/me", None, admin.headers))["is_admin"] is True
    other = await signed_up(app)
    roles = f"/api/v1/rbac/users/{other.user_id}/roles"

    async def shown() -> bool:
        user = await send(app, "GET", f"/api/v1/users/{other.user_id}", None, admin.headers)
        return bool(user["is_admin"])

    assert await shown() is False
    await send(app, "POST", roles, {"role": "admin"}, admin.headers)
    assert await shown() is True
    listed = await send(app, "GET", "/api/v1/admin/users?is_admin=true", None, admin.headers)
    assert str(other.user_id) in {u["id"] for u in listed["users"]}
    await send(app, "DELETE", f"{roles}/admin", None, admin.headers)
    assert await shown() is False


async def test_removing_the_admin_role_from_a_flagged_administrator_takes_it_away(
    app: App,
) -> None:
    admin = await signed_up(app, role="admin")
    flagged = await signed_up(app, flag=True)
    roles = f"/api/v1/rbac/users/{flagged.user_id}/roles"
    held = await send(app, "GET", roles, None, admin.headers)
    assert "admin" in held["roles"]

    await send(app, "DELETE", f"{roles}/admin", None, admin.headers)
    user = await send(app, "GET", f"/api/v1/users/{flagged.user_id}", None, admin.headers)
    assert user["is_admin"] is False
    assert "admin" not in (await send(app, "GET", roles, None, admin.headers))["roles"]
    relogged = await log_in(app, flagged.name)
    listing = await app.client.get("/api/v1/admin/users", headers=relogged)
    assert listing.status == 403


class Account:
    def __init__(self, name: str, user_id: UUID, headers: dict[str, str]) -> None:
        self.name, self.user_id, self.headers = name, user_id, headers


async def signed_up(app: App, role: str | None = None, flag: bool = False) -> Account:
    """A new account; with `role`, that role given in the database; with `flag`, its
    `is_admin` flag set there (as `create-admin` and the first sign-up do)."""
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    registered = await app.client.post("/api/v1/auth/register", json=body)
    assert registered.status == 201, await registered.text()
    user_id = UUID((await registered.json())["id"])
    connection = await asyncpg.connect(app.url)
    try:
        if role is not None:
            await connection.execute(
                "INSERT INTO shared.user_roles (user_id, role) VALUES ($1, $2)", user_id, role
            )
        if flag:
            await connection.execute(
                "UPDATE shared.users SET is_admin = true WHERE id = $1", user_id
            )
    finally:
        await connection.close()
    return Account(name, user_id, await log_in(app, name))


async def log_in(app: App, name: str) -> dict[str, str]:
    login = await app.client.post(
        "/api/v1/auth/login", json={"username": name, "password": PASSWORD}
    )
    assert login.status == 200, await login.text()
    app.client.session.cookie_jar.clear()
    return {"Authorization": f"Bearer {(await login.json())['access_token']}"}


@pytest.mark.parametrize("document", DOCUMENTS, ids=["ours", "upstream"][: len(DOCUMENTS)])
async def test_every_group_of_the_multi_search_has_the_documents_shape(
    app: App, fallback_app: App, document: Path
) -> None:
    contract = Contract(document)
    series = await one(app, "SELECT title FROM tvshow.series ORDER BY id LIMIT 1")
    person = await one(app, "SELECT name FROM shared.people ORDER BY popularity DESC LIMIT 1")
    for served in (app, fallback_app):
        for q in (str(series), str(person)):
            body = await served.get("/api/v1/search/multi", q=q, limit=10)
            assert body["episodes"]["hits"] or body["people"]["hits"]
            assert body["seasons"]["hits"] or body["people"]["hits"]
            problems = contract.problems("GET", "/api/v1/search/multi", 200, body)
            assert problems == []


# The contract's fields of each group's documents.
GROUP_FIELDS = {
    "episodes": "air_date episode_number has_file id overview runtime season_number series_id"
    " series_poster_path series_title still_path title vote_average",
    "seasons": "air_date episode_count id name overview poster_path season_number series_id"
    " series_poster_path series_title vote_average",
    "people": "characters departments id known_for movie_count name profile_path tmdb_id"
    " total_credits tvshow_count",
}


def test_our_document_declares_the_fields_of_each_multi_search_group() -> None:
    tree = Contract(DOCUMENTS[0]).tree
    schemas = tree["components"]["schemas"]

    def resolved(node: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = schemas[node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else node
        return found

    groups = schemas["MultiSearchResults"]["properties"]
    for name, fields in GROUP_FIELDS.items():
        hit = resolved(resolved(groups[name])["properties"]["hits"]["items"])
        document = resolved(hit["properties"]["document"])
        assert set(fields.split()) <= set(document["properties"]), name
