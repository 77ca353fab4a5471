"""A local OpenID provider for tests: discovery, authorize (redirects back with a code), token
endpoint issuing RS256-signed ID tokens, and its JWKS. Tests say who signs in next and which
check the next ID token should fail."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from typing import Any

import attrs
import jwt
from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

KID = "test-key-1"


def _private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@attrs.define
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    challenge: str
    claims: dict[str, Any]


@attrs.define
class FakeProvider:
    client_id: str = "revenge-test"
    client_secret: str = attrs.Factory(lambda: secrets.token_urlsafe(16))
    issuer: str = ""
    # Claims of whoever signs in next (sub, email, email_verified, preferred_username, ...).
    next_claims: dict[str, Any] = attrs.Factory(dict)
    # Spoil the next ID token: "nonce", "audience", "expired", "signature" or "issuer".
    spoil: str | None = None
    grants: dict[str, Grant] = attrs.Factory(dict)
    token_requests: list[dict[str, str]] = attrs.Factory(list)
    _key: rsa.RSAPrivateKey = attrs.Factory(_private_key)
    _other_key: rsa.RSAPrivateKey = attrs.Factory(_private_key)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/.well-known/openid-configuration", self.discovery)
        app.router.add_get("/authorize", self.authorize)
        app.router.add_post("/token", self.token)
        app.router.add_get("/jwks", self.jwks)
        return app

    async def discovery(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    async def authorize(self, request: web.Request) -> web.Response:
        query = request.query
        if query.get("code_challenge_method") != "S256" or query.get("response_type") != "code":
            return web.json_response({"error": "invalid_request"}, status=400)
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            query["client_id"],
            query["redirect_uri"],
            query["nonce"],
            query["code_challenge"],
            dict(self.next_claims),
        )
        target = f"{query['redirect_uri']}?code={code}&state={query['state']}"
        raise web.HTTPFound(target)

    async def token(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        self.token_requests.append(form)
        grant = self.grants.pop(form.get("code", ""), None)
        if grant is None or not self._client_authenticated(request):
            return web.json_response({"error": "invalid_grant"}, status=400)
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if challenge != grant.challenge or form.get("redirect_uri") != grant.redirect_uri:
            return web.json_response({"error": "invalid_grant"}, status=400)
        return web.json_response(
            {"access_token": "opaque", "token_type": "Bearer", "id_token": self._id_token(grant)}
        )

    async def jwks(self, request: web.Request) -> web.Response:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return web.json_response({"keys": [{**public, "kid": KID, "use": "sig", "alg": "RS256"}]})

    def _client_authenticated(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        return (client_id, secret) == (self.client_id, self.client_secret)

    def _id_token(self, grant: Grant) -> str:
        now = int(time.time())
        spoil, self.spoil = self.spoil, None
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            **grant.claims,
        }
        if spoil == "nonce":
            claims["nonce"] = "another-nonce"
        elif spoil == "audience":
            claims["aud"] = "someone-else"
        elif spoil == "expired":
            claims["iat"], claims["exp"] = now - 3600, now - 600
        elif spoil == "issuer":
            claims["iss"] = "https://elsewhere.example"
        key = self._other_key if spoil == "signature" else self._key
        return jwt.encode(claims, _pem(key), algorithm="RS256", headers={"kid": KID})
