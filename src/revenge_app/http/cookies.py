"""The sign-in cookies: access token, refresh token (auth paths only) and the CSRF token."""

from __future__ import annotations

from aiohttp import web

from revenge_app.config import Config
from revenge_app.http.auth import ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE
from revenge_app.http.csrf import csrf_key_of, csrf_token
from revenge_app.http.state import CONFIG
from revenge_domain.identity import IssuedTokens

REFRESH_COOKIE_PATH = "/api/v1/auth"


def set_sign_in_cookies(
    response: web.StreamResponse, request: web.Request, tokens: IssuedTokens
) -> None:
    config = request.app[CONFIG]
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
    csrf = csrf_token(csrf_key_of(request.app), tokens.session.id)
    _set(response, config, CSRF_COOKIE, csrf, tokens.expires_in, httponly=False)


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
            secure=secure_cookies(config),
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
        secure=secure_cookies(config),
        httponly=httponly,
        samesite=config.auth.cookie_same_site,
    )


def secure_cookies(config: Config) -> bool:
    """Secure when asked for, and always when the server is reached over https."""
    return config.server.cookie_secure or config.server.public_url.startswith("https://")
