"""Providers and account links on PostgreSQL (`shared.oidc_providers`, `shared.oidc_user_links`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from revenge_adapters.identity.users import SessionSource
from revenge_adapters.oidc.tables import oidc_providers, oidc_user_links
from revenge_domain.errors import Conflict
from revenge_domain.oidc.model import ClaimMappings, OidcLink, OidcProvider, ProviderType


def _provider_row(provider: OidcProvider) -> dict[str, Any]:
    return {
        "id": provider.id,
        "name": provider.name,
        "display_name": provider.display_name,
        "provider_type": provider.provider_type.value,
        "issuer_url": provider.issuer_url,
        "client_id": provider.client_id,
        "client_secret_encrypted": provider.client_secret_encrypted,
        "authorization_endpoint": provider.authorization_endpoint,
        "token_endpoint": provider.token_endpoint,
        "userinfo_endpoint": provider.userinfo_endpoint,
        "jwks_uri": provider.jwks_uri,
        "end_session_endpoint": provider.end_session_endpoint,
        "scopes": list(provider.scopes),
        "claim_mappings": provider.claim_mappings.as_dict(),
        "role_mappings": provider.role_mappings,
        "auto_create_users": provider.auto_create_users,
        "update_user_info": provider.update_user_info,
        "allow_linking": provider.allow_linking,
        "is_enabled": provider.is_enabled,
        "is_default": provider.is_default,
        "created_at": provider.created_at,
        "updated_at": provider.updated_at,
    }


def _provider_of(row: Any) -> OidcProvider:
    values = dict(row)
    values["provider_type"] = ProviderType(values["provider_type"])
    values["scopes"] = tuple(values["scopes"])
    values["claim_mappings"] = ClaimMappings.of(values["claim_mappings"])
    values["role_mappings"] = dict(values["role_mappings"])
    return OidcProvider(**values)


class PgProviderStore:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def all(self) -> list[OidcProvider]:
        rows = await self._source.session.execute(
            select(oidc_providers).order_by(oidc_providers.c.name)
        )
        return [_provider_of(row) for row in rows.mappings()]

    async def get(self, provider_id: UUID) -> OidcProvider | None:
        return await self._one(oidc_providers.c.id == provider_id)

    async def by_name(self, name: str) -> OidcProvider | None:
        return await self._one(oidc_providers.c.name == name)

    async def add(self, provider: OidcProvider) -> None:
        session = self._source.session
        try:
            async with session.begin_nested():
                await session.execute(oidc_providers.insert().values(_provider_row(provider)))
        except IntegrityError:
            raise Conflict(
                f"an OIDC provider named {provider.name!r} exists", {"field": "name"}
            ) from None

    async def save(self, provider: OidcProvider) -> None:
        row = _provider_row(provider)
        del row["id"], row["created_at"]
        await self._source.session.execute(
            update(oidc_providers).where(oidc_providers.c.id == provider.id).values(row)
        )

    async def delete(self, provider_id: UUID) -> bool:
        result = await self._source.session.execute(
            oidc_providers.delete().where(oidc_providers.c.id == provider_id)
        )
        return bool(getattr(result, "rowcount", 0))

    async def clear_default(self) -> None:
        await self._source.session.execute(
            update(oidc_providers).where(oidc_providers.c.is_default).values(is_default=False)
        )

    async def _one(self, condition: Any) -> OidcProvider | None:
        rows = await self._source.session.execute(select(oidc_providers).where(condition))
        row = rows.mappings().first()
        return _provider_of(row) if row else None


class PgLinkStore:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def of_user(self, user_id: UUID) -> list[OidcLink]:
        return await self._all(oidc_user_links.c.user_id == user_id)

    async def by_subject(self, provider_id: UUID, subject: str) -> OidcLink | None:
        found = await self._all(
            oidc_user_links.c.provider_id == provider_id, oidc_user_links.c.subject == subject
        )
        return found[0] if found else None

    async def of_user_at(self, user_id: UUID, provider_id: UUID) -> OidcLink | None:
        found = await self._all(
            oidc_user_links.c.user_id == user_id, oidc_user_links.c.provider_id == provider_id
        )
        return found[0] if found else None

    async def add(self, link: OidcLink) -> None:
        session = self._source.session
        values = {c.name: getattr(link, c.name) for c in oidc_user_links.columns}
        try:
            async with session.begin_nested():
                await session.execute(oidc_user_links.insert().values(values))
        except IntegrityError:
            raise Conflict("the account or the identity is already linked") from None

    async def record_login(self, link_id: UUID, at: datetime, email: str | None) -> None:
        values: dict[str, Any] = {"last_login_at": at}
        if email:
            values["email"] = email
        await self._source.session.execute(
            update(oidc_user_links).where(oidc_user_links.c.id == link_id).values(values)
        )

    async def delete(self, link_id: UUID) -> None:
        await self._source.session.execute(
            oidc_user_links.delete().where(oidc_user_links.c.id == link_id)
        )

    async def _all(self, *conditions: Any) -> list[OidcLink]:
        stmt = select(oidc_user_links).where(*conditions).order_by(oidc_user_links.c.created_at)
        rows = await self._source.session.execute(stmt)
        return [OidcLink(**dict(row)) for row in rows.mappings()]
