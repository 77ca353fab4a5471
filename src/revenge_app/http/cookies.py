"""The sign-in cookies: access token, refresh token (auth paths only) and the CSRF token."""

from __future__ import annotations

import secrets

from aiohttp import web

from revenge_app.config import Config
from revenge_app.http.auth import ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE
from revenge_domain.identity import IssuedTokens

REFRESH_COOKIE_PATH = "/api/v1/auth"


def set_sign_in_cookies(response: web.StreamResponse, config: Config, tokens: IssuedTokens) -> None:
    _set(response, config, ACCESS_COOKIE, tokens.access_token, tokens.expires_in)
    _set(
        response,
        config,
        REFRESH_COOKIE,
        tokens.refresh_token,
        config.auth.refresh_ttl_s,
        path=REFRESH_COOKIE_PATH,
    )
    # Readable by the page's scripts on purpose: they echo it in X-CSRF-Token.
    _set(response, config, CSRF_COOKIE, secrets.token_hex(32), tokens.expires_in, httponly=False)


def clear_sign_in_cookies(response: web.StreamResponse, config: Config) -> None:
    for name, path in (
        (ACCESS_COOKIE, "/"),
        (REFRESH_COOKIE, REFRESH_COOKIE_PATH),
        (CSRF_COOKIE, "/"),
    ):
        response.del_cookie(
            name,
            path=path,
            domain=config.auth.cookie_domain or None,
            secure=config.server.cookie_secure,
            samesite=config.auth.cookie_same_site,
        )


def _set(
    response: web.StreamResponse,
    config: Config,
    name: str,
    value: str,
    max_age: int,
    *,
    path: str = "/",
    httponly: bool = True,
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=path,
        domain=config.auth.cookie_domain or None,
        secure=config.server.cookie_secure,
        httponly=httponly,
        samesite=config.auth.cookie_same_site,
    )
