"""Every operation of the contract's movies, tvshows, collections and Libraries tags (the genre
directory included) answers, against a seeded catalogue, with the status and body schema the
contract gives it. The refresh and scan triggers are not catalogue reads: the metadata and
scanning features answer them."""

from __future__ import annotations

import io
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
import attrs
import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

import revenge_app.http
from revenge_app.cli.migrate import Progress
from revenge_app.cli.seed import DEMO_PASSWORD, seed
from revenge_app.seed import SeedPlan
from tests.integration.app_server import Account, Server, app_config, app_server, signed_up
from tests.integration.conftest import PG_ADMIN_DSN

# Our own document always; the upstream contract too where it sits beside the project (it is
# reference data, never committed, so a clean clone elsewhere checks against ours alone).
OURS = Path(revenge_app.http.__file__).parent / "openapi.yaml"
CONTRACT = Path(__file__).resolve().parents[4] / "shared" / "upstream" / "openapi.yaml"
DOCUMENTS = [OURS, *([CONTRACT] if CONTRACT.exists() else [])]
TAGS = {"movies", "tvshows", "collections", "Libraries"}
ANSWERED_ELSEWHERE = {"refreshMovieMetadata", "refreshTVShowMetadata", "triggerLibraryScan"}
CONTRACT_URI = "urn:revenge:contract"


