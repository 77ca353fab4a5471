"""Living with an unreachable Redis: a circuit breaker and a warning that does not flood the log."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

import attrs


@attrs.define
class ThrottledWarning:
    """Logs a warning at most once every `every_s` seconds and says how many were held back."""

    logger: logging.Logger
    every_s: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _last: float = -math.inf
    _held_back: int = 0

    def __call__(self, message: str, error: BaseException) -> None:
        now = self.clock()
        if now - self._last < self.every_s:
            self._held_back += 1
            return
        fields = {"error": f"{type(error).__name__}: {error}", "held_back": self._held_back}
        self.logger.warning(message, extra={"fields": fields})
        self._last, self._held_back = now, 0


@attrs.define
class CircuitBreaker:
    """After a failure, calls are skipped for `retry_after_s`; then one is let through to probe.

    Keeps a dead Redis from costing every request a connection attempt.
    """

    retry_after_s: float = 1.0
    clock: Callable[[], float] = time.monotonic
    _open: bool = False
    _retry_at: float = 0.0

    @property
    def is_open(self) -> bool:
        return self._open

    def allows(self) -> bool:
        return not self._open or self.clock() >= self._retry_at

    def failed(self) -> bool:
        """Record a failure; True when it opened a closed circuit."""
        opened = not self._open
        self._open, self._retry_at = True, self.clock() + self.retry_after_s
        return opened

    def succeeded(self) -> bool:
        """Record a success; True when it closed an open circuit."""
        closed = self._open
        self._open = False
        return closed
