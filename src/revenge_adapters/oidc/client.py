"""The provider's HTTP side: discovery, token endpoint, JWKS and ID token verification."""

from __future__ import annotations

import base64
import hmac
import time
from typing import Any
from urllib.parse import quote

import aiohttp
import jwt

from revenge_adapters.outbound import OutboundPolicy
from revenge_domain.oidc.model import Endpoints, InvalidIdToken, OidcProviderUnavailable

DISCOVERY_PATH = "/.well-known/openid-configuration"
# Asymmetric only: a symmetric (or "none") token could be forged with the client secret.
ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"})
LEEWAY_S = 60
# A provider that failed is not asked again for this long: every sign-in page would otherwise
# make the server fetch from it.
FAILURE_TTL_S = 30.0


class AiohttpOidcClient:
    """Discovery documents and key sets are cached for `cache_ttl_s`, a failed discovery for
    `FAILURE_TTL_S`; an unknown key id fetches the key set again (the provider may have rotated
    its keys)."""

    def __init__(
        self,
        timeout_s: float = 10.0,
        cache_ttl_s: float = 3600.0,
        policy: OutboundPolicy | None = None,
    ) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._policy = policy or OutboundPolicy()
        self._ttl = cache_ttl_s
        self._session: aiohttp.ClientSession | None = None
        self._discovered: dict[str, tuple[float, Endpoints]] = {}
        self._failed: dict[str, tuple[float, str]] = {}
        self._key_sets: dict[str, tuple[float, list[dict[str, Any]]]] = {}

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def discover(self, issuer_url: str) -> Endpoints:
        cached = self._discovered.get(issuer_url)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        failed = self._failed.get(issuer_url)
        if failed is not None and failed[0] > time.monotonic():
            raise OidcProviderUnavailable(f"{failed[1]} (remembered)")
        try:
            endpoints = await self._fetch_endpoints(issuer_url)
        except OidcProviderUnavailable as exc:
            self._failed[issuer_url] = (time.monotonic() + FAILURE_TTL_S, exc.message)
            raise
        self._failed.pop(issuer_url, None)
        self._discovered[issuer_url] = (time.monotonic() + self._ttl, endpoints)
        return endpoints

    async def _fetch_endpoints(self, issuer_url: str) -> Endpoints:
        document = await self._get_json(issuer_url.rstrip("/") + DISCOVERY_PATH)
        issuer = document.get("issuer")
        if not isinstance(issuer, str) or issuer.rstrip("/") != issuer_url.rstrip("/"):
            raise OidcProviderUnavailable("the provider's discovery document names another issuer")
        try:
            endpoints = Endpoints(
                issuer=issuer,
                authorization_endpoint=str(document["authorization_endpoint"]),
                token_endpoint=str(document["token_endpoint"]),
                jwks_uri=str(document["jwks_uri"]),
                userinfo_endpoint=document.get("userinfo_endpoint"),
                end_session_endpoint=document.get("end_session_endpoint"),
            )
        except KeyError as exc:
            raise OidcProviderUnavailable(f"the discovery document lacks {exc.args[0]}") from None
        return endpoints

    async def exchange_code(
        self,
        endpoints: Endpoints,
        client_id: str,
        client_secret: str,
        code: str,
        redirect_uri: str,
        code_verifier: str,
    ) -> str:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": client_id,
            "code_verifier": code_verifier,
        }
        # client_secret_basic: both parts form-encoded, as RFC 6749 section 2.3.1 asks.
        pair = f"{quote(client_id, safe='')}:{quote(client_secret, safe='')}"
        headers = {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode("ascii")}
        try:
            async with self._client().post(
                endpoints.token_endpoint, data=form, headers=headers
            ) as response:
                body = await response.json(content_type=None)
                status = response.status
        except (TimeoutError, aiohttp.ClientError, ValueError) as exc:
            raise OidcProviderUnavailable(f"the token endpoint failed: {exc}") from None
        if status >= 500:
            raise OidcProviderUnavailable(f"the token endpoint answered {status}")
        if status != 200 or not isinstance(body, dict):
            error = body.get("error") if isinstance(body, dict) else None
            raise InvalidIdToken(f"the provider refused the code ({error or status})")
        id_token = body.get("id_token")
        if not isinstance(id_token, str):
            raise InvalidIdToken("the provider answered without an ID token")
        return id_token

    async def verify_id_token(
        self, endpoints: Endpoints, id_token: str, client_id: str, nonce: str
    ) -> dict[str, object]:
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.InvalidTokenError:
            raise InvalidIdToken("the ID token is malformed") from None
        algorithm = header.get("alg")
        if algorithm not in ALGORITHMS:
            raise InvalidIdToken(f"the ID token's algorithm {algorithm!r} is not accepted")
        key = await self._signing_key(endpoints.jwks_uri, header.get("kid"), str(algorithm))
        claims = _decode(id_token, key, str(algorithm), client_id, endpoints.issuer)
        if not hmac.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
            raise InvalidIdToken("the ID token's nonce does not match this sign-in")
        return claims

    async def _signing_key(self, jwks_uri: str, kid: object, algorithm: str) -> jwt.PyJWK:
        for fresh in (False, True):
            for jwk in await self._key_set(jwks_uri, fresh):
                if kid is None or jwk.get("kid") == kid:
                    try:
                        return jwt.PyJWK(jwk, algorithm)
                    except jwt.PyJWTError:
                        continue
        raise InvalidIdToken("the ID token is signed by a key the provider does not publish")

    async def _key_set(self, jwks_uri: str, fresh: bool) -> list[dict[str, Any]]:
        cached = self._key_sets.get(jwks_uri)
        if not fresh and cached is not None and cached[0] > time.monotonic():
            return cached[1]
        document = await self._get_json(jwks_uri)
        keys = document.get("keys")
        if not isinstance(keys, list):
            raise OidcProviderUnavailable("the provider's key set has no keys")
        found = [k for k in keys if isinstance(k, dict)]
        self._key_sets[jwks_uri] = (time.monotonic() + self._ttl, found)
        return found

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            async with self._client().get(url) as response:
                if response.status != 200:
                    raise OidcProviderUnavailable(f"{url} answered {response.status}")
                body = await response.json(content_type=None)
        except (TimeoutError, aiohttp.ClientError, ValueError) as exc:
            raise OidcProviderUnavailable(f"{url} could not be read: {exc}") from None
        if not isinstance(body, dict):
            raise OidcProviderUnavailable(f"{url} did not answer a JSON object")
        return body

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = self._policy.session(timeout=self._timeout)
        return self._session


def _decode(
    id_token: str, key: jwt.PyJWK, algorithm: str, client_id: str, issuer: str
) -> dict[str, object]:
    try:
        claims: dict[str, object] = jwt.decode(
            id_token,
            key.key,
            algorithms=[algorithm],
            audience=client_id,
            issuer=issuer,
            leeway=LEEWAY_S,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except jwt.ExpiredSignatureError:
        raise InvalidIdToken("the ID token has expired") from None
    except jwt.InvalidAudienceError:
        raise InvalidIdToken("the ID token was issued for another client") from None
    except jwt.InvalidIssuerError:
        raise InvalidIdToken("the ID token was issued by another issuer") from None
    except jwt.InvalidSignatureError:
        raise InvalidIdToken("the ID token's signature is not valid") from None
    except jwt.InvalidTokenError as exc:
        raise InvalidIdToken(f"the ID token is not valid: {exc}") from None
    return claims
