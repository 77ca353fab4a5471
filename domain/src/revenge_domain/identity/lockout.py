"""Sign-in lockout: too many failures for one account, whichever name or email (in any letter
case) it was signed in with. Many failures from one address only slow it down (a rate limit in
the HTTP layer), so a household or a proxy is never locked out as a whole."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from uuid import UUID

import attrs

from revenge_domain.errors import TooManyRequests
from revenge_domain.identity.ports import LoginAttempts


def account_key(user_id: UUID) -> str:
    """What failures of an existing account are counted under."""
    return f"account:{user_id}"


def name_key(login: str) -> str:
    """What failures of a name that is no account are counted under (never an account's key)."""
    return f"name:{login.casefold()}"


@attrs.frozen
class Lockout:
    """After `per_account` failures within `window_s`, sign-in is refused until enough of those
    failures have left the window."""

    per_account: int = 5
    window_s: int = 900

    async def check(self, attempts: LoginAttempts, key: str, now: datetime) -> None:
        """Raise TooManyRequests (with the seconds to wait) while `key` is locked."""
        since = now - timedelta(seconds=self.window_s)
        wait = self._wait(await attempts.times_for_login(key, since), now)
        if wait > 0:
            raise TooManyRequests("too many failed sign-in attempts; try again later", wait)

    def _wait(self, times: list[datetime], now: datetime) -> int:
        if len(times) < self.per_account:
            return 0
        # Once this attempt leaves the window, fewer than `per_account` remain.
        freeing = times[len(times) - self.per_account]
        left = (freeing + timedelta(seconds=self.window_s) - now).total_seconds()
        return max(0, math.ceil(left))
