"""Ports of OIDC sign-in: stored providers and links, sign-ins in flight, the provider's HTTP."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from revenge_domain.activity import ActivityEntries
from revenge_domain.identity.ports import RoleRepository, UserRepository
from revenge_domain.oidc.model import AuthRequest, Endpoints, OidcLink, OidcProvider
from revenge_domain.ports.uow import UnitOfWork


class ProviderStore(Protocol):
    async def all(self) -> list[OidcProvider]:
        """Every provider, by name."""
        ...

    async def get(self, provider_id: UUID) -> OidcProvider | None: ...

    async def by_name(self, name: str) -> OidcProvider | None: ...

    async def add(self, provider: OidcProvider) -> None:
        """Store a new provider; Conflict if the name is taken."""
        ...

    async def save(self, provider: OidcProvider) -> None: ...

    async def delete(self, provider_id: UUID) -> bool: ...

    async def clear_default(self) -> None:
        """No provider is the default any more."""
        ...


class LinkStore(Protocol):
    async def of_user(self, user_id: UUID) -> list[OidcLink]: ...

    async def by_subject(self, provider_id: UUID, subject: str) -> OidcLink | None: ...

    async def of_user_at(self, user_id: UUID, provider_id: UUID) -> OidcLink | None: ...

    async def add(self, link: OidcLink) -> None:
        """Store a new link; Conflict if the subject or the user is already linked there."""
        ...

    async def record_login(self, link_id: UUID, at: datetime, email: str | None) -> None: ...

    async def delete(self, link_id: UUID) -> None: ...


class OidcUnit(UnitOfWork, Protocol):
    """One transaction over providers, links and the accounts they sign in."""

    @property
    def providers(self) -> ProviderStore: ...

    @property
    def links(self) -> LinkStore: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def roles(self) -> RoleRepository: ...

    @property
    def activity(self) -> ActivityEntries:
        """Entries stored with this unit's commit."""
        ...


class AuthRequests(Protocol):
    """Sign-ins in flight, by their `state`; each can be taken once, and only for a while."""

    async def put(self, state: str, request: AuthRequest, ttl_s: int) -> None: ...

    async def take(self, state: str) -> AuthRequest | None:
        """The request and forget it; None if unknown, expired or already taken."""
        ...


class OidcClient(Protocol):
    """The provider's side of the authorization-code flow."""

    async def discover(self, issuer_url: str) -> Endpoints:
        """The provider's endpoints (its discovery document, cached); OidcProviderUnavailable
        when it cannot be read."""
        ...

    async def exchange_code(
        self,
        endpoints: Endpoints,
        client_id: str,
        client_secret: str,
        code: str,
        redirect_uri: str,
        code_verifier: str,
    ) -> str:
        """The ID token the token endpoint gives for `code`; InvalidIdToken when it refuses
        the code, OidcProviderUnavailable when it cannot be reached."""
        ...

    async def verify_id_token(
        self, endpoints: Endpoints, id_token: str, client_id: str, nonce: str
    ) -> dict[str, object]:
        """The claims of a token signed by a key of the provider's JWKS, issued by its issuer
        for `client_id`, unexpired and carrying `nonce`; InvalidIdToken otherwise."""
        ...
