"""Typed keys for what the app and each request carry, and the dependencies handlers receive."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from aiohttp import web

from revenge_adapters.rate_limits import RateLimits
from revenge_app.config import Config
from revenge_app.http.document import OpenApiDocument
from revenge_app.http.params import Params
from revenge_app.http.readiness import ReadinessCheck, StartupState
from revenge_app.http.routes import Route
from revenge_domain.errors import DomainError, Unauthenticated
from revenge_domain.identity import Authenticate, Principal
from revenge_domain.identity.api_key_cases import AuthenticateApiKey
from revenge_domain.mfa.login import PendingLogin, SignInWithSecondFactor


@attrs.frozen
class Credentials:
    """How callers are identified (the identity feature provides it; without it, every
    operation that is not public answers 401)."""

    authenticate: Authenticate
    authenticate_api_key: AuthenticateApiKey
    # Accounts that require a second factor get a pending sign-in token from it.
    second_factor: SignInWithSecondFactor


@attrs.frozen
class HttpDeps:
    """Everything the HTTP layer needs from the composition root."""

    readiness: Sequence[ReadinessCheck] = ()
    startup: StartupState = attrs.Factory(StartupState)
    readiness_timeout_s: float = 2.0
    # None: no rate limits (tests that do not exercise them).
    rate_limits: RateLimits | None = None
    # Signs the CSRF tokens; every instance of one server needs the same (empty: random).
    csrf_key: bytes = b""


CONFIG = web.AppKey("config", Config)
DEPS = web.AppKey("deps", HttpDeps)
DOCUMENT = web.AppKey("document", OpenApiDocument)
CREDENTIALS = web.AppKey("credentials", Credentials)

REQUEST_ID = web.RequestKey("request_id", str)
ROUTE = web.RequestKey("route", Route)
PARAMS = web.RequestKey("params", Params)
BODY: web.RequestKey[Any] = web.RequestKey("body")
PRINCIPAL: web.RequestKey[Principal | None] = web.RequestKey("principal")
# Why credentials that were offered could not be accepted (refused only where a route needs them).
CREDENTIALS_PROBLEM: web.RequestKey[DomainError | None] = web.RequestKey("credentials_problem")
# A sign-in waiting for its second factor (its token was the bearer token); never a principal.
PENDING_LOGIN: web.RequestKey[PendingLogin | None] = web.RequestKey("pending_login")


def params_of(request: web.Request) -> Params:
    """The validated path and query parameters (spec defaults applied)."""
    return request[PARAMS]


def body_of(request: web.Request) -> Any:
    """The validated JSON body, or None when the operation has none or it was omitted."""
    return request[BODY]


def request_id_of(request: web.Request) -> str:
    return str(request.get(REQUEST_ID, ""))


def pending_login_of(request: web.Request) -> PendingLogin | None:
    """The sign-in this request may complete with a second factor, if its token was one."""
    return request.get(PENDING_LOGIN)


def principal_of(request: web.Request) -> Principal:
    """The signed-in caller; Unauthenticated when there is none."""
    principal: Principal | None = request.get(PRINCIPAL)
    if principal is None:
        raise Unauthenticated("sign in first")
    return principal
