"""WebAuthn (passkeys and security keys): credentials, their ports, and the ceremonies' use cases.

A ceremony's challenge is kept by the server, bound to its purpose and user, and taken (deleted)
when the answer arrives: a challenge works once and only until it expires.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

import attrs

from revenge_domain.errors import InvalidInput, NotFound, Unauthenticated
from revenge_domain.identity.issuing import Units, issue_tokens
from revenge_domain.identity.ports import TokenSigner
from revenge_domain.identity.rules import AuthRules
from revenge_domain.identity.session import ClientInfo, IssuedTokens, Session
from revenge_domain.mfa.model import MfaSettings
from revenge_domain.mfa.ports import MfaSettingsRepository
from revenge_domain.mfa.status import Clock, settings_of, utc_now
from revenge_domain.ports.uow import UnitOfWork

CHALLENGE_TTL_S = 300
REGISTER, LOGIN = "register", "login"
LOGIN_FAILED = "the security key could not be verified"
Json = Mapping[str, Any]


@attrs.define
class WebAuthnCredential:
    """A registered authenticator credential of one user."""

    id: UUID
    user_id: UUID
    credential_id: bytes
    public_key: bytes = attrs.field(repr=False)
    sign_count: int
    attestation_type: str
    created_at: datetime
    name: str | None = None
    aaguid: bytes | None = None
    transports: tuple[str, ...] = ()
    backup_eligible: bool = False
    backup_state: bool = False
    user_present: bool = True
    user_verified: bool = False
    clone_detected: bool = False
    last_used_at: datetime | None = None


@attrs.frozen
class NewCredential:
    """What a verified registration response says about the new credential."""

    credential_id: bytes
    public_key: bytes = attrs.field(repr=False)
    sign_count: int
    attestation_type: str
    aaguid: bytes | None = None
    transports: tuple[str, ...] = ()
    backup_eligible: bool = False
    backup_state: bool = False
    user_verified: bool = False


@attrs.frozen
class Assertion:
    """What a verified authentication response says."""

    sign_count: int
    backup_state: bool
    user_verified: bool


@attrs.frozen
class PendingCeremony:
    """A challenge handed out and not answered yet."""

    purpose: str
    user_id: UUID | None
    credential_name: str | None = None


@attrs.frozen
class RegistrationStart:
    options: dict[str, Any]
    credential_name: str


class VerificationFailed(Exception):
    """The authenticator's response is malformed or does not verify (origin, signature...)."""


class WebAuthnCredentials(Protocol):
    """Stored credentials; credential ids are unique over all users."""

    async def add(self, credential: WebAuthnCredential) -> None:
        """Store a new credential; raise Conflict if its credential id is already registered."""
        ...

    async def of_user(self, user_id: UUID) -> list[WebAuthnCredential]:
        """The user's credentials, oldest first."""
        ...

    async def by_credential_id(self, credential_id: bytes) -> WebAuthnCredential | None: ...

    async def rename(self, user_id: UUID, id: UUID, name: str) -> bool:
        """False if the user has no credential with this id."""
        ...

    async def delete(self, user_id: UUID, id: UUID) -> bool:
        """False if the user has no credential with this id."""
        ...

    async def record_use(self, id: UUID, assertion: Assertion, at: datetime) -> bool:
        """Store the new counter if it is still greater than the stored one (or both are 0, an
        authenticator without a counter); False otherwise. Atomic against concurrent uses."""
        ...

    async def mark_cloned(self, id: UUID) -> None: ...


class WebAuthnUnit(UnitOfWork, Protocol):
    """One transaction over the credentials and the MFA flags."""

    @property
    def credentials(self) -> WebAuthnCredentials: ...

    @property
    def settings(self) -> MfaSettingsRepository: ...


class ChallengeStore(Protocol):
    """Challenges of ceremonies in progress, each usable once."""

    async def put(self, challenge: bytes, ceremony: PendingCeremony, ttl_s: int) -> None: ...

    async def take(self, challenge: bytes) -> PendingCeremony | None:
        """The ceremony of `challenge`, deleting it; None if unknown, expired or taken."""
        ...


class Ceremonies(Protocol):
    """The WebAuthn protocol: options for the browser, and verification of its answers."""

    def registration_options(
        self, user_id: UUID, user_name: str, exclude: list[bytes]
    ) -> tuple[dict[str, Any], bytes]:
        """Creation options as JSON and their challenge."""
        ...

    def authentication_options(self, allow: list[bytes]) -> tuple[dict[str, Any], bytes]:
        """Request options as JSON (any discoverable credential when `allow` is empty)."""
        ...

    def challenge_of(self, response: Json) -> bytes:
        """The challenge the response claims to answer; VerificationFailed if unreadable."""
        ...

    def credential_id_of(self, response: Json) -> bytes:
        """The raw credential id of an authentication response; VerificationFailed if absent."""
        ...

    def verify_registration(self, response: Json, challenge: bytes) -> NewCredential:
        """Raise VerificationFailed unless the response is genuine for this challenge."""
        ...

    def verify_authentication(
        self, response: Json, challenge: bytes, credential: WebAuthnCredential
    ) -> Assertion:
        """Check origin, challenge and signature (not the counter); VerificationFailed if not."""
        ...


