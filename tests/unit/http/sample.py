"""A small document and its handlers, for exercising the platform without the real document."""

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
    Operations,
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
SAMPLE_DOCUMENT = OpenApiDocument((Path(__file__).parent / "sample_openapi.yaml").read_bytes())

Client = TestClient[web.Request, web.Application]
SAMPLE_OPERATIONS = Operations()
operation = SAMPLE_OPERATIONS.operation
CATALOG, PROBE = CacheCategory.CATALOG, CacheCategory.PROBE

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


@operation("listItems", permission=PUBLIC)
async def list_items(request: web.Request) -> web.Response:
    return web.json_response(dict(params_of(request)))


@operation("createItem", permission=PUBLIC)
async def create_item(request: web.Request) -> web.Response:
    return web.json_response(body_of(request), status=201)


@operation("getItem", permission=PUBLIC, cache=CATALOG)
async def get_item(request: web.Request) -> web.Response:
    return web.json_response({"item_id": str(params_of(request).uuid("item_id"))})


@operation("updateItem", permission=PUBLIC)
async def update_item(request: web.Request) -> web.Response:
    return web.json_response({"body": body_of(request)})


@operation("fail", permission=PUBLIC, cache=CATALOG)
async def fail(request: web.Request) -> web.Response:
    raise FAILURES[params_of(request).text("kind")]


@operation("getCatalog", permission=PUBLIC, cache=CATALOG)
@operation("getMe", permission=PUBLIC, cache=CacheCategory.USER)
@operation("getProbe", permission=PUBLIC, cache=PROBE)
async def ok(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def sample_config(**server: object) -> Config:
    settings: dict[str, object] = {
        "cors_allowed_origins": (ALLOWED_ORIGIN,),
        "max_body_bytes": MAX_BODY_BYTES,
        **server,
    }
    return Config(server=ServerConfig(**settings))  # type: ignore[arg-type]


def sample_app(config: Config | None = None) -> web.Application:
    return create_app(
        config or sample_config(),
        HttpDeps(),
        operations=[SAMPLE_OPERATIONS],
        document=SAMPLE_DOCUMENT,
    )


@asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[Client]:
    async with TestClient(TestServer(app)) as client:
        yield client
