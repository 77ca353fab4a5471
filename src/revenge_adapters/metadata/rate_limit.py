"""A token bucket per provider, which a provider's 429 can also pause."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from revenge_domain.metadata.errors import ProviderRateLimited


class TokenBucket:
    """`rate_per_s` calls a second on average, `burst` at once.

    A caller waits for its token when the wait is at most `max_wait_s`; a longer wait (after the
    provider asked for a pause with Retry-After) raises `ProviderRateLimited` at once, so no
    request sits behind a provider that told us to go away.
    """

    def __init__(
        self,
        provider: str,
        rate_per_s: float,
        burst: int,
        *,
        max_wait_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._provider = provider
        self._rate, self._burst = rate_per_s, float(burst)
        self._max_wait_s = max_wait_s
        self._clock, self._sleep = clock, sleep
        self._tokens = float(burst)
        self._updated = clock()
        self._paused_until = 0.0

    async def acquire(self) -> None:
        wait = self._reserve()
        if wait > self._max_wait_s:
            self._tokens += 1.0
            raise ProviderRateLimited(self._provider, round(wait, 3))
        if wait > 0:
            await self._sleep(wait)

    def pause(self, seconds: float) -> None:
        """No calls for `seconds` (the provider's Retry-After)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def _reserve(self) -> float:
        """Take a token (possibly into debt) and return how long to wait before using it."""
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._updated) * self._rate)
        self._updated = now
        self._tokens -= 1.0
        refill = 0.0 if self._tokens >= 0 else -self._tokens / self._rate
        return max(refill, self._paused_until - now)
