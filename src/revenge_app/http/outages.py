"""Failures to reach a dependency (database, Redis, search engine) as 503s with Retry-After.

The adapters let driver errors through when a connection is refused, lost or timed out; here they
become one answer a client can act on (come back later), never a 500.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator

import asyncpg
import httpx
import redis.exceptions
import sqlalchemy.exc

from revenge_app.http.errors import ApiError
from revenge_domain.errors import DependencyUnavailable

RETRY_AFTER_S = DependencyUnavailable.retry_after_s

_DATABASE: tuple[type[BaseException], ...] = (
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    sqlalchemy.exc.DisconnectionError,
    sqlalchemy.exc.TimeoutError,  # no pooled connection came free in time
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.InterfaceError,
)
_CACHE: tuple[type[BaseException], ...] = (
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    redis.exceptions.BusyLoadingError,
)
_SEARCH: tuple[type[BaseException], ...] = (httpx.TransportError,)
# Raised bare by a driver that did not wrap them (connect refused, reset, timed out); the
# driver they came through names the dependency.
_NETWORK: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError)
_DRIVERS = {
    "asyncpg": "database",
    "sqlalchemy": "database",
    "redis": "cache",
    "httpx": "search",
    "typesense": "search",
}


def outage_error(exc: BaseException) -> ApiError | None:
    """The 503 for a failure to reach a dependency, or None when `exc` is something else."""
    dependency = _dependency(exc)
    if dependency is None:
        return None
    return ApiError(
        503,
        f"{dependency}_unavailable",
        f"the {dependency} cannot be reached now; try again shortly",
        {"dependency": dependency, "retry_after_seconds": RETRY_AFTER_S},
        {"Retry-After": str(RETRY_AFTER_S)},
    )


def _dependency(exc: BaseException) -> str | None:
    chain = list(_chain(exc))
    for name, kinds in (("database", _DATABASE), ("cache", _CACHE), ("search", _SEARCH)):
        if any(isinstance(link, kinds) for link in chain):
            return name
    if not any(isinstance(link, _NETWORK) for link in chain):
        return None
    return next(filter(None, map(_driver_of, chain)), "service")


def _driver_of(exc: BaseException) -> str | None:
    """The dependency whose driver code the error went through, innermost first."""
    frames = [
        frame.f_globals.get("__name__", "") for frame, _ in traceback.walk_tb(exc.__traceback__)
    ]
    for module in reversed(frames):
        top = module.partition(".")[0]
        if top in _DRIVERS:
            return _DRIVERS[top]
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, then what caused it, and so on (cycles cut)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__