WebAuthnUnits = Callable[[], WebAuthnUnit]


def counter_advanced(stored: int, presented: int) -> bool:
    """True unless the counter failed to increase; 0 and 0 is an authenticator without one."""
    return presented > stored or presented == stored == 0


async def _take(
    challenges: ChallengeStore, ceremonies: Ceremonies, response: Json
) -> tuple[PendingCeremony | None, bytes]:
    try:
        challenge = ceremonies.challenge_of(response)
    except VerificationFailed:
        return None, b""
    return await challenges.take(challenge), challenge


@attrs.define
class WebAuthnRegistration:
    """Register a new credential for a signed-in user: `begin`, then `finish` with the answer."""

    units: WebAuthnUnits
    challenges: ChallengeStore
    ceremonies: Ceremonies
    clock: Clock = utc_now

    async def begin(
        self, user_id: UUID, user_name: str, credential_name: str | None = None
    ) -> RegistrationStart:
        async with self.units() as unit:
            existing = await unit.credentials.of_user(user_id)
        exclude = [credential.credential_id for credential in existing]
        options, challenge = self.ceremonies.registration_options(user_id, user_name, exclude)
        name = (credential_name or "").strip() or self._default_name()
        await self.challenges.put(
            challenge, PendingCeremony(REGISTER, user_id, name), CHALLENGE_TTL_S
        )
        return RegistrationStart(options, name)

    async def finish(
        self, user_id: UUID, response: Json, credential_name: str | None = None
    ) -> WebAuthnCredential:
        pending, challenge = await _take(self.challenges, self.ceremonies, response)
        if pending is None or pending.purpose != REGISTER or pending.user_id != user_id:
            raise _no_challenge()
        try:
            new = self.ceremonies.verify_registration(response, challenge)
        except VerificationFailed as exc:
            raise InvalidInput(
                f"the registration was refused: {exc}", {"field": "credential"}
            ) from None
        name = (credential_name or "").strip() or pending.credential_name or self._default_name()
        return await self._store(user_id, new, name)

    async def _store(self, user_id: UUID, new: NewCredential, name: str) -> WebAuthnCredential:
        now = self.clock()
        credential = WebAuthnCredential(
            id=uuid.uuid4(), user_id=user_id, created_at=now, name=name, **attrs.asdict(new)
        )
        async with self.units() as unit:
            await unit.credentials.add(credential)
            flags: MfaSettings = await settings_of(unit.settings, user_id, now)
            flags.webauthn_enabled, flags.updated_at = True, now
            await unit.settings.put(flags)
            await unit.commit()
        return credential

    def _default_name(self) -> str:
        return f"Authenticator registered on {self.clock().date().isoformat()}"


@attrs.frozen
class WebAuthnSignIn:
    """The outcome of a WebAuthn login: the credential's owner and a new session."""

    credential: WebAuthnCredential
    tokens: IssuedTokens


