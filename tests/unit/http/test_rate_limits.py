"""Rate limits on every unauthenticated or expensive operation: the third request within the
window (two allowed here) answers 429 with Retry-After, in the error body too."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import attrs
import pytest
from aiohttp.test_utils import TestClient, TestServer

from revenge_adapters.rate_limits import memory_rate_limits
from revenge_app.config import Config, RateLimitsConfig
from revenge_app.http import HttpDeps, create_app
from revenge_app.http.state import CREDENTIALS, Credentials
from revenge_domain.identity import AuthMethod, Principal
from revenge_domain.identity.access import EVERYTHING
from tests.unit.whole_app import api_operations

TWO = "2/minute"
TIGHT = RateLimitsConfig(
    sign_in=TWO,
    sign_in_account=TWO,
    registration=TWO,
    recovery=TWO,
    recovery_account=TWO,
    search=TWO,
    images=TWO,
)
SIGNED_IN = {"X-API-Key": "rv_test"}
PAT_ID = uuid.uuid4()
PAT = {"username": "pat", "password": "a long passphrase"}

# (method, path, JSON body, signed in)
LIMITED: list[tuple[str, str, Any, bool]] = [
    ("POST", "/api/v1/auth/login", PAT, False),
    ("POST", "/api/v1/auth/register", {**PAT, "email": "pat@example.com"}, False),
    ("POST", "/api/v1/auth/forgot-password", {"email": "pat@example.com"}, False),
    ("POST", "/api/v1/auth/reset-password", {"token": "t", "new_password": "long enough"}, False),
    ("POST", "/api/v1/auth/verify-email", {"token": "t"}, False),
    ("POST", "/api/v1/auth/resend-verification", {"email": "pat@example.com"}, True),
    ("POST", "/api/v1/mfa/webauthn/login/begin", {}, False),
    ("POST", "/api/v1/mfa/webauthn/login/finish", {"credential": {}}, False),
    ("GET", "/api/v1/oidc/auth/idp", None, False),
    ("GET", "/api/v1/oidc/callback/idp?code=c&state=s", None, False),
    ("POST", "/api/v1/mfa/totp/verify", {"code": "123456"}, True),
    ("POST", "/api/v1/mfa/backup-codes/verify", {"code": "1a2b-3c4d"}, True),
    ("GET", "/api/v1/movies/search?query=heat", None, True),
    ("GET", "/api/v1/tvshows/search?query=heat", None, True),
    ("GET", "/api/v1/search/movies?q=heat", None, True),
    ("GET", "/api/v1/search/tvshows?q=heat", None, True),
    ("GET", "/api/v1/search/multi?q=heat", None, True),
    ("GET", "/api/v1/search/movies/facets", None, True),
    ("GET", "/api/v1/search/tvshows/facets", None, True),
    ("GET", "/api/v1/images/poster/w342/abc.jpg", None, True),
]


async def nobody(token: str, method: AuthMethod) -> Principal:
    raise AssertionError("only API keys are sent")


async def anyone(secret: str) -> Principal:
    return Principal(PAT_ID, "pat", frozenset(), frozenset({EVERYTHING}), None, AuthMethod.API_KEY)


async def app_with(rates: RateLimitsConfig, *trusted_proxies: str) -> Any:
    """Every operation, with callers identified by API key and no service behind the handlers."""
    server = attrs.evolve(Config().server, trusted_proxies=trusted_proxies)
    config = attrs.evolve(Config(), rate_limits=rates, server=server)
    deps = HttpDeps(rate_limits=memory_rate_limits())
    app = create_app(config, deps, operations=api_operations())
    app[CREDENTIALS] = Credentials(nobody, anyone, None)  # type: ignore[arg-type]
    return app


@pytest.fixture
async def client() -> AsyncIterator[TestClient[Any, Any]]:
    async with TestClient(TestServer(await app_with(TIGHT))) as test_client:
        yield test_client


@pytest.mark.parametrize(("method", "path", "body", "signed_in"), LIMITED)
async def test_each_limited_operation_answers_429_with_retry_after(
    client: TestClient[Any, Any], method: str, path: str, body: Any, signed_in: bool
) -> None:
    headers = SIGNED_IN if signed_in else {}
    for _ in range(2):
        response = await client.request(method, path, json=body, headers=headers)
        assert response.status != 429, await response.text()
    refused = await client.request(method, path, json=body, headers=headers)
    assert refused.status == 429
    wait = int(refused.headers["Retry-After"])
    assert 0 < wait <= 60
    error = await refused.json()
    assert error["error"] == "too_many_requests"
    assert error["details"]["retry_after_seconds"] == wait


async def test_one_account_is_limited_from_every_address() -> None:
    """Per account: the same login name in any letter case, from three addresses (behind a
    trusted proxy)."""
    app = await app_with(attrs.evolve(TIGHT, sign_in="100/minute"), "127.0.0.1")
    async with TestClient(TestServer(app)) as client:
        for number, name in enumerate(["pat", "PAT", "Pat"]):
            headers = {"X-Forwarded-For": f"198.51.100.{number}"}
            body = {**PAT, "username": name}
            response = await client.post("/api/v1/auth/login", json=body, headers=headers)
            assert (response.status == 429) == (number == 2)


async def test_addresses_behind_a_trusted_proxy_are_counted_apart() -> None:
    app = await app_with(attrs.evolve(TIGHT, sign_in_account="100/minute"), "127.0.0.0/8")
    async with TestClient(TestServer(app)) as client:
        for number in range(4):
            headers = {"X-Forwarded-For": f"203.0.113.9, 198.51.100.{number}"}
            response = await client.post("/api/v1/auth/login", json=PAT, headers=headers)
            assert response.status != 429


async def test_forwarded_addresses_count_only_from_a_trusted_proxy() -> None:
    app = await app_with(attrs.evolve(TIGHT, sign_in_account="100/minute"))
    async with TestClient(TestServer(app)) as client:
        statuses = []
        for number in range(3):
            headers = {"X-Forwarded-For": f"198.51.100.{number}"}
            response = await client.post("/api/v1/auth/login", json=PAT, headers=headers)
            statuses.append(response.status)
        assert statuses[2] == 429


async def test_operations_without_a_rule_are_not_counted(client: TestClient[Any, Any]) -> None:
    for _ in range(5):
        assert (await client.get("/api/v1/oidc/providers")).status != 429


async def test_limits_can_be_turned_off() -> None:
    app = await app_with(attrs.evolve(TIGHT, enabled=False))
    async with TestClient(TestServer(app)) as client:
        for _ in range(5):
            assert (await client.post("/api/v1/auth/login", json=PAT)).status != 429
