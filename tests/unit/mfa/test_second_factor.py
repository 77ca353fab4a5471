"""Signing in when the account requires a second factor: pending sign-in, then TOTP or code."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from revenge_adapters.identity import JwtTokenSigner
from revenge_adapters.mfa.pending import JwtPendingLoginSigner
from revenge_domain.errors import TooManyRequests, Unauthenticated
from revenge_domain.identity import (
    AccessClaims,
    AuthRules,
    ClientInfo,
    Lockout,
    Login,
    Register,
    SignedIn,
    User,
)
from revenge_domain.mfa.account import MfaAccount
from revenge_domain.mfa.login import (
    PendingLogin,
    SecondFactor,
    SecondFactorNeeded,
    SignInWithSecondFactor,
)
from revenge_domain.mfa.totp import code_at, secret_key
from tests.unit.fakes.identity import FakeIdentityStore, FakePasswordHasher, FakeTokenSigner
from tests.unit.fakes.mfa import (
    FakeBackupCodes,
    FakeMfaSettings,
    FakeSecretCipher,
    FakeTotpSecrets,
    SteppingClock,
)
from tests.unit.fakes.uow import FakeUnitOfWork

PASSWORD = "correct horse"
PHONE = ClientInfo("192.0.2.9", "test-agent", "phone")
RULES = AuthRules(lockout=Lockout(per_account=3, window_s=600))


class FakeMfaUnit(FakeUnitOfWork):
    def __init__(self, store: FakeMfaStore) -> None:
        super().__init__()
        self.totp, self.codes, self.settings = store.totp, store.codes, store.settings


class FakeMfaStore:
    def __init__(self) -> None:
        self.totp = FakeTotpSecrets()
        self.codes = FakeBackupCodes()
        self.settings = FakeMfaSettings()

    def __call__(self) -> FakeMfaUnit:
        return FakeMfaUnit(self)


class FakePendingSigner:
    """Tokens are keys of a dict; expiry is checked against the test clock."""

    def __init__(self, clock: SteppingClock) -> None:
        self.clock = clock
        self.issued: dict[str, PendingLogin] = {}

    def sign(self, pending: PendingLogin) -> str:
        token = f"pending-{len(self.issued)}"
        self.issued[token] = pending
        return token

    def read(self, token: str) -> PendingLogin | None:
        pending = self.issued.get(token)
        if pending is not None and pending.expires_at <= self.clock():
            raise Unauthenticated("expired")
        return pending


@attrs.define
class World:
    clock: SteppingClock = attrs.Factory(
        lambda: SteppingClock(datetime(2026, 1, 2, 12, 0, tzinfo=UTC))
    )
    identity: FakeIdentityStore = attrs.Factory(FakeIdentityStore)
    store: FakeMfaStore = attrs.Factory(FakeMfaStore)
    rules: AuthRules = RULES
    hasher: FakePasswordHasher = attrs.Factory(FakePasswordHasher)
    mfa: MfaAccount = attrs.field(init=False)
    sign_in: SignInWithSecondFactor = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        login = Login(
            self.identity, self.hasher, FakeTokenSigner(self.clock), self.rules, self.clock
        )
        self.mfa = MfaAccount(self.store, FakeSecretCipher(), self.clock)
        self.sign_in = SignInWithSecondFactor(
            login, self.mfa, FakePendingSigner(self.clock), clock=self.clock
        )

    async def account(self) -> User:
        register = Register(self.identity, self.hasher, self.rules, self.clock)
        return await register("ann", "ann@example.com", PASSWORD)

    async def with_totp_required(self) -> tuple[User, bytes]:
        """An account with TOTP enabled and required; answers the TOTP key."""
        user = await self.account()
        setup = await self.mfa.begin_totp_setup(user.id, "ann")
        key = secret_key(setup.secret)
        assert await self.mfa.verify_totp(user.id, self.code(key))
        await self.mfa.require(user.id)
        self.clock.advance(30)  # the enrolment code's step is spent
        return user, key

    def code(self, key: bytes) -> str:
        return code_at(key, self.clock())

    async def pending(self, login: str = "ann") -> PendingLogin:
        needed = await self.sign_in(login, PASSWORD, PHONE)
        assert isinstance(needed, SecondFactorNeeded)
        pending = self.sign_in.pending(needed.token)
        assert pending is not None
        return pending

    async def live_sessions(self, user: User) -> int:
        return len(await self.identity.sessions.live_of(user.id, self.clock()))


async def test_without_mfa_required_the_password_signs_in() -> None:
    world = World()
    await world.account()
    assert isinstance(await world.sign_in("ann", PASSWORD, PHONE), SignedIn)


async def test_totp_enabled_but_not_required_still_signs_in_with_the_password() -> None:
    world = World()
    user, _ = await world.with_totp_required()
    await world.mfa.stop_requiring(user.id)
    assert isinstance(await world.sign_in("ann", PASSWORD, PHONE), SignedIn)


async def test_with_mfa_required_a_right_password_gives_only_a_pending_sign_in() -> None:
    world = World()
    user, _ = await world.with_totp_required()
    needed = await world.sign_in("ANN@example.com", PASSWORD, PHONE)
    assert isinstance(needed, SecondFactorNeeded)
    assert needed.expires_in == 300
    assert needed.methods == (SecondFactor.TOTP,)
    assert await world.live_sessions(user) == 0
    pending = world.sign_in.pending(needed.token)
    assert pending is not None
    assert (pending.user_id, pending.login, pending.device_name) == (
        user.id,
        "ANN@example.com",
        "phone",
    )


async def test_a_wrong_password_is_refused_before_any_second_factor() -> None:
    world = World()
    await world.with_totp_required()
    with pytest.raises(Unauthenticated):
        await world.sign_in("ann", "wrong password", PHONE)


async def test_a_right_totp_code_finishes_the_sign_in_once() -> None:
    world = World()
    user, key = await world.with_totp_required()
    pending = await world.pending()
    code = world.code(key)
    signed_in = await world.sign_in.with_totp(pending, code, ClientInfo("192.0.2.9"))
    assert signed_in.user.id == user.id
    assert signed_in.tokens.session.device_name == "phone"
    assert await world.live_sessions(user) == 1
    with pytest.raises(Unauthenticated):
        await world.sign_in.with_totp(await world.pending(), code, PHONE)


async def test_wrong_codes_count_as_failed_sign_ins_and_lock_the_account() -> None:
    world = World()
    _, key = await world.with_totp_required()
    pending = await world.pending()
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            await world.sign_in.with_totp(pending, "000000", PHONE)
    with pytest.raises(TooManyRequests):
        await world.sign_in.with_totp(pending, world.code(key), PHONE)


async def test_a_totp_secret_not_yet_verified_cannot_finish_a_sign_in() -> None:
    world = World()
    user, _ = await world.with_totp_required()
    pending = await world.pending()
    await world.mfa.disable_totp(user.id, password_confirmed=True)
    setup = await world.mfa.begin_totp_setup(user.id, "ann")
    with pytest.raises(Unauthenticated):
        await world.sign_in.with_totp(pending, world.code(secret_key(setup.secret)), PHONE)
    assert not (await world.mfa.status(user.id)).has_totp


async def test_a_backup_code_finishes_the_sign_in_once() -> None:
    world = World()
    user, _ = await world.with_totp_required()
    codes = await world.mfa.generate_backup_codes(user.id)
    needed = await world.sign_in("ann", PASSWORD, PHONE)
    assert isinstance(needed, SecondFactorNeeded)
    assert needed.methods == (SecondFactor.TOTP, SecondFactor.BACKUP_CODE)
    pending = await world.pending()
    signed_in = await world.sign_in.with_backup_code(pending, codes[0].upper(), PHONE)
    assert signed_in.user.id == user.id
    with pytest.raises(Unauthenticated):
        await world.sign_in.with_backup_code(pending, codes[0], PHONE)
    assert (await world.mfa.status(user.id)).unused_backup_codes == 9


async def test_an_account_disabled_meanwhile_cannot_finish_signing_in() -> None:
    world = World()
    user, key = await world.with_totp_required()
    pending = await world.pending()
    world.identity.users.users[user.id].is_active = False
    with pytest.raises(Unauthenticated):
        await world.sign_in.with_totp(pending, world.code(key), PHONE)


async def test_a_pending_sign_in_expires_after_five_minutes() -> None:
    world = World()
    await world.with_totp_required()
    needed = await world.sign_in("ann", PASSWORD, PHONE)
    assert isinstance(needed, SecondFactorNeeded)
    world.clock.advance(300)
    with pytest.raises(Unauthenticated):
        world.sign_in.pending(needed.token)


def _pending(expires_in_s: int) -> PendingLogin:
    now = datetime.now(UTC)
    return PendingLogin(uuid.uuid4(), "ann", now, now + timedelta(seconds=expires_in_s), "phone")


def test_pending_tokens_and_access_tokens_never_pass_for_each_other() -> None:
    secret = secrets.token_hex(32)
    pending_signer, access_signer = JwtPendingLoginSigner(secret), JwtTokenSigner(secret)
    pending = _pending(300)
    token = pending_signer.sign(pending)
    assert pending_signer.read(token) == attrs.evolve(
        pending,
        issued_at=pending.issued_at.replace(microsecond=0),
        expires_at=pending.expires_at.replace(microsecond=0),
    )
    with pytest.raises(Unauthenticated):
        access_signer.read(token)
    now = datetime.now(UTC)
    access = access_signer.sign(
        AccessClaims(pending.user_id, pending.user_id, now, now + timedelta(minutes=5))
    )
    assert pending_signer.read(access) is None
    assert JwtPendingLoginSigner(secrets.token_hex(32)).read(token) is None


def test_an_expired_pending_token_is_refused() -> None:
    signer = JwtPendingLoginSigner(secrets.token_hex(32))
    with pytest.raises(Unauthenticated):
        signer.read(signer.sign(_pending(-5)))
