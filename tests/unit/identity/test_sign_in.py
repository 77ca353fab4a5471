from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from revenge_domain.errors import (
    InvalidInput,
    NotFound,
    PermissionDenied,
    TooManyRequests,
    Unauthenticated,
)
from revenge_domain.identity import (
    Authenticate,
    AuthMethod,
    AuthRules,
    ChangePassword,
    ClientInfo,
    DefaultPermissionPolicy,
    Lockout,
    Login,
    RefreshSession,
    Register,
    SessionsOfUser,
    User,
)
from tests.unit.fakes.identity import FakeIdentityStore, FakePasswordHasher, FakeTokenSigner

PASSWORD = "correct horse"
HOME = ClientInfo("192.0.2.1", "test-agent", "laptop")


@attrs.define
class Clock:
    now: datetime = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@attrs.define
class World:
    store: FakeIdentityStore
    clock: Clock
    rules: AuthRules
    hasher: FakePasswordHasher = attrs.Factory(FakePasswordHasher)

    @property
    def signer(self) -> FakeTokenSigner:
        return FakeTokenSigner(self.clock)

    def register(self) -> Register:
        return Register(self.store, self.hasher, self.rules, self.clock)

    def login(self) -> Login:
        return Login(self.store, self.hasher, self.signer, self.rules, self.clock)

    def refresh(self) -> RefreshSession:
        return RefreshSession(self.store, self.signer, self.rules, self.clock)

    def authenticate(self) -> Authenticate:
        return Authenticate(self.store, self.signer, DefaultPermissionPolicy(), self.clock)


def a_world(**rules: object) -> World:
    lockout = Lockout(per_account=3, window_s=600)
    return World(FakeIdentityStore(), Clock(), AuthRules(lockout=lockout, **rules))  # type: ignore[arg-type]


async def registered(world: World, name: str = "alice") -> User:
    return await world.register()(name, f"{name}@example.com", PASSWORD)


async def test_the_first_account_is_admin_and_later_ones_are_users() -> None:
    world = a_world()
    first, second = await registered(world, "alice"), await registered(world, "bob")
    assert first.is_admin
    assert not second.is_admin
    assert await world.store.roles.roles_of(first.id) == {"admin"}
    assert await world.store.roles.roles_of(second.id) == {"user"}


async def test_registration_disabled_refuses_all_but_the_first_account() -> None:
    world = a_world(registration_enabled=False)
    await registered(world, "alice")
    with pytest.raises(PermissionDenied):
        await registered(world, "bob")


async def test_unknown_account_and_wrong_password_get_the_same_error() -> None:
    world = a_world()
    await registered(world)
    with pytest.raises(Unauthenticated) as unknown:
        await world.login()("nobody", PASSWORD, HOME)
    with pytest.raises(Unauthenticated) as wrong:
        await world.login()("alice", "wrong password", HOME)
    assert unknown.value.message == wrong.value.message


async def test_login_by_email_starts_a_session_the_token_resolves_to() -> None:
    world = a_world()
    user = await registered(world)
    signed_in = await world.login()("ALICE@example.com", PASSWORD, HOME)
    principal = await world.authenticate()(signed_in.tokens.access_token, AuthMethod.BEARER)
    assert principal.user_id == user.id
    assert principal.session_id == signed_in.tokens.session.id
    assert principal.can("users:delete")  # the first account is admin


async def test_an_inactive_account_cannot_sign_in() -> None:
    world = a_world()
    user = await registered(world)
    world.store.users.users[user.id].is_active = False
    with pytest.raises(Unauthenticated):
        await world.login()("alice", PASSWORD, HOME)


async def test_too_many_failures_for_an_account_lock_it_until_the_window_passes() -> None:
    world = a_world()
    await registered(world)
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            await world.login()("alice", "wrong password", HOME)
        world.clock.advance(10)
    with pytest.raises(TooManyRequests) as locked:
        await world.login()("alice", PASSWORD, HOME)
    assert locked.value.retry_after_s == 600 - 30
    world.clock.advance(locked.value.retry_after_s)
    await world.login()("alice", PASSWORD, HOME)


