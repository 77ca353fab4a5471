"""Redis clients tuned for a cache: short timeouts and no retries, so a dead Redis costs little."""

from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

REDIS_TIMEOUT_S = 0.5


def redis_client(url: str, *, timeout_s: float = REDIS_TIMEOUT_S) -> Redis:
    """A client for `redis://host:port/db`, `rediss://...` or `unix:///path/redis.sock`."""
    return Redis.from_url(
        url,
        socket_connect_timeout=timeout_s,
        socket_timeout=timeout_s,
        retry=Retry(NoBackoff(), 0),
    )


def glob_escape(text: str) -> str:
    """`text` as a literal inside a Redis MATCH/PSUBSCRIBE pattern."""
    return "".join("\\" + char if char in "*?[]\\" else char for char in text)
