"""The sign-in use cases report login, failed login, logout and password change."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from revenge_domain.activity import Actions, ActivityEvent
from revenge_domain.errors import InvalidInput, Unauthenticated
from revenge_domain.identity import (
    AuthMethod,
    AuthRules,
    ChangePassword,
    ClientInfo,
    Login,
    Logout,
    Principal,
    Register,
    User,
)
from tests.unit.activity.fakes import RecordedActivity
from tests.unit.fakes.identity import FakeIdentityStore, FakePasswordHasher, FakeTokenSigner

PASSWORD = "correct horse"
HOME = ClientInfo("192.0.2.1", "test-agent", "laptop")


class World:
    def __init__(self) -> None:
        self.store = FakeIdentityStore()
        self.hasher = FakePasswordHasher()
        self.rules = AuthRules()
        # Refused attempts change nothing and are recorded at once; changes keep their entry.
        self.activity = RecordedActivity()
        self.kept = self.store.activity

    def login(self) -> Login:
        signer = FakeTokenSigner(lambda: datetime.now(UTC))
        return Login(self.store, self.hasher, signer, self.rules, activity=self.activity)

    async def alice(self) -> User:
        return await Register(self.store, self.hasher, self.rules)(
            "alice", "alice@example.com", PASSWORD
        )

    def only_event(self) -> ActivityEvent:
        assert self.activity.events == []
        (event,) = self.kept.events
        return event


async def test_a_successful_login_is_recorded_with_the_client() -> None:
    world = World()
    user = await world.alice()
    signed_in = await world.login()("alice", PASSWORD, HOME)
    event = world.only_event()
    assert (event.action, event.success, event.user_id) == (Actions.LOGIN, True, user.id)
    assert event.resource_id == signed_in.tokens.session.id
    assert (event.ip_address, event.user_agent) == ("192.0.2.1", "test-agent")
    assert event.is_security


async def test_a_failed_login_is_recorded_as_a_failure() -> None:
    world = World()
    user = await world.alice()
    with pytest.raises(Unauthenticated):
        await world.login()("alice", "wrong password", HOME)
    with pytest.raises(Unauthenticated):
        await world.login()("nobody", PASSWORD, HOME)
    known, unknown = world.activity.events
    assert (known.success, known.user_id, known.error_message) == (
        False,
        user.id,
        "invalid username or password",
    )
    assert (unknown.user_id, unknown.username) == (None, "nobody")


async def test_logout_is_recorded() -> None:
    world = World()
    user = await world.alice()
    session_id = (await world.login()("alice", PASSWORD, HOME)).tokens.session.id
    principal = Principal(user.id, "alice", frozenset(), frozenset(), session_id, AuthMethod.BEARER)
    await Logout(world.store)(principal)
    event = world.kept.events[-1]
    assert (event.action, event.user_id, event.resource_id) == (Actions.LOGOUT, user.id, session_id)


async def test_a_password_change_and_a_refused_one_are_recorded() -> None:
    world = World()
    user = await world.alice()
    change = ChangePassword(world.store, world.hasher, activity=world.activity)
    with pytest.raises(InvalidInput):
        await change(user.id, None, "not the password", "a brand new one")
    await change(user.id, None, PASSWORD, "a brand new one")
    (refused,) = world.activity.events
    (changed,) = world.kept.events
    assert (refused.action, refused.success) == (Actions.PASSWORD_CHANGE, False)
    assert (changed.action, changed.success, changed.user_id) == (
        Actions.PASSWORD_CHANGE,
        True,
        user.id,
    )
