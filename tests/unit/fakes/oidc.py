"""In-memory OIDC ports: providers and links in dicts, a provider that answers what the test
says, and a reversible "cipher" that still checks its context."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import attrs

from revenge_domain.errors import Conflict
from revenge_domain.mfa import UnreadableSecret
from revenge_domain.oidc import AuthRequest, Endpoints, InvalidIdToken, OidcLink, OidcProvider
from tests.unit.fakes.activity import KeptActivity
from tests.unit.fakes.identity import FakeRoleRepository, FakeUserStore
from tests.unit.fakes.uow import FakeUnitOfWork


class FakeProviderStore:
    def __init__(self) -> None:
        self.providers: dict[UUID, OidcProvider] = {}

    async def all(self) -> list[OidcProvider]:
        return sorted(self.providers.values(), key=lambda p: p.name)

    async def get(self, provider_id: UUID) -> OidcProvider | None:
        return self.providers.get(provider_id)

    async def by_name(self, name: str) -> OidcProvider | None:
        return next((p for p in self.providers.values() if p.name == name), None)

    async def add(self, provider: OidcProvider) -> None:
        if await self.by_name(provider.name) is not None:
            raise Conflict("name taken")
        self.providers[provider.id] = provider

    async def save(self, provider: OidcProvider) -> None:
        self.providers[provider.id] = provider

    async def delete(self, provider_id: UUID) -> bool:
        return self.providers.pop(provider_id, None) is not None

    async def clear_default(self) -> None:
        for provider in self.providers.values():
            provider.is_default = False


class FakeLinkStore:
    def __init__(self) -> None:
        self.links: dict[UUID, OidcLink] = {}

    async def of_user(self, user_id: UUID) -> list[OidcLink]:
        return [link for link in self.links.values() if link.user_id == user_id]

    async def by_subject(self, provider_id: UUID, subject: str) -> OidcLink | None:
        wanted = (provider_id, subject)
        found = (k for k in self.links.values() if (k.provider_id, k.subject) == wanted)
        return next(found, None)

    async def of_user_at(self, user_id: UUID, provider_id: UUID) -> OidcLink | None:
        wanted = (user_id, provider_id)
        found = (k for k in self.links.values() if (k.user_id, k.provider_id) == wanted)
        return next(found, None)

    async def add(self, link: OidcLink) -> None:
        if await self.by_subject(link.provider_id, link.subject) or await self.of_user_at(
            link.user_id, link.provider_id
        ):
            raise Conflict("already linked")
        self.links[link.id] = link

    async def record_login(self, link_id: UUID, at: datetime, email: str | None) -> None:
        self.links[link_id].last_login_at = at

    async def delete(self, link_id: UUID) -> None:
        del self.links[link_id]


class FakeOidcUnit(FakeUnitOfWork):
    def __init__(self, store: FakeOidcStore) -> None:
        super().__init__(store.activity)
        self.providers, self.links = store.providers, store.links
        self.users, self.roles = store.users, store.roles


@attrs.define
class FakeOidcStore:
    providers: FakeProviderStore = attrs.Factory(FakeProviderStore)
    links: FakeLinkStore = attrs.Factory(FakeLinkStore)
    users: FakeUserStore = attrs.Factory(FakeUserStore)
    roles: FakeRoleRepository = attrs.Factory(FakeRoleRepository)
    activity: KeptActivity = attrs.Factory(KeptActivity)

    def __call__(self) -> FakeOidcUnit:
        return FakeOidcUnit(self)


class FakeAuthRequests:
    def __init__(self) -> None:
        self.requests: dict[str, AuthRequest] = {}

    async def put(self, state: str, request: AuthRequest, ttl_s: int) -> None:
        self.requests[state] = request

    async def take(self, state: str) -> AuthRequest | None:
        return self.requests.pop(state, None)


@attrs.define
class FakeOidcClient:
    """Every code is accepted; the ID token's claims are `claims` (plus the right nonce)."""

    claims: dict[str, object] = attrs.Factory(dict)
    secrets_seen: list[str] = attrs.Factory(list)

    async def discover(self, issuer_url: str) -> Endpoints:
        return Endpoints(issuer_url, f"{issuer_url}/authorize", f"{issuer_url}/token", "jwks")

    async def exchange_code(
        self,
        endpoints: Endpoints,
        client_id: str,
        client_secret: str,
        code: str,
        redirect_uri: str,
        code_verifier: str,
    ) -> str:
        self.secrets_seen.append(client_secret)
        return code

    async def verify_id_token(
        self, endpoints: Endpoints, id_token: str, client_id: str, nonce: str
    ) -> dict[str, object]:
        if id_token == "bad":
            raise InvalidIdToken("bad signature")
        return {**self.claims, "nonce": nonce}


class ContextCipher:
    """Not encryption: readable bytes bound to their context, so misuse still shows."""

    def encrypt(self, plaintext: bytes, context: bytes) -> bytes:
        return len(context).to_bytes(2, "big") + context + plaintext[::-1]

    def decrypt(self, ciphertext: bytes, context: bytes) -> bytes:
        size = int.from_bytes(ciphertext[:2], "big")
        prefix, body = ciphertext[2 : 2 + size], ciphertext[2 + size :]
        if prefix != context:
            raise UnreadableSecret("wrong context")
        return body[::-1]
