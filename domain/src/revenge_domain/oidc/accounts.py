"""Which account a provider's identity signs in: linked, matched by verified email, or new."""

from __future__ import annotations

import enum
import re
import secrets
import uuid
from collections.abc import Callable
from datetime import datetime

from revenge_domain.activity import ActivityEvent
from revenge_domain.errors import Conflict, PermissionDenied, Unauthenticated
from revenge_domain.identity import USER, User
from revenge_domain.identity.user import USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH
from revenge_domain.oidc.model import OidcLink, OidcProvider, ProviderIdentity
from revenge_domain.oidc.ports import OidcUnit

_NOT_USERNAME = re.compile(r"[^a-zA-Z0-9_-]+")
DISABLED = "this account is disabled"


class Found(enum.Enum):
    LINKED_BEFORE = "linked_before"
    LINKED_NOW = "linked_now"
    CREATED = "created"


async def account_for(
    unit: OidcUnit,
    provider: OidcProvider,
    identity: ProviderIdentity,
    now: datetime,
    linked: Callable[[uuid.UUID], ActivityEvent],
) -> tuple[User, Found]:
    """The account to sign in (committed) and how it was found. By subject first; else the
    account with the same email, only if the provider verified that email; else a new account
    when the provider allows it. A new link is logged as `linked(user_id)`."""
    email = identity.text(provider.claim_mappings.email)
    link = await unit.links.by_subject(provider.id, identity.subject)
    if link is not None:
        known = _usable(await unit.users.get(link.user_id))
        await unit.links.record_login(link.id, now, email)
        await unit.commit()
        return known, Found.LINKED_BEFORE
    user: User | None = None
    if email and identity.email_verified and provider.allow_linking:
        found = await unit.users.get_by_username_or_email(email)
        if found is not None and found.email.lower() == email.lower():
            user = _usable(found)
    how = Found.LINKED_NOW
    if user is None:
        user, how = await _new_account(unit, provider, identity, email, now), Found.CREATED
    await unit.links.add(_link(user.id, provider, identity, email, now))
    await unit.activity.add(linked(user.id))
    await unit.commit()
    return user, how


async def link_subject(
    unit: OidcUnit,
    provider: OidcProvider,
    identity: ProviderIdentity,
    user_id: uuid.UUID,
    now: datetime,
    linked: ActivityEvent,
) -> OidcLink:
    """Link the signed-in user to the identity (committed, logged as `linked`); Conflict if
    either side already has another link there."""
    email = identity.text(provider.claim_mappings.email)
    link = await unit.links.by_subject(provider.id, identity.subject)
    if link is not None and link.user_id != user_id:
        raise Conflict("this provider account is linked to another user")
    if link is None:
        if await unit.links.of_user_at(user_id, provider.id) is not None:
            raise Conflict("the account is already linked to another identity of this provider")
        link = _link(user_id, provider, identity, email, now)
        await unit.links.add(link)
    await unit.activity.add(linked)
    await unit.commit()
    return link


def _link(
    user_id: uuid.UUID,
    provider: OidcProvider,
    identity: ProviderIdentity,
    email: str | None,
    now: datetime,
) -> OidcLink:
    return OidcLink(
        id=uuid.uuid4(),
        user_id=user_id,
        provider_id=provider.id,
        subject=identity.subject,
        created_at=now,
        email=email,
        name=identity.text(provider.claim_mappings.name),
        last_login_at=now,
    )


async def _new_account(
    unit: OidcUnit,
    provider: OidcProvider,
    identity: ProviderIdentity,
    email: str | None,
    now: datetime,
) -> User:
    if not provider.auto_create_users:
        raise PermissionDenied("no account is linked to this identity")
    if not email:
        raise PermissionDenied("the provider gave no email address for a new account")
    if await unit.users.exists_email(email):
        raise Conflict(
            "an account with this email exists: sign in and link the provider to it",
            {"field": "email"},
        )
    mappings = provider.claim_mappings
    wanted = identity.text(mappings.username) or email.split("@")[0]
    username = await _free_username(unit, wanted)
    # No password: the account signs in through its links (or sets a password by reset).
    user = User.new(username, email, "", now, identity.text(mappings.name))
    user.email_verified = identity.email_verified
    await unit.users.add(user)
    for role in _roles(provider, identity):
        await unit.roles.assign(user.id, role)
    return user


def _roles(provider: OidcProvider, identity: ProviderIdentity) -> set[str]:
    """The roles mapped from the provider's role claim; the user role when none maps."""
    claimed = identity.list(provider.claim_mappings.roles)
    mapped = {provider.role_mappings[r] for r in claimed if r in provider.role_mappings}
    return mapped or {USER}


async def _free_username(unit: OidcUnit, wanted: str) -> str:
    base = _NOT_USERNAME.sub("", wanted)[: USERNAME_MAX_LENGTH - 5] or "user"
    base = base.ljust(USERNAME_MIN_LENGTH, "_")
    candidate = base
    while await unit.users.exists_username(candidate):
        candidate = f"{base}-{secrets.token_hex(2)}"
    return candidate


def _usable(user: User | None) -> User:
    if user is None or not user.is_active or user.is_deleted:
        raise Unauthenticated(DISABLED)
    return user