async def test_failures_count_against_the_account_whatever_its_spelling() -> None:
    world = a_world()
    await registered(world)
    for spelling in ("alice", "ALICE@example.com", "Alice"):
        with pytest.raises(Unauthenticated):
            await world.login()(spelling, "wrong password", HOME)
    for spelling in ("alice", "alice@example.com"):
        with pytest.raises(TooManyRequests):
            await world.login()(spelling, PASSWORD, ClientInfo("198.51.100.7"))


async def test_failures_from_one_address_lock_no_other_account() -> None:
    """Many names guessed from one address (a household, a proxy) leave alice free: addresses
    are slowed down by the HTTP rate limits, never locked out."""
    world = a_world()
    await registered(world)
    for index in range(10):
        with pytest.raises(Unauthenticated):
            await world.login()(f"someone{index}", "guess", HOME)
    await world.login()("alice", PASSWORD, HOME)


async def test_unknown_names_are_locked_apart_from_accounts() -> None:
    world = a_world()
    alice = await registered(world)
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            await world.login()(f"account:{alice.id}", "guess", HOME)
    with pytest.raises(TooManyRequests):
        await world.login()(f"account:{alice.id}", "guess", HOME)
    await world.login()("alice", PASSWORD, HOME)


async def test_an_admin_unlocks_an_account() -> None:
    world = a_world()
    alice = await registered(world)
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            await world.login()("alice", "wrong password", HOME)
    with pytest.raises(TooManyRequests):
        await world.login()("alice", PASSWORD, HOME)
    await world.login().unlock(alice.id, None)
    await world.login()("alice", PASSWORD, HOME)
    with pytest.raises(NotFound):
        await world.login().unlock(uuid.uuid4(), None)


async def test_refresh_rotates_and_reuse_ends_the_session() -> None:
    world = a_world()
    await registered(world)
    first = (await world.login()("alice", PASSWORD, HOME)).tokens
    second = await world.refresh()(first.refresh_token)
    assert second.refresh_token != first.refresh_token
    with pytest.raises(Unauthenticated):
        await world.refresh()(first.refresh_token)
    with pytest.raises(Unauthenticated):  # the thief's replay ended the session for both
        await world.refresh()(second.refresh_token)
    with pytest.raises(Unauthenticated):
        await world.authenticate()(second.access_token, AuthMethod.BEARER)


async def test_change_password_checks_the_old_one_and_ends_other_sessions() -> None:
    world = a_world()
    user = await registered(world)
    here = (await world.login()("alice", PASSWORD, HOME)).tokens.session
    elsewhere = (await world.login()("alice", PASSWORD, HOME)).tokens.session
    change = ChangePassword(world.store, world.hasher, world.clock)
    with pytest.raises(InvalidInput):
        await change(user.id, here.id, "not it at all", "brand new password")
    await change(user.id, here.id, PASSWORD, "brand new password")
    live = await world.store.sessions.live_of(user.id, world.clock())
    assert [session.id for session in live] == [here.id]
    assert elsewhere.id not in {session.id for session in live}
    await world.login()("alice", "brand new password", HOME)


async def test_a_user_cannot_revoke_another_users_session() -> None:
    world = a_world()
    await registered(world, "alice")
    await registered(world, "bob")
    alice = (await world.login()("alice", PASSWORD, HOME)).tokens
    bob = (await world.login()("bob", PASSWORD, HOME)).tokens
    bob_principal = await world.authenticate()(bob.access_token, AuthMethod.BEARER)
    with pytest.raises(Exception, match="not found"):
        await SessionsOfUser(world.store, world.clock).revoke(bob_principal, alice.session.id)
    assert await world.authenticate()(alice.access_token, AuthMethod.BEARER)
