"""Verification and reset tokens: hashed at rest, single use, expiring, delivered by email."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from revenge_domain.errors import InvalidInput
from revenge_domain.identity import AuthRules, Register, Session, User
from revenge_domain.identity.account_ports import TokenKind
from revenge_domain.identity.recovery import (
    ForgotPassword,
    RecoveryRules,
    ResetPassword,
    SendVerification,
    VerifyEmail,
)
from tests.unit.fakes.accounts import FakeAccountStore, InMemoryEmailSender
from tests.unit.fakes.identity import FakePasswordHasher

EMAIL = "ada@example.com"
RULES = RecoveryRules("https://media.example.com/")


@attrs.define
class Clock:
    now: datetime = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@attrs.define
class World:
    store: FakeAccountStore = attrs.Factory(FakeAccountStore)
    clock: Clock = attrs.Factory(Clock)
    mail: InMemoryEmailSender = attrs.Factory(InMemoryEmailSender)
    hasher: FakePasswordHasher = attrs.Factory(FakePasswordHasher)

    def user(self, email: str = EMAIL) -> User:
        now = self.clock()
        user = User(uuid.uuid4(), "ada", email, "$fake1$old password", now, now)
        self.store.users.users[user.id] = user
        return user

    def session_of(self, user: User) -> Session:
        now = self.clock()
        session = Session(uuid.uuid4(), user.id, now, now, now + timedelta(days=7))
        self.store.sessions.sessions[session.id] = session
        return session

    def send_verification(self) -> SendVerification:
        return SendVerification(self.store, self.mail, RULES, self.clock)

    def verify(self) -> VerifyEmail:
        return VerifyEmail(self.store, self.clock)

    def forgot(self) -> ForgotPassword:
        return ForgotPassword(self.store, self.mail, RULES, self.clock)

    def reset(self) -> ResetPassword:
        return ResetPassword(self.store, self.hasher, self.clock)


@pytest.fixture
def world() -> World:
    return World()


async def test_the_verification_link_starts_with_the_public_url_and_only_its_hash_is_kept(
    world: World,
) -> None:
    user = world.user()
    await world.send_verification()(user)
    message = world.mail.sent[-1]
    token = world.mail.last_token_to(EMAIL)
    assert message.to == EMAIL
    assert f"https://media.example.com/verify-email?token={token}" in message.body
    stored = world.store.one_time_tokens.tokens
    assert (TokenKind.EMAIL_VERIFICATION, hashlib.sha256(token.encode()).hexdigest()) in stored
    assert all(token not in key[1] for key in stored)
    assert token not in repr(message)


async def test_a_verification_token_verifies_once(world: World) -> None:
    user = world.user()
    await world.send_verification()(user)
    token = world.mail.last_token_to(EMAIL)
    await world.verify()(token)
    assert user.email_verified
    with pytest.raises(InvalidInput):
        await world.verify()(token)


async def test_a_verification_token_expires_after_24_hours(world: World) -> None:
    user = world.user()
    await world.send_verification()(user)
    world.clock.advance(24 * 3600)
    with pytest.raises(InvalidInput):
        await world.verify()(world.mail.last_token_to(EMAIL))
    assert not user.email_verified


async def test_a_link_sent_to_an_old_address_does_not_verify_the_new_one(world: World) -> None:
    user = world.user()
    await world.send_verification()(user)
    user.email = "new@example.com"
    with pytest.raises(InvalidInput):
        await world.verify()(world.mail.last_token_to(EMAIL))
    assert not user.email_verified


async def test_registration_sends_the_verification_email(world: World) -> None:
    register = Register(
        world.store, world.hasher, AuthRules(), world.clock, world.send_verification()
    )
    user = await register("grace", "grace@example.com", "long enough password")
    await world.verify()(world.mail.last_token_to("grace@example.com"))
    assert world.store.users.users[user.id].email_verified


async def test_forgot_password_for_an_unknown_address_sends_nothing(world: World) -> None:
    world.user()
    await world.forgot()("nobody@example.com")
    assert world.mail.sent == []


async def test_reset_sets_the_password_ends_every_session_and_works_once(world: World) -> None:
    user = world.user()
    session = world.session_of(user)
    await world.forgot()(EMAIL)
    token = world.mail.last_token_to(EMAIL)
    assert await world.reset()(token, "brand new password") == user.id
    assert await world.hasher.verify(user.password_hash, "brand new password")
    assert world.store.sessions.sessions[session.id].revoked_at is not None
    with pytest.raises(InvalidInput):
        await world.reset()(token, "yet another password")


async def test_a_reset_token_expires_after_an_hour(world: World) -> None:
    world.user()
    await world.forgot()(EMAIL)
    world.clock.advance(3600)
    with pytest.raises(InvalidInput):
        await world.reset()(world.mail.last_token_to(EMAIL), "brand new password")


async def test_a_new_reset_link_voids_the_older_one(world: World) -> None:
    world.user()
    await world.forgot()(EMAIL)
    older = world.mail.last_token_to(EMAIL)
    await world.forgot()(EMAIL)
    with pytest.raises(InvalidInput):
        await world.reset()(older, "brand new password")
    await world.reset()(world.mail.last_token_to(EMAIL), "brand new password")


async def test_a_short_new_password_is_refused_before_the_token_is_spent(world: World) -> None:
    world.user()
    await world.forgot()(EMAIL)
    token = world.mail.last_token_to(EMAIL)
    with pytest.raises(InvalidInput):
        await world.reset()(token, "short")
    await world.reset()(token, "long enough now")
