"""The admin's side: configuring sign-in providers."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from revenge_domain.activity import ActivityEvent
from revenge_domain.errors import InvalidInput
from revenge_domain.identity.issuing import Clock, utc_now
from revenge_domain.mfa.ports import SecretCipher
from revenge_domain.oidc.model import (
    ClaimMappings,
    OidcProvider,
    OidcProviderNotFound,
    ProviderType,
    check_name,
)
from revenge_domain.oidc.ports import OidcUnit

Units = Callable[[], OidcUnit]
# Why the server may not fetch a URL (None: it may); the adapters' outbound policy in the app.
UrlRule = Callable[[str], str | None]
# The URLs the server itself fetches (the others are only visited by browsers).
FETCHED = ("issuer_url", "token_endpoint", "jwks_uri", "userinfo_endpoint")

# Fields an update may change, and how a raw value becomes the entity's.
_PLAIN = (
    "display_name",
    "issuer_url",
    "client_id",
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "end_session_endpoint",
    "auto_create_users",
    "update_user_info",
    "allow_linking",
    "is_enabled",
    "is_default",
)
_CONVERTED: Mapping[str, Callable[[Any], Any]] = {
    "provider_type": ProviderType,
    "scopes": tuple,
    "claim_mappings": ClaimMappings.of,
    "role_mappings": dict,
}


def plain_url_refusal(url: str) -> str | None:
    """Only the shape: an http(s) URL with a host and no spaces or control characters."""
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        return "the URL contains spaces or control characters"
    scheme, _, rest = url.partition("://")
    if scheme not in ("http", "https") or not rest.split("/", 1)[0]:
        return "the URL must be an http or https URL with a host"
    return None


def secret_context(provider_id: uuid.UUID) -> bytes:
    return b"oidc-client-secret:" + provider_id.bytes


@attrs.define
class OidcProviders:
    """List, create, change and remove providers; at most one is the default."""

    units: Units
    cipher: SecretCipher
    clock: Clock = utc_now
    url_rule: UrlRule = plain_url_refusal

    async def all(self) -> list[OidcProvider]:
        async with self.units() as unit:
            return await unit.providers.all()

    async def get(self, provider_id: uuid.UUID) -> OidcProvider:
        async with self.units() as unit:
            provider = await unit.providers.get(provider_id)
        if provider is None:
            raise OidcProviderNotFound("no such OIDC provider")
        return provider

    async def create(
        self, name: str, client_secret: str, fields: Mapping[str, Any], actor: uuid.UUID | None
    ) -> OidcProvider:
        """A new provider from `fields` (the update fields; display_name, issuer_url and
        client_id are required)."""
        check_name(name)
        provider_id, now = uuid.uuid4(), self.clock()
        provider = OidcProvider(
            id=provider_id,
            name=name,
            display_name="",
            issuer_url="",
            client_id="",
            client_secret_encrypted=self._encrypt(provider_id, client_secret),
            created_at=now,
            updated_at=now,
        )
        self._check_urls(fields)
        _apply(provider, fields)
        for required in ("display_name", "issuer_url", "client_id"):
            if not getattr(provider, required):
                raise InvalidInput(f"{required} is required", {"field": required})
        async with self.units() as unit:
            if provider.is_default:
                await unit.providers.clear_default()
            await unit.providers.add(provider)
            await unit.activity.add(_event("oidc.provider.add", provider, actor))
            await unit.commit()
        return provider

    async def update(
        self, provider_id: uuid.UUID, fields: Mapping[str, Any], actor: uuid.UUID | None
    ) -> OidcProvider:
        """Change the given fields; `client_secret` replaces the stored secret."""
        self._check_urls(fields)
        async with self.units() as unit:
            provider = await unit.providers.get(provider_id)
            if provider is None:
                raise OidcProviderNotFound("no such OIDC provider")
            if fields.get("is_default"):
                await unit.providers.clear_default()
            _apply(provider, fields)
            secret = fields.get("client_secret")
            if secret:
                provider.client_secret_encrypted = self._encrypt(provider.id, str(secret))
            provider.updated_at = self.clock()
            await unit.providers.save(provider)
            await unit.activity.add(_event("oidc.provider.update", provider, actor, sorted(fields)))
            await unit.commit()
        return provider

    async def delete(self, provider_id: uuid.UUID, actor: uuid.UUID | None) -> None:
        provider = await self.get(provider_id)
        async with self.units() as unit:
            await unit.providers.delete(provider_id)
            await unit.activity.add(_event("oidc.provider.delete", provider, actor))
            await unit.commit()

    async def set_enabled(
        self, provider_id: uuid.UUID, enabled: bool, actor: uuid.UUID | None
    ) -> None:
        await self.update(provider_id, {"is_enabled": enabled}, actor)

    async def make_default(self, provider_id: uuid.UUID, actor: uuid.UUID | None) -> None:
        await self.update(provider_id, {"is_default": True}, actor)

    def _check_urls(self, fields: Mapping[str, Any]) -> None:
        for name in FETCHED:
            value = fields.get(name)
            reason = self.url_rule(str(value)) if value else None
            if reason is not None:
                raise InvalidInput(f"{name}: {reason}", {"field": name, "reason": reason})

    def _encrypt(self, provider_id: uuid.UUID, secret: str) -> bytes:
        if not secret:
            raise InvalidInput("client_secret is required", {"field": "client_secret"})
        return self.cipher.encrypt(secret.encode(), secret_context(provider_id))


def _event(
    action: str,
    provider: OidcProvider,
    actor: uuid.UUID | None,
    changed: list[str] | None = None,
) -> ActivityEvent:
    metadata: dict[str, Any] = {"provider": provider.name}
    if changed is not None:
        metadata["fields"] = changed
    return ActivityEvent(
        action, resource_type="oidc", resource_id=provider.id, metadata=metadata, user_id=actor
    )


def _apply(provider: OidcProvider, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        if value is None:
            continue
        if name in _PLAIN:
            setattr(provider, name, value)
        elif name in _CONVERTED:
            setattr(provider, name, _CONVERTED[name](value))
