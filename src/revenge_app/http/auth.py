"""Who is calling: credentials to a Principal, the session-bound CSRF check, route permissions.

An API key wins over a bearer token, which wins over the access cookie. Credentials that cannot
be accepted are refused only where a route needs a caller, so a stale cookie never blocks signing
in again.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

from revenge_app.http.csrf import csrf_key_of, is_csrf_token
from revenge_app.http.routes import PUBLIC, Route
from revenge_app.http.state import (
    CREDENTIALS,
    CREDENTIALS_PROBLEM,
    PENDING_LOGIN,
    PRINCIPAL,
    Credentials,
)
from revenge_domain.errors import DomainError, PermissionDenied, Unauthenticated
from revenge_domain.identity import Authenticate, AuthMethod, Principal
from revenge_domain.mfa.login import SignInWithSecondFactor

ACCESS_COOKIE = "revenge_access_token"
REFRESH_COOKIE = "revenge_refresh_token"
CSRF_COOKIE = "revenge_csrf"
CSRF_HEADER = "X-CSRF-Token"
API_KEY_HEADER = "X-API-Key"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
QUERY_TOKEN = "token"  # noqa: S105 - a parameter name
QUERY_TOKEN_OPERATIONS = frozenset({"streamEvents"})
# The only operations a pending sign-in token (password right, second factor due) may call.
SECOND_FACTOR_OPERATIONS = frozenset(
    {"verifyTOTP", "verifyBackupCode", "beginWebAuthnLogin", "finishWebAuthnLogin"}
)


@web.middleware
async def authentication_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    request[PRINCIPAL], request[CREDENTIALS_PROBLEM] = None, None
    request[PENDING_LOGIN] = None
    credentials = request.app.get(CREDENTIALS)
    if credentials is not None:
        try:
            request[PRINCIPAL] = await identify(request, credentials)
        except DomainError as exc:
            request[CREDENTIALS_PROBLEM] = exc
    return await handler(request)


async def identify(request: web.Request, credentials: Credentials) -> Principal | None:
    """The caller behind the request's credentials; None when it carries none."""
    authenticate = credentials.authenticate
    api_key = request.headers.get(API_KEY_HEADER)
    if api_key is not None:
        # API-key requests carry no cookie, so they need no CSRF token.
        return await credentials.authenticate_api_key(api_key.strip())
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("the Authorization header must be 'Bearer <token>'")
        try:
            return await authenticate(token.strip(), AuthMethod.BEARER)
        except Unauthenticated:
            # Perhaps a pending sign-in: checked only now, so the usual request (an access
            # token) costs one token read, not two.
            check_pending_login(request, credentials.second_factor, token.strip())
            raise
    cookie = request.cookies.get(ACCESS_COOKIE)
    if not cookie:
        return await by_query_token(request, authenticate)
    principal = await authenticate(cookie, AuthMethod.COOKIE)
    if request.method not in SAFE_METHODS:
        check_csrf(request, principal)
    return principal


async def by_query_token(request: web.Request, authenticate: Authenticate) -> Principal | None:
    """`?token=` only where clients cannot send headers (EventSource); elsewhere a token in
    the URL would end up in logs and browser history."""
    token = request.query.get(QUERY_TOKEN)
    if not token or request.match_info.route.name not in QUERY_TOKEN_OPERATIONS:
        return None
    return await authenticate(token, AuthMethod.BEARER)


def check_pending_login(request: web.Request, sign_in: SignInWithSecondFactor, token: str) -> None:
    """A pending sign-in token is remembered for the second-factor routes and refused as a
    credential (so it opens nothing else)."""
    pending = sign_in.pending(token)
    if pending is not None:
        request[PENDING_LOGIN] = pending
        raise Unauthenticated("finish signing in with a second factor first")


def check_csrf(request: web.Request, principal: Principal) -> None:
    """The header must carry the token of the cookie's session (handed over in the CSRF cookie,
    which other sites cannot read); a token of another session or a made-up one is refused."""
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        raise PermissionDenied("CSRF token missing", {"header": CSRF_HEADER})
    if not is_csrf_token(csrf_key_of(request.app), principal.session_id, sent):
        raise PermissionDenied("CSRF token invalid", {"header": CSRF_HEADER})


def authorize(request: web.Request, route: Route) -> None:
    """Refuse the request unless the route is public or the caller holds its permission."""
    if route.permission is PUBLIC:
        return
    principal = request.get(PRINCIPAL)
    if principal is None:
        if route.operation_id in SECOND_FACTOR_OPERATIONS and request.get(PENDING_LOGIN):
            return
        raise request.get(CREDENTIALS_PROBLEM) or Unauthenticated("sign in first")
    if principal.read_only and route.method not in SAFE_METHODS:
        raise PermissionDenied("this API key may only read", {"scope": "read"})
    if not principal.can(route.permission):
        raise PermissionDenied("you may not do this", {"required_permission": route.permission})
