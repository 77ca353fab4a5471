"""Signing in through an OIDC provider (authorization code with PKCE), and linking accounts."""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from urllib.parse import urlencode

import attrs

from revenge_domain.activity import NO_ACTIVITY, ActivityEvent, ActivityLog
from revenge_domain.errors import Conflict, InvalidInput, PermissionDenied, Unauthenticated
from revenge_domain.identity import ClientInfo, Login, SignedIn, User
from revenge_domain.identity.issuing import Clock, utc_now
from revenge_domain.mfa.login import (
    PendingLogin,
    SecondFactorNeeded,
    SignInWithSecondFactor,
    methods_of,
)
from revenge_domain.mfa.ports import SecretCipher
from revenge_domain.oidc.accounts import Found, account_for, link_subject
from revenge_domain.oidc.admin import Units, secret_context
from revenge_domain.oidc.model import (
    AuthRequest,
    Endpoints,
    InvalidIdToken,
    LinkView,
    OidcProvider,
    OidcProviderNotFound,
    ProviderIdentity,
)
from revenge_domain.oidc.ports import AuthRequests, OidcClient
from revenge_domain.ports.catalog_changes import CatalogChanges, Entity, NoCatalogChanges

STATE_TTL_S = 600
BAD_STATE = "state is unknown, expired or already used"


