"""Sign-in lockout: too many failures for one login name or one client address."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import attrs

from revenge_domain.errors import TooManyRequests
from revenge_domain.identity.ports import LoginAttempts


@attrs.frozen
class Lockout:
    """After `per_login` failures for a login name, or `per_address` from one address, within
    `window_s`, sign-in is refused until enough of those failures have left the window."""

    per_login: int = 5
    per_address: int = 20
    window_s: int = 900

    async def check(self, attempts: LoginAttempts, login: str, address: str, now: datetime) -> None:
        """Raise TooManyRequests (with the seconds to wait) while either limit is reached."""
        since = now - timedelta(seconds=self.window_s)
        waits = [
            self._wait(await attempts.times_for_login(login, since), self.per_login, now),
            self._wait(await attempts.times_for_address(address, since), self.per_address, now),
        ]
        wait = max(waits)
        if wait > 0:
            raise TooManyRequests("too many failed sign-in attempts; try again later", wait)

    def _wait(self, times: list[datetime], limit: int, now: datetime) -> int:
        if len(times) < limit:
            return 0
        # Once this attempt leaves the window, fewer than `limit` remain.
        freeing = times[len(times) - limit]
        left = (freeing + timedelta(seconds=self.window_s) - now).total_seconds()
        return max(0, math.ceil(left))
