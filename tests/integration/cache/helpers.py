"""Small waits shared by the cache tests: poll with a deadline instead of sleeping."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


async def eventually(check: Callable[[], Awaitable[bool]], within_s: float = 3.0) -> None:
    deadline = time.monotonic() + within_s
    while not await check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


async def value_becomes(read: Callable[[], Awaitable[object]], expected: object) -> None:
    async def check() -> bool:
        return await read() == expected

    await eventually(check)