@attrs.frozen
class CallbackResult:
    """A session (or a second factor to ask for), or the link just made; and where to go."""

    outcome: SignedIn | SecondFactorNeeded | LinkView
    return_to: str | None = None


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@attrs.define
class OidcSignIn:
    """`authorize` builds the provider URL and remembers state, nonce and PKCE verifier;
    `callback` checks them, verifies the ID token and signs in (or links) the account."""

    units: Units
    client: OidcClient
    requests: AuthRequests
    cipher: SecretCipher
    login: Login
    callback_url: Callable[[str], str]
    # Origins `return_to` may name besides paths of this server.
    origins: tuple[str, ...] = ()
    second_factor: SignInWithSecondFactor | None = None
    state_ttl_s: int = STATE_TTL_S
    clock: Clock = utc_now
    activity: ActivityLog = NO_ACTIVITY
    # Told of accounts created by a first sign-in (the search index's users follow it).
    changes: CatalogChanges = attrs.Factory(NoCatalogChanges)

    async def enabled_providers(self) -> list[OidcProvider]:
        async with self.units() as unit:
            return [p for p in await unit.providers.all() if p.is_enabled]

    async def authorize(
        self, name: str, return_to: str | None = None, user_id: uuid.UUID | None = None
    ) -> str:
        provider = await self._enabled(name)
        if user_id is not None and not provider.allow_linking:
            raise PermissionDenied("this provider does not allow linking accounts")
        if return_to is not None:
            self._check_return_to(return_to)
        endpoints = await self._endpoints(provider)
        state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        verifier = secrets.token_urlsafe(48)
        redirect_uri = self.callback_url(provider.name)
        request = AuthRequest(provider.id, verifier, nonce, redirect_uri, user_id, return_to)
        await self.requests.put(state, request, self.state_ttl_s)
        query = urlencode(
            {
                "response_type": "code",
                "client_id": provider.client_id,
                "redirect_uri": redirect_uri,
                "scope": " ".join(provider.scopes),
                "state": state,
                "nonce": nonce,
                "code_challenge": pkce_challenge(verifier),
                "code_challenge_method": "S256",
            }
        )
        base = endpoints.authorization_endpoint
        return f"{base}{'&' if '?' in base else '?'}{query}"

    async def callback(
        self, name: str, code: str, state: str, client: ClientInfo
    ) -> CallbackResult:
        request = await self.requests.take(state)
        if request is None:
            raise InvalidInput(BAD_STATE, {"field": "state", "reason": BAD_STATE})
        provider = await self._enabled(name)
        if provider.id != request.provider_id:
            raise InvalidInput(
                BAD_STATE, {"field": "state", "reason": "issued for another provider"}
            )
        try:
            identity = await self._identity(provider, request, code)
        except Unauthenticated as exc:
            await self._record("oidc.login", provider, request.user_id, client, exc.message)
            raise
        if request.user_id is not None:
            view = await self._link(provider, identity, request.user_id, client)
            return CallbackResult(view, request.return_to)
        linked = partial(_event, "oidc.link", provider, client=client)
        async with self.units() as unit:
            user, found = await account_for(unit, provider, identity, self.clock(), linked)
        if found is Found.CREATED:
            await self.changes.changed(Entity.USER, [user.id])
        outcome = await self._sign_in(user, client)
        await self._record("oidc.login", provider, user.id, client)
        return CallbackResult(outcome, request.return_to)

    async def links_of(self, user_id: uuid.UUID) -> list[LinkView]:
        async with self.units() as unit:
            providers = {p.id: p for p in await unit.providers.all()}
            links = await unit.links.of_user(user_id)
        return [
            LinkView(
                link, providers[link.provider_id].name, providers[link.provider_id].display_name
            )
            for link in links
            if link.provider_id in providers
        ]

    async def unlink(self, user_id: uuid.UUID, name: str, client: ClientInfo) -> None:
        """Remove the link; refused when it is the only way left to sign in."""
        async with self.units() as unit:
            provider = await unit.providers.by_name(name)
            if provider is None:
                raise OidcProviderNotFound("no such OIDC provider")
            link = await unit.links.of_user_at(user_id, provider.id)
            if link is None:
                raise OidcProviderNotFound("the account is not linked to this provider")
            user = await unit.users.get(user_id)
            others = len(await unit.links.of_user(user_id)) - 1
            if user is not None and not user.password_hash and others == 0:
                raise Conflict(
                    "this is the only way to sign in to the account: set a password first",
                    {"reason": "last_sign_in_method"},
                )
            await unit.links.delete(link.id)
            await unit.activity.add(_event("oidc.unlink", provider, user_id, client))
            await unit.commit()

    async def _link(
        self,
        provider: OidcProvider,
        identity: ProviderIdentity,
        user_id: uuid.UUID,
        client: ClientInfo,
    ) -> LinkView:
        linked = _event("oidc.link", provider, user_id, client)
        async with self.units() as unit:
            link = await link_subject(unit, provider, identity, user_id, self.clock(), linked)
        return LinkView(link, provider.name, provider.display_name)

    async def _sign_in(self, user: User, client: ClientInfo) -> SignedIn | SecondFactorNeeded:
        """As a right password does: a session, or a pending sign-in when MFA is required."""
        second = self.second_factor
        if second is not None:
            flags = await second.mfa.settings(user.id)
            if flags.require_mfa:
                now = second.clock()
                expires_at = now + timedelta(seconds=second.ttl_s)
                pending = PendingLogin(user.id, user.username, now, expires_at, client.device_name)
                return SecondFactorNeeded(
                    second.signer.sign(pending), second.ttl_s, methods_of(flags)
                )
        return await self.login.start_session(user, user.username, client)

    async def _identity(
        self, provider: OidcProvider, request: AuthRequest, code: str
    ) -> ProviderIdentity:
        endpoints = await self._endpoints(provider)
        context = secret_context(provider.id)
        secret = self.cipher.decrypt(provider.client_secret_encrypted, context).decode()
        id_token = await self.client.exchange_code(
            endpoints, provider.client_id, secret, code, request.redirect_uri, request.code_verifier
        )
        claims = await self.client.verify_id_token(
            endpoints, id_token, provider.client_id, request.nonce
        )
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject:
            raise InvalidIdToken("the ID token names no subject")
        return ProviderIdentity(subject, dict(claims))

    async def _endpoints(self, provider: OidcProvider) -> Endpoints:
        return provider.with_overrides(await self.client.discover(provider.issuer_url))

    async def _enabled(self, name: str) -> OidcProvider:
        async with self.units() as unit:
            provider = await unit.providers.by_name(name)
        if provider is None or not provider.is_enabled:
            raise OidcProviderNotFound("no such OIDC provider, or it is disabled")
        return provider

    def _check_return_to(self, return_to: str) -> None:
        local = return_to.startswith("/") and not return_to.startswith(("//", "/\\"))
        if not local and not any(return_to.startswith(f"{o}/") for o in self.origins):
            reason = "must be a path or a URL of this server"
            raise InvalidInput(
                f"redirect_url {reason}", {"field": "redirect_url", "reason": reason}
            )

    async def _record(
        self,
        action: str,
        provider: OidcProvider,
        user_id: uuid.UUID | None,
        client: ClientInfo,
        error: str | None = None,
    ) -> None:
        await self.activity.record(_event(action, provider, user_id, client, error))


def _event(
    action: str,
    provider: OidcProvider,
    user_id: uuid.UUID | None,
    client: ClientInfo,
    error: str | None = None,
) -> ActivityEvent:
    return ActivityEvent(
        action if error is None else f"{action}.failed",
        success=error is None,
        user_id=user_id,
        resource_type="oidc",
        resource_id=provider.id,
        metadata={"provider": provider.name},
        ip_address=client.address,
        user_agent=client.user_agent,
        error_message=error,
    )