def with_nulls(node: Any) -> Any:
    """The contract's schemas with OpenAPI's `nullable: true` said the JSON Schema way (a
    validator ignores `nullable`)."""
    if isinstance(node, list):
        return [with_nulls(item) for item in node]
    if not isinstance(node, dict):
        return node
    schema = {key: with_nulls(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") is not True:
        return schema
    if "$ref" in schema:
        return {"anyOf": [{"$ref": schema.pop("$ref")}, {"type": "null"}], **schema}
    if isinstance(schema.get("type"), str):
        schema["type"] = [schema["type"], "null"]
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    return schema


class Contract:
    def __init__(self, path: Path) -> None:
        self.tree: dict[str, Any] = with_nulls(yaml.safe_load(path.read_text()))
        resource = DRAFT202012.create_resource(self.tree)
        self._registry: Registry[Any] = Registry().with_resource(CONTRACT_URI, resource)

    def operation_ids(self) -> set[str]:
        return {
            operation["operationId"]
            for item in self.tree["paths"].values()
            for operation in item.values()
            if isinstance(operation, dict) and TAGS & set(operation.get("tags", []))
        }

    def has(self, method: str, template: str) -> bool:
        return method.lower() in self.tree["paths"].get(template, {})

    def operation(self, method: str, template: str) -> dict[str, Any]:
        found: dict[str, Any] = self.tree["paths"][template][method.lower()]
        return found

    def problems(self, method: str, template: str, status: int, body: Any) -> list[str]:
        pointer = "/".join(
            ("#/paths", template.replace("~", "~0").replace("/", "~1"), method.lower())
        )
        response = self.operation(method, template)["responses"][str(status)]
        if "content" not in response:
            return [] if body is None else [f"expected no body, got {body!r}"[:300]]
        ref = f"{CONTRACT_URI}{pointer}/responses/{status}/content/application~1json/schema"
        validator = Draft202012Validator(
            {"$ref": ref}, registry=self._registry, format_checker=FormatChecker()
        )
        return [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"[:300]
            for error in validator.iter_errors(body)
        ]


@attrs.frozen
class Seeded:
    server: Server
    user: Account
    admin: Account
    ids: dict[str, UUID]


IDS = {
    "movie": "SELECT cm.movie_id FROM movie.movie_collection_members cm ORDER BY 1 LIMIT 1",
    "collection": "SELECT collection_id FROM movie.movie_collection_members"
    " ORDER BY movie_id LIMIT 1",
    "series": "SELECT id FROM tvshow.series ORDER BY title LIMIT 1",
    "season": "SELECT n.id FROM tvshow.seasons n JOIN tvshow.series s ON s.id = n.series_id"
    " WHERE n.season_number = 1 ORDER BY s.title LIMIT 1",
    "episode": "SELECT e.id FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id"
    " WHERE e.season_number = 1 ORDER BY s.title, e.episode_number LIMIT 1",
    "library": "SELECT id FROM public.libraries WHERE type = 'movie' LIMIT 1",
    "user": "SELECT id FROM shared.users WHERE username = 'seed_user_001'",
}


@pytest.fixture(scope="module")
async def seeded(tmp_path_factory: pytest.TempPathFactory, redis_url: str) -> AsyncIterator[Seeded]:
    """A database of this module's own with a small seeded catalogue, and a server on it."""
    name = f"revenge_test_{secrets.token_hex(4)}"
    admin_connection = await asyncpg.connect(PG_ADMIN_DSN)
    await admin_connection.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    root = tmp_path_factory.mktemp("seed")
    plan = SeedPlan(
        movies=40, series=4, episodes_per_series=8, users=3, seed=7,
        movie_root=root / "movies", tv_root=root / "tv",
    )  # fmt: skip
    prefix = f"revenge-test-{secrets.token_hex(4)}:"
    try:
        await seed(url, plan, Progress(21, io.StringIO()))
        connection = await asyncpg.connect(url)
        try:
            ids = {key: await connection.fetchval(sql) for key, sql in IDS.items()}
        finally:
            await connection.close()
        config = app_config(url, redis_url, prefix, root / "data")
        async with app_server(config, run_jobs=False) as server:
            login = {"username": "seed_user_001", "password": DEMO_PASSWORD}
            response = await server.client.post("/api/v1/auth/login", json=login)
            assert response.status == 200, await response.text()
            token = (await response.json())["access_token"]
            user = Account("seed_user_001", ids["user"], {"Authorization": f"Bearer {token}"})
            yield Seeded(server, user, await signed_up(server, admin=True), ids)
    finally:
        await admin_connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin_connection.close()


@attrs.frozen
class Call:
    method: str
    template: str
    status: int
    as_admin: bool = False
    query: str = ""
    body: Any = None
    # On the library the create call made, not the seeded one.
    on_created: bool = False


def calls(folder: str, other_user: UUID) -> list[Call]:
    """Writes first, so the reads after them have something to show."""
    progress = {"progress_seconds": 600, "duration_seconds": 6000}
    library = {"name": "Contract check", "type": "movie", "paths": [folder]}
    grant = {"user_id": str(other_user), "permission": "view"}
    return [
        Call("POST", "/api/v1/movies/{id}/progress", 200, body=progress),
        Call("PUT", "/api/v1/tvshows/episodes/{id}/progress", 200, body=progress),
        Call("GET", "/api/v1/movies", 200, query="?limit=50&order_by=rating"),
        Call("GET", "/api/v1/movies/search", 200, query="?query=the"),
        Call("GET", "/api/v1/movies/recently-added", 200),
        Call("GET", "/api/v1/movies/top-rated", 200, query="?min_votes=0"),
        Call("GET", "/api/v1/movies/continue-watching", 200),
        Call("GET", "/api/v1/movies/watch-history", 200),
        Call("GET", "/api/v1/movies/stats", 200),
        Call("GET", "/api/v1/movies/{id}", 200),
        Call("GET", "/api/v1/movies/{id}/files", 200),
        Call("GET", "/api/v1/movies/{id}/cast", 200),
        Call("GET", "/api/v1/movies/{id}/crew", 200),
        Call("GET", "/api/v1/movies/{id}/genres", 200),
        Call("GET", "/api/v1/movies/{id}/collection", 200),
        Call("GET", "/api/v1/movies/{id}/similar", 200),
        Call("GET", "/api/v1/movies/{id}/progress", 200),
        Call("GET", "/api/v1/collections/{id}", 200),
        Call("GET", "/api/v1/collections/{id}/movies", 200),
        Call("GET", "/api/v1/tvshows", 200, query="?order_by=popularity"),
        Call("GET", "/api/v1/tvshows/search", 200, query="?query=the"),
        Call("GET", "/api/v1/tvshows/recently-added", 200),
        Call("GET", "/api/v1/tvshows/continue-watching", 200),
        Call("GET", "/api/v1/tvshows/stats", 200),
        Call("GET", "/api/v1/tvshows/episodes/recent", 200),
        Call("GET", "/api/v1/tvshows/episodes/upcoming", 200),
        Call("GET", "/api/v1/tvshows/{id}", 200),
        Call("GET", "/api/v1/tvshows/{id}/seasons", 200),
        Call("GET", "/api/v1/tvshows/{id}/episodes", 200),
        Call("GET", "/api/v1/tvshows/{id}/cast", 200),
        Call("GET", "/api/v1/tvshows/{id}/crew", 200),
        Call("GET", "/api/v1/tvshows/{id}/genres", 200),
        Call("GET", "/api/v1/tvshows/{id}/networks", 200),
        Call("GET", "/api/v1/tvshows/{id}/watch-stats", 200),
        Call("GET", "/api/v1/tvshows/{id}/next-episode", 200),
        Call("GET", "/api/v1/tvshows/seasons/{id}", 200),
        Call("GET", "/api/v1/tvshows/seasons/{id}/episodes", 200),
        Call("GET", "/api/v1/tvshows/episodes/{id}", 200),
        Call("GET", "/api/v1/tvshows/episodes/{id}/files", 200),
        Call("GET", "/api/v1/tvshows/episodes/{id}/progress", 200),
        Call("GET", "/api/v1/genres", 200),
        Call("GET", "/api/v1/libraries", 200),
        Call("GET", "/api/v1/libraries/{libraryId}", 200),
        Call("GET", "/api/v1/libraries/{libraryId}/scans", 200, as_admin=True),
        Call("GET", "/api/v1/libraries/{libraryId}/permissions", 200, as_admin=True),
        Call("PUT", "/api/v1/libraries/{libraryId}", 200, as_admin=True, body={"enabled": True}),
        Call("POST", "/api/v1/libraries", 201, as_admin=True, body=library),
        Call("DELETE", "/api/v1/libraries/{libraryId}", 204, as_admin=True, on_created=True),
        Call("POST", "/api/v1/libraries/{libraryId}/permissions", 201, as_admin=True, body=grant),
        Call(
            "DELETE",
            "/api/v1/libraries/{libraryId}/permissions/{userId}",
            204,
            as_admin=True,
            query="?permission=view",
        ),
        Call("POST", "/api/v1/tvshows/episodes/bulk-watched", 200, body="episodes"),
        # Ours alone: a whole season in one statement.
        Call("POST", "/api/v1/tvshows/seasons/{id}/watched", 200),
        Call("POST", "/api/v1/tvshows/episodes/{id}/watched", 204),
        Call("DELETE", "/api/v1/tvshows/episodes/{id}/progress", 204),
        Call("POST", "/api/v1/movies/{id}/watched", 204),
        Call("DELETE", "/api/v1/movies/{id}/progress", 204),
    ]


def concrete(call: Call, ids: dict[str, UUID], created: dict[str, str]) -> str:
    """The call's path with the seeded ids put in."""
    owner = "movie"
    if call.template.startswith("/api/v1/collections"):
        owner = "collection"
    elif "/seasons/{id}" in call.template:
        owner = "season"
    elif "/episodes/{id}" in call.template:
        owner = "episode"
    elif call.template.startswith("/api/v1/tvshows"):
        owner = "series"
    path = call.template.replace("{id}", str(ids[owner]))
    library = created["library"] if call.on_created else str(ids["library"])
    path = path.replace("{libraryId}", library)
    return path.replace("{userId}", str(ids["other"])) + call.query


@pytest.mark.parametrize("document", DOCUMENTS, ids=["ours", "upstream"][: len(DOCUMENTS)])
async def test_every_catalogue_operation_answers_in_the_contracts_shape(
    seeded: Seeded, tmp_path: Path, document: Path
) -> None:
    contract = Contract(document)
    other = await signed_up(seeded.server)
    ids = {**seeded.ids, "other": other.user_id}
    connection = await asyncpg.connect(seeded.server.pg_url)
    try:
        episodes = await connection.fetch(
            "SELECT id FROM tvshow.episodes WHERE season_id = $1", ids["season"]
        )
    finally:
        await connection.close()
    created: dict[str, str] = {}
    problems: list[str] = []
    covered: set[str] = set()
    for call in calls(str(tmp_path), other.user_id):
        if not contract.has(call.method, call.template):
            continue
        account = seeded.admin if call.as_admin else seeded.user
        body = call.body
        if body == "episodes":
            body = {"episode_ids": [str(row["id"]) for row in episodes]}
        path = concrete(call, ids, created)
        response = await seeded.server.client.request(
            call.method, path, json=body, headers=account.headers
        )
        text = await response.text()
        answer = await response.json() if text else None
        covered.add(contract.operation(call.method, call.template)["operationId"])
        if call.method == "POST" and call.template == "/api/v1/libraries" and answer:
            created["library"] = answer["id"]
        if response.status != call.status:
            problems.append(f"{call.method} {path}: {response.status} {text[:200]}")
            continue
        for problem in contract.problems(call.method, call.template, call.status, answer):
            problems.append(f"{call.method} {call.template}: {problem}")

    assert problems == []
    assert covered == contract.operation_ids() - ANSWERED_ELSEWHERE
