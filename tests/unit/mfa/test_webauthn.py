"""WebAuthn use cases with in-memory fakes (the protocol itself is tested end to end)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import attrs
import pytest

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.mfa.model import MfaSettings
from revenge_domain.mfa.webauthn import (
    Assertion,
    NewCredential,
    PendingCeremony,
    VerificationFailed,
    WebAuthnCredential,
    WebAuthnCredentialsOfUser,
    WebAuthnRegistration,
    counter_advanced,
)
from tests.unit.fakes.mfa import FakeMfaSettings
from tests.unit.fakes.uow import FakeUnitOfWork

NOON = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


class FakeCredentials:
    def __init__(self) -> None:
        self.rows: dict[UUID, WebAuthnCredential] = {}

    async def add(self, credential: WebAuthnCredential) -> None:
        self.rows[credential.id] = credential

    async def of_user(self, user_id: UUID) -> list[WebAuthnCredential]:
        return [c for c in self.rows.values() if c.user_id == user_id]

    async def by_credential_id(self, credential_id: bytes) -> WebAuthnCredential | None:
        return next((c for c in self.rows.values() if c.credential_id == credential_id), None)

    async def rename(self, user_id: UUID, id: UUID, name: str) -> bool:
        found = self.rows.get(id)
        if found is None or found.user_id != user_id:
            return False
        found.name = name
        return True

    async def delete(self, user_id: UUID, id: UUID) -> bool:
        found = self.rows.get(id)
        return found is not None and found.user_id == user_id and bool(self.rows.pop(id))

    async def record_use(self, id: UUID, assertion: Assertion, at: datetime) -> bool:
        raise NotImplementedError

    async def mark_cloned(self, id: UUID) -> None:
        self.rows[id].clone_detected = True


class FakeUnit(FakeUnitOfWork):
    def __init__(self, credentials: FakeCredentials, settings: FakeMfaSettings) -> None:
        super().__init__()
        self.credentials, self.settings = credentials, settings


class FakeChallenges:
    def __init__(self) -> None:
        self.pending: dict[bytes, PendingCeremony] = {}

    async def put(self, challenge: bytes, ceremony: PendingCeremony, ttl_s: int) -> None:
        self.pending[challenge] = ceremony

    async def take(self, challenge: bytes) -> PendingCeremony | None:
        return self.pending.pop(challenge, None)


class FakeCeremonies:
    """Responses are {"challenge": bytes, "ok": bool}."""

    def registration_options(
        self, user_id: UUID, user_name: str, exclude: list[bytes]
    ) -> tuple[dict[str, Any], bytes]:
        return {"exclude": exclude}, uuid.uuid4().bytes

    def authentication_options(self, allow: list[bytes]) -> tuple[dict[str, Any], bytes]:
        return {"allow": allow}, uuid.uuid4().bytes

    def challenge_of(self, response: Any) -> bytes:
        challenge: bytes = response["challenge"]
        return challenge

    def credential_id_of(self, response: Any) -> bytes:
        return b"key"

    def verify_registration(self, response: Any, challenge: bytes) -> NewCredential:
        if not response["ok"]:
            raise VerificationFailed("bad signature")
        return NewCredential(uuid.uuid4().bytes, b"public", 0, "none")

    def verify_authentication(self, response: Any, challenge: bytes, credential: Any) -> Assertion:
        raise NotImplementedError


@attrs.define
class World:
    credentials: FakeCredentials = attrs.Factory(FakeCredentials)
    settings: FakeMfaSettings = attrs.Factory(FakeMfaSettings)
    challenges: FakeChallenges = attrs.Factory(FakeChallenges)

    def unit(self) -> FakeUnit:
        return FakeUnit(self.credentials, self.settings)

    def registration(self) -> WebAuthnRegistration:
        return WebAuthnRegistration(self.unit, self.challenges, FakeCeremonies(), lambda: NOON)


@pytest.fixture
def world() -> World:
    return World()


async def started(world: World, user_id: UUID) -> bytes:
    await world.registration().begin(user_id, "ann")
    return next(iter(world.challenges.pending))


@pytest.mark.parametrize(
    ("stored", "presented", "advanced"),
    [(0, 0, True), (0, 1, True), (5, 6, True), (5, 5, False), (5, 4, False), (3, 0, False)],
)
def test_a_counter_must_increase_unless_the_key_has_none(
    stored: int, presented: int, advanced: bool
) -> None:
    assert counter_advanced(stored, presented) is advanced


async def test_begin_names_the_key_by_date_when_no_name_is_given(world: World) -> None:
    start = await world.registration().begin(uuid.uuid4(), "ann", "  ")
    assert start.credential_name == "Authenticator registered on 2026-01-02"


async def test_finish_stores_the_key_and_turns_webauthn_on(world: World) -> None:
    user = uuid.uuid4()
    challenge = await started(world, user)
    stored = await world.registration().finish(user, {"challenge": challenge, "ok": True}, "Key")
    assert stored.name == "Key"
    assert await world.credentials.of_user(user) == [stored]
    flags = await world.settings.get(user)
    assert flags is not None
    assert flags.webauthn_enabled


async def test_a_challenge_of_another_user_is_refused(world: World) -> None:
    challenge = await started(world, uuid.uuid4())
    with pytest.raises(InvalidInput, match="challenge"):
        await world.registration().finish(uuid.uuid4(), {"challenge": challenge, "ok": True})


async def test_a_failed_verification_spends_the_challenge(world: World) -> None:
    user = uuid.uuid4()
    challenge = await started(world, user)
    with pytest.raises(InvalidInput, match="refused"):
        await world.registration().finish(user, {"challenge": challenge, "ok": False})
    with pytest.raises(InvalidInput, match="challenge"):
        await world.registration().finish(user, {"challenge": challenge, "ok": True})


async def test_deleting_the_last_key_stops_requiring_mfa(world: World) -> None:
    user = uuid.uuid4()
    stored = await world.registration().finish(
        user, {"challenge": await started(world, user), "ok": True}
    )
    flags = MfaSettings(user, NOON, NOON, webauthn_enabled=True, require_mfa=True)
    await world.settings.put(flags)
    keys = WebAuthnCredentialsOfUser(world.unit, lambda: NOON)
    with pytest.raises(NotFound):
        await keys.delete(uuid.uuid4(), stored.id)
    await keys.delete(user, stored.id)
    after = await world.settings.get(user)
    assert after is not None
    assert not after.webauthn_enabled
    assert not after.require_mfa


async def test_an_empty_name_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput):
        await WebAuthnCredentialsOfUser(world.unit).rename(uuid.uuid4(), uuid.uuid4(), " ")