@attrs.define
class WebAuthnLogin:
    """Passwordless sign-in with a registered credential: `begin`, then `finish`.

    `begin` for a known user allows only that user's credentials; without one, any discoverable
    credential. `finish` checks the challenge (once), the signature and the sign counter, then
    starts a normal session for the credential's owner.
    """

    units: WebAuthnUnits
    identity: Units
    signer: TokenSigner
    rules: AuthRules
    challenges: ChallengeStore
    ceremonies: Ceremonies
    clock: Clock = utc_now

    async def begin(self, user_id: UUID | None = None) -> dict[str, Any]:
        allow: list[bytes] = []
        if user_id is not None:
            async with self.units() as unit:
                allow = [c.credential_id for c in await unit.credentials.of_user(user_id)]
            if not allow:
                raise InvalidInput("no security key is registered", {"field": "credential"})
        options, challenge = self.ceremonies.authentication_options(allow)
        await self.challenges.put(challenge, PendingCeremony(LOGIN, user_id), CHALLENGE_TTL_S)
        return options

    async def finish(self, response: Json, client: ClientInfo) -> WebAuthnSignIn:
        credential = await self._verified(response)
        return WebAuthnSignIn(credential, await self._start_session(credential.user_id, client))

    async def prove(self, user_id: UUID, response: Json) -> WebAuthnCredential:
        """Check an assertion as a second factor of `user_id`: the challenge must have been
        begun for that user and the key must be theirs. Opens no session; Unauthenticated if
        the assertion proves nothing."""
        return await self._verified(response, user_id)

    async def _verified(self, response: Json, user_id: UUID | None = None) -> WebAuthnCredential:
        pending, challenge = await _take(self.challenges, self.ceremonies, response)
        if pending is None or pending.purpose != LOGIN:
            raise Unauthenticated("the challenge is unknown, expired or already used")
        if user_id is not None and pending.user_id != user_id:
            raise Unauthenticated("the challenge was not begun for this sign-in")
        credential = await self._credential(response, pending)
        try:
            assertion = self.ceremonies.verify_authentication(response, challenge, credential)
        except VerificationFailed as exc:
            raise Unauthenticated(LOGIN_FAILED, {"reason": str(exc)}) from None
        await self._count(credential, assertion)
        return credential

    async def _credential(self, response: Json, pending: PendingCeremony) -> WebAuthnCredential:
        try:
            credential_id = self.ceremonies.credential_id_of(response)
        except VerificationFailed:
            raise Unauthenticated(LOGIN_FAILED) from None
        async with self.units() as unit:
            credential = await unit.credentials.by_credential_id(credential_id)
        if credential is None or pending.user_id not in (None, credential.user_id):
            raise Unauthenticated(LOGIN_FAILED)
        if credential.clone_detected:
            raise Unauthenticated("this security key was reported as possibly cloned")
        return credential

    async def _count(self, credential: WebAuthnCredential, assertion: Assertion) -> None:
        async with self.units() as unit:
            if counter_advanced(credential.sign_count, assertion.sign_count) and (
                await unit.credentials.record_use(credential.id, assertion, self.clock())
            ):
                await unit.commit()
                return
            # A counter that goes back means two copies of the key exist.
            await unit.credentials.mark_cloned(credential.id)
            await unit.commit()
        raise Unauthenticated("the security key's sign counter did not increase")

    async def _start_session(self, user_id: UUID, client: ClientInfo) -> IssuedTokens:
        now = self.clock()
        session = Session(
            id=uuid.uuid4(),
            user_id=user_id,
            created_at=now,
            last_activity_at=now,
            expires_at=now + timedelta(seconds=self.rules.refresh_ttl_s),
            ip_address=client.address,
            user_agent=client.user_agent,
            device_name=client.device_name,
        )
        async with self.identity() as unit:
            user = await unit.users.get(user_id)
            if user is None or not user.is_active or user.deleted_at is not None:
                raise Unauthenticated("this account is disabled")
            await unit.sessions.add(session)
            tokens = await issue_tokens(unit, self.signer, self.rules, session, now)
            await unit.users.record_login(user_id, now)
            await unit.commit()
        return tokens


@attrs.define
class WebAuthnCredentialsOfUser:
    """A user's own credentials: list, rename, delete."""

    units: WebAuthnUnits
    clock: Clock = utc_now

    async def list(self, user_id: UUID) -> list[WebAuthnCredential]:
        async with self.units() as unit:
            return list(await unit.credentials.of_user(user_id))

    async def rename(self, user_id: UUID, id: UUID, name: str) -> None:
        if not name.strip():
            raise InvalidInput("name must not be empty", {"field": "name", "reason": "empty"})
        async with self.units() as unit:
            if not await unit.credentials.rename(user_id, id, name.strip()):
                raise _not_found()
            await unit.commit()

    async def delete(self, user_id: UUID, id: UUID) -> None:
        """Without a credential left, WebAuthn is off (and MFA unless TOTP remains)."""
        async with self.units() as unit:
            if not await unit.credentials.delete(user_id, id):
                raise _not_found()
            if not await unit.credentials.of_user(user_id):
                now = self.clock()
                flags = await settings_of(unit.settings, user_id, now)
                flags.webauthn_enabled, flags.updated_at = False, now
                flags.require_mfa = flags.require_mfa and flags.has_method
                await unit.settings.put(flags)
            await unit.commit()


def _not_found() -> NotFound:
    return NotFound("no such security key", {"field": "credentialId"})


def _no_challenge() -> InvalidInput:
    return InvalidInput(
        "the challenge is unknown, expired or already used; begin again",
        {"field": "credential", "reason": "challenge"},
    )


__all__ = [
    "CHALLENGE_TTL_S",
    "Assertion",
    "Ceremonies",
    "ChallengeStore",
    "NewCredential",
    "PendingCeremony",
    "RegistrationStart",
    "VerificationFailed",
    "WebAuthnCredential",
    "WebAuthnCredentials",
    "WebAuthnCredentialsOfUser",
    "WebAuthnLogin",
    "WebAuthnRegistration",
    "WebAuthnSignIn",
    "WebAuthnUnit",
    "WebAuthnUnits",
    "counter_advanced",
]
