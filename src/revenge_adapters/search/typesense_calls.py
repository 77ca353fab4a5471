"""Calls to Typesense: the client, and one guard that times, counts and translates failures."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from typing import Any, cast
from urllib.parse import urlsplit

import typesense
from typesense.exceptions import (
    ObjectNotFound,
    ObjectUnprocessable,
    RequestMalformed,
    TypesenseClientError,
)
from typesense.http_backend import backend_errors

from revenge_adapters.metrics import SEARCH_ERRORS, SEARCH_LATENCY
from revenge_domain.search import InvalidSearch, SearchUnavailable

log = logging.getLogger(__name__)

_MALFORMED = (RequestMalformed, ObjectUnprocessable)
# ValueError: an answer we cannot read (bad JSON, wrong number of import lines).
_UNAVAILABLE: tuple[type[Exception], ...] = (
    TypesenseClientError,
    *backend_errors("HTTPError"),
    TimeoutError,
    ValueError,
)


def client(url: str, api_key: str, timeout_s: float) -> typesense.AsyncClient:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    node = {
        "host": parts.hostname or "",
        "port": port,
        "protocol": parts.scheme,
        "path": parts.path.rstrip("/"),
    }
    # No client retries: a search that fails falls back at once instead of waiting.
    config = {
        "api_key": api_key,
        "nodes": [node],
        "connection_timeout_seconds": timeout_s,
        "num_retries": 0,
    }
    return typesense.AsyncClient(cast(Any, config))


@contextlib.asynccontextmanager
async def guarded(
    collection: str, operation: str, deadline_s: float | None = None
) -> AsyncIterator[None]:
    """Time the call, count failures, and turn them into domain errors."""
    started = time.perf_counter()
    try:
        async with asyncio.timeout(deadline_s):
            yield
    except ObjectNotFound as exc:
        SEARCH_ERRORS.labels(operation).inc()
        # 0.24 answers 404 both for a missing collection (an outage for us: fall back)
        # and for an unknown field in query_by/sort_by/filter_by (a bad query).
        if "field named" in str(exc):
            raise _refused(collection, operation, exc) from exc
        raise SearchUnavailable(f"no collection {collection} in the search engine") from exc
    except _MALFORMED as exc:
        SEARCH_ERRORS.labels(operation).inc()
        raise _refused(collection, operation, exc) from exc
    except _UNAVAILABLE as exc:
        SEARCH_ERRORS.labels(operation).inc()
        reason = str(exc) or type(exc).__name__
        log.warning(
            "search engine failed",
            extra={"fields": {"operation": operation, "collection": collection, "error": reason}},
        )
        raise SearchUnavailable("the search engine did not answer") from exc
    finally:
        SEARCH_LATENCY.labels(collection, operation).observe(time.perf_counter() - started)


def _refused(collection: str, operation: str, exc: Exception) -> InvalidSearch:
    """The engine's own words go to the log only: clients learn nothing of its internals."""
    log.info(
        "search engine refused a request",
        extra={"fields": {"operation": operation, "collection": collection, "error": str(exc)}},
    )
    return InvalidSearch("the search engine refused this query")
