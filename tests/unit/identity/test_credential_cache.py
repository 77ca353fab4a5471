"""Session validation through the credential cache."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs
import pytest

from revenge_domain.errors import Unauthenticated
from revenge_domain.identity import (
    Authenticate,
    AuthMethod,
    AuthRules,
    ClientInfo,
    DefaultPermissionPolicy,
    Login,
    RefreshSession,
    Register,
)
from revenge_domain.identity.credential_cache import CredentialCache
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.fakes.identity import FakeIdentityStore, FakePasswordHasher, FakeTokenSigner

PASSWORD = "correct horse"
RULES = AuthRules(access_ttl_s=900, refresh_ttl_s=3600)


@attrs.define
class Clock:
    now: datetime = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@attrs.define
class World:
    store: FakeIdentityStore = attrs.Factory(FakeIdentityStore)
    clock: Clock = attrs.Factory(Clock)
    cache: InMemoryCache = attrs.Factory(InMemoryCache)

    def authenticate(self) -> Authenticate:
        signer, policy = FakeTokenSigner(self.clock), DefaultPermissionPolicy()
        credentials = CredentialCache(self.cache)
        return Authenticate(self.store, signer, policy, self.clock, credentials)

    async def signed_in(self) -> tuple[str, str]:
        hasher = FakePasswordHasher()
        await Register(self.store, hasher, RULES, self.clock)("alice", "a@example.com", PASSWORD)
        login = Login(self.store, hasher, FakeTokenSigner(self.clock), RULES, self.clock)
        tokens = (await login("alice", PASSWORD, ClientInfo("192.0.2.1"))).tokens
        return tokens.access_token, tokens.refresh_token


async def test_a_session_is_checked_against_storage_once_then_served_from_the_cache() -> None:
    world = World()
    access, _ = await world.signed_in()
    first = await world.authenticate()(access, AuthMethod.BEARER)
    second = await world.authenticate()(access, AuthMethod.COOKIE)
    assert world.cache.loads == 1
    assert second.user_id == first.user_id
    assert second.method is AuthMethod.COOKIE
    assert second.can("users:delete")  # the first account is admin


async def test_a_cached_session_past_its_old_expiry_is_checked_again() -> None:
    world = World()
    access, refresh = await world.signed_in()
    await world.authenticate()(access, AuthMethod.BEARER)
    world.clock.now += timedelta(seconds=3000)
    signer = FakeTokenSigner(world.clock)
    fresh = await RefreshSession(world.store, signer, RULES, world.clock)(refresh)
    world.clock.now += timedelta(seconds=700)  # past the expiry the cache remembers
    principal = await world.authenticate()(fresh.access_token, AuthMethod.BEARER)
    assert principal.session_id == fresh.session.id
    assert world.cache.loads == 2


async def test_an_ended_session_is_refused_and_remembered_as_ended() -> None:
    world = World()
    access, _ = await world.signed_in()
    session_id = next(iter(world.store.sessions.sessions))
    await world.store.sessions.revoke(session_id, world.clock.now, "test")
    for _ in range(2):
        with pytest.raises(Unauthenticated):
            await world.authenticate()(access, AuthMethod.BEARER)
    assert world.cache.loads == 1
