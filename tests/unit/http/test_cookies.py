"""The sign-in cookies: Secure whenever the server is reached over https, and a CSRF token that
belongs to the session."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import attrs
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from revenge_app.config import Config
from revenge_app.http.cookies import set_sign_in_cookies
from revenge_app.http.csrf import CSRF_KEY, csrf_token, is_csrf_token
from revenge_app.http.state import CONFIG
from revenge_domain.identity import IssuedTokens, Session

KEY = b"k" * 32
NOW = datetime(2026, 1, 1, tzinfo=UTC)
SESSION = Session(uuid.uuid4(), uuid.uuid4(), NOW, NOW, NOW)


async def cookies_of(config: Config) -> dict[str, str]:
    async def sign_in(request: web.Request) -> web.Response:
        response = web.Response()
        set_sign_in_cookies(response, request, IssuedTokens("access", "refresh", 900, SESSION))
        return response

    app = web.Application()
    app[CONFIG], app[CSRF_KEY] = config, KEY
    app.router.add_post("/", sign_in)
    async with TestClient(TestServer(app)) as client:
        response = await client.post("/")
        return {name: morsel.OutputString() for name, morsel in response.cookies.items()}


@pytest.mark.parametrize(
    ("public_url", "cookie_secure", "secure"),
    [
        ("https://media.example", False, True),
        ("http://192.168.1.5:8096", False, False),
        ("", False, False),
        ("", True, True),
    ],
)
async def test_cookies_are_secure_over_https(
    public_url: str, cookie_secure: bool, secure: bool
) -> None:
    server = attrs.evolve(Config().server, public_url=public_url, cookie_secure=cookie_secure)
    cookies = await cookies_of(attrs.evolve(Config(), server=server))
    assert len(cookies) == 3
    assert all(("Secure" in cookie) is secure for cookie in cookies.values())


async def test_the_csrf_cookie_is_the_sessions_token() -> None:
    cookies = await cookies_of(Config())
    assert f"revenge_csrf={csrf_token(KEY, SESSION.id)};" in cookies["revenge_csrf"]


def test_a_token_is_worth_nothing_for_another_session_or_key() -> None:
    token = csrf_token(KEY, SESSION.id)
    assert is_csrf_token(KEY, SESSION.id, token)
    assert not is_csrf_token(KEY, uuid.uuid4(), token)
    assert not is_csrf_token(b"o" * 32, SESSION.id, token)
    assert not is_csrf_token(KEY, None, token)
    assert not is_csrf_token(KEY, SESSION.id, "x")
