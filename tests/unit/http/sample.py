"""A small document and routes for exercising the platform without touching the real document."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import redis.exceptions
import sqlalchemy.exc
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from revenge_app.config import Config, ServerConfig
from revenge_app.http import (
    PUBLIC,
    CacheCategory,
    HttpDeps,
    OpenApiDocument,
    Route,
    body_of,
    create_app,
    params_of,
)
from revenge_domain.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    TooManyRequests,
    Unauthenticated,
)
from revenge_domain.jobs import JobQueueUnavailable
from revenge_domain.search import SearchUnavailable

ALLOWED_ORIGIN = "https://app.example"
MAX_BODY_BYTES = 1024
ITEM_PATH = "/items/{item_id}"
SAMPLE_DOCUMENT = OpenApiDocument((Path(__file__).parent / "sample_openapi.yaml").read_bytes())

Client = TestClient[web.Request, web.Application]

FAILURES: dict[str, Exception] = {
    "not-found": NotFound("item not found", {"item_id": "x"}),
    "conflict": Conflict("item exists"),
    "invalid": InvalidInput("year is in the future"),
    "unauthenticated": Unauthenticated("sign in first"),
    "forbidden": PermissionDenied("not yours"),
    "too-many": TooManyRequests("slow down", retry_after_s=7),
    "domain": DomainError("something the domain refused"),
    "crash": RuntimeError("secret internals: /srv/db password=hunter2"),
    "database-refused": sqlalchemy.exc.OperationalError(
        "SELECT 1", {}, ConnectionRefusedError(111, "Connect call failed")
    ),
    "database-lost": asyncpg.ConnectionDoesNotExistError("connection was closed"),
    "pool-timeout": sqlalchemy.exc.TimeoutError("QueuePool limit reached"),
    "redis-down": redis.exceptions.ConnectionError("Error 111 connecting to redis"),
    "job-queue": JobQueueUnavailable("the job queue cannot be reached"),
    "search-down": SearchUnavailable("no collection movies in the search engine"),
    "network": ConnectionResetError(104, "Connection reset by peer"),
}


async def list_items(request: web.Request) -> web.Response:
    return web.json_response(dict(params_of(request)))


async def create_item(request: web.Request) -> web.Response:
    return web.json_response(body_of(request), status=201)


async def get_item(request: web.Request) -> web.Response:
    return web.json_response({"item_id": str(params_of(request).uuid("item_id"))})


async def update_item(request: web.Request) -> web.Response:
    return web.json_response({"body": body_of(request)})


async def fail(request: web.Request) -> web.Response:
    raise FAILURES[params_of(request).text("kind")]


async def ok(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def sample_routes() -> list[Route]:
    catalog, user, probe = CacheCategory.CATALOG, CacheCategory.USER, CacheCategory.PROBE
    return [
        Route("GET", "/items", "listItems", list_items, permission=PUBLIC),
        Route("POST", "/items", "createItem", create_item, permission=PUBLIC),
        Route("GET", ITEM_PATH, "getItem", get_item, permission=PUBLIC, cache=catalog),
        Route("PATCH", ITEM_PATH, "updateItem", update_item, permission=PUBLIC),
        Route("GET", "/failures/{kind}", "fail", fail, permission=PUBLIC, cache=catalog),
        Route("GET", "/catalog", "getCatalog", ok, permission=PUBLIC, cache=catalog),
        Route("GET", "/me", "getMe", ok, permission=PUBLIC, cache=user),
        Route("GET", "/probe", "getProbe", ok, permission=PUBLIC, cache=probe),
    ]


def sample_config(**server: object) -> Config:
    settings: dict[str, object] = {
        "cors_allowed_origins": (ALLOWED_ORIGIN,),
        "max_body_bytes": MAX_BODY_BYTES,
        **server,
    }
    return Config(server=ServerConfig(**settings))  # type: ignore[arg-type]


def sample_app(config: Config | None = None) -> web.Application:
    return create_app(
        config or sample_config(), HttpDeps(), routes=sample_routes(), document=SAMPLE_DOCUMENT
    )


@asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[Client]:
    async with TestClient(TestServer(app)) as client:
        yield client
