"""Which operations are rate limited, what they are counted by, and the 429 they answer.

Every limited operation counts per client (its address, or its account once signed in); the
ones that name an account (a login name, an email, a pending sign-in) count per account too.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import limits
from aiohttp import web
from limits import RateLimitItem

from revenge_app.config import RateLimitsConfig
from revenge_app.http.state import BODY, DEPS, PENDING_LOGIN, PRINCIPAL
from revenge_domain.errors import TooManyRequests

SIGN_IN = (
    "login",
    "verifyTOTP",
    "verifyBackupCode",
    "beginWebAuthnLogin",
    "finishWebAuthnLogin",
    "oidcAuthorize",
    "oidcCallback",
)
RECOVERY = ("forgotPassword", "resetPassword", "verifyEmail", "resendVerification")
SEARCH = (
    "searchMovies",
    "searchTVShows",
    "searchLibraryMovies",
    "searchLibraryTVShows",
    "searchMulti",
    "getSearchFacets",
    "getTVShowSearchFacets",
)
# The body field that names the account, where there is one.
ACCOUNT_FIELDS = {
    "login": "username",
    "beginWebAuthnLogin": "username",
    "forgotPassword": "email",
}


@attrs.frozen
class RateRule:
    group: str
    per_client: tuple[RateLimitItem, ...]
    per_account: tuple[RateLimitItem, ...] = ()


def rate_rules(config: RateLimitsConfig) -> dict[str, RateRule]:
    """The rule of each limited operation, by operation id."""
    if not config.enabled:
        return {}

    def rule(group: str, per_client: str, per_account: str = "") -> RateRule:
        return RateRule(group, _parsed(per_client), _parsed(per_account))

    sign_in = rule("sign-in", config.sign_in, config.sign_in_account)
    recovery = rule("recovery", config.recovery, config.recovery_account)
    rules = dict.fromkeys(SIGN_IN, sign_in) | dict.fromkeys(RECOVERY, recovery)
    rules |= dict.fromkeys(SEARCH, rule("search", config.search))
    rules["register"] = rule("registration", config.registration)
    rules["getProxiedImage"] = rule("images", config.images)
    return rules


def _parsed(rates: str) -> tuple[RateLimitItem, ...]:
    return tuple(limits.parse_many(rates)) if rates else ()


RATE_RULES = web.AppKey("rate_rules", Mapping[str, RateRule])


async def check_rate_limits(request: web.Request, operation_id: str) -> None:
    """Raise TooManyRequests (429 with Retry-After) when the client or the account named by the
    request has used up its rate."""
    counter = request.app[DEPS].rate_limits
    rule = request.app[RATE_RULES].get(operation_id)
    if counter is None or rule is None:
        return
    wait = await counter.wait(f"{rule.group}:{_client(request)}", rule.per_client)
    account = _account(request, operation_id)
    if account is not None and rule.per_account:
        wait = max(wait, await counter.wait(f"{rule.group}-account:{account}", rule.per_account))
    if wait > 0:
        raise TooManyRequests("too many requests; try again later", wait)


def _client(request: web.Request) -> str:
    principal = request.get(PRINCIPAL)
    if principal is not None:
        return f"user:{principal.user_id}"
    return f"address:{request.remote or ''}"


def _account(request: web.Request, operation_id: str) -> str | None:
    pending = request.get(PENDING_LOGIN)
    if pending is not None:
        return f"user:{pending.user_id}"
    field = ACCOUNT_FIELDS.get(operation_id)
    body = request.get(BODY)
    if field is None or not isinstance(body, dict):
        return None
    value = body.get(field)
    return f"name:{value.strip().casefold()}" if isinstance(value, str) and value.strip() else None
