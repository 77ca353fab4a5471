"""OIDC providers, the links between accounts and provider subjects, and sign-ins in flight."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any
from uuid import UUID

import attrs

from revenge_domain.errors import DomainError, InvalidInput, NotFound, Unauthenticated

NAME_MAX_LENGTH = 100
DISPLAY_NAME_MAX_LENGTH = 255
DEFAULT_SCOPES = ("openid", "profile", "email")


class ProviderType(enum.Enum):
    GENERIC = "generic"
    AUTHENTIK = "authentik"
    KEYCLOAK = "keycloak"


class OidcProviderNotFound(NotFound):
    code = "oidc_provider_not_found"


class OidcProviderUnavailable(DomainError):
    """The provider could not be reached or answered something unusable."""

    code = "oidc_provider_unavailable"


class InvalidIdToken(Unauthenticated):
    """The ID token failed a check (signature, issuer, audience, expiry, nonce)."""

    code = "invalid_id_token"


@attrs.frozen
class ClaimMappings:
    """Which ID-token claims hold the account's fields."""

    username: str = "preferred_username"
    email: str = "email"
    name: str = "name"
    picture: str = "picture"
    roles: str = "groups"

    def as_dict(self) -> dict[str, str]:
        return attrs.asdict(self)

    @classmethod
    def of(cls, values: dict[str, Any] | None) -> ClaimMappings:
        known = {f.name for f in attrs.fields(cls)}
        return cls(**{k: str(v) for k, v in (values or {}).items() if k in known and v})


@attrs.frozen
class Endpoints:
    """Where a provider answers; taken from its discovery document unless overridden."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None = None
    end_session_endpoint: str | None = None


@attrs.define
class OidcProvider:
    """A configured sign-in provider. The client secret is only kept encrypted."""

    id: UUID
    name: str
    display_name: str
    issuer_url: str
    client_id: str
    client_secret_encrypted: bytes = attrs.field(repr=False)
    created_at: datetime
    updated_at: datetime
    provider_type: ProviderType = ProviderType.GENERIC
    authorization_endpoint: str | None = None
    token_endpoint: str | None = None
    userinfo_endpoint: str | None = None
    jwks_uri: str | None = None
    end_session_endpoint: str | None = None
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    claim_mappings: ClaimMappings = attrs.Factory(ClaimMappings)
    role_mappings: dict[str, str] = attrs.Factory(dict)
    auto_create_users: bool = True
    update_user_info: bool = True
    allow_linking: bool = True
    is_enabled: bool = True
    is_default: bool = False

    def with_overrides(self, discovered: Endpoints) -> Endpoints:
        """The discovered endpoints, with the ones configured on this provider in their place."""
        return attrs.evolve(
            discovered,
            authorization_endpoint=self.authorization_endpoint or discovered.authorization_endpoint,
            token_endpoint=self.token_endpoint or discovered.token_endpoint,
            jwks_uri=self.jwks_uri or discovered.jwks_uri,
            userinfo_endpoint=self.userinfo_endpoint or discovered.userinfo_endpoint,
            end_session_endpoint=self.end_session_endpoint or discovered.end_session_endpoint,
        )


@attrs.define
class OidcLink:
    """An account signed in through a provider as `subject`."""

    id: UUID
    user_id: UUID
    provider_id: UUID
    subject: str
    created_at: datetime
    email: str | None = None
    name: str | None = None
    last_login_at: datetime | None = None


@attrs.frozen
class LinkView:
    link: OidcLink
    provider_name: str
    provider_display_name: str


@attrs.frozen
class AuthRequest:
    """What a sign-in in flight remembers between the redirect and the callback."""

    provider_id: UUID
    code_verifier: str = attrs.field(repr=False)
    nonce: str
    redirect_uri: str
    # Set when a signed-in user links an account; None for a sign-in.
    user_id: UUID | None = None
    # Where the browser goes once signed in (a path or a URL of this server).
    return_to: str | None = None


@attrs.frozen
class ProviderIdentity:
    """The verified claims of an ID token."""

    subject: str
    claims: dict[str, Any]

    def text(self, claim: str) -> str | None:
        value = self.claims.get(claim)
        return str(value) if isinstance(value, str | int) and str(value) else None

    def list(self, claim: str) -> list[str]:
        value = self.claims.get(claim)
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    @property
    def email_verified(self) -> bool:
        return self.claims.get("email_verified") is True


def check_name(name: str) -> str:
    """A provider name is its URL slug: 1-100 letters, digits, `-` or `_`."""
    if not 1 <= len(name) <= NAME_MAX_LENGTH or not all(c.isalnum() or c in "-_" for c in name):
        reason = f"must be 1 to {NAME_MAX_LENGTH} letters, digits, '-' or '_'"
        raise InvalidInput(f"name {reason}", {"field": "name", "reason": reason})
    return name
