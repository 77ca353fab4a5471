"""API keys: secret format, scope narrowing, the per-user limit, and key authentication."""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from revenge_domain.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from revenge_domain.identity import AuthMethod, DefaultPermissionPolicy, Principal, User
from revenge_domain.identity.access import DEFAULT_GRANTS, EVERYTHING, GUEST, USER
from revenge_domain.identity.api_key_cases import ApiKeysOfUser, AuthenticateApiKey
from revenge_domain.identity.api_keys import (
    checked_scopes,
    is_well_formed,
    narrowed,
    new_secret,
    shown_prefix,
)
from revenge_domain.identity.credential_cache import CredentialCache
from tests.unit.fakes.api_keys import FakeApiKeyStore, RecordedUses
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.fakes.identity import FakeIdentityStore


@attrs.define
class Clock:
    now: datetime = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@attrs.define
class World:
    identity: FakeIdentityStore = attrs.Factory(FakeIdentityStore)
    clock: Clock = attrs.Factory(Clock)
    cache: InMemoryCache = attrs.Factory(InMemoryCache)
    uses: RecordedUses = attrs.Factory(RecordedUses)

    @property
    def keys(self) -> FakeApiKeyStore:
        return FakeApiKeyStore(self.identity)

    def manage(self, store: FakeApiKeyStore) -> ApiKeysOfUser:
        return ApiKeysOfUser(store, CredentialCache(self.cache), self.clock)

    def authenticate(self, store: FakeApiKeyStore) -> AuthenticateApiKey:
        credentials = CredentialCache(self.cache)
        policy = DefaultPermissionPolicy()
        return AuthenticateApiKey(store, policy, credentials, self.uses, self.clock)

    async def user(self, name: str = "alice", role: str = USER) -> Principal:
        user = User(
            id=uuid.uuid4(),
            username=name,
            email=f"{name}@example.com",
            password_hash="-",
            created_at=self.clock.now,
            updated_at=self.clock.now,
        )
        await self.identity.users.add(user)
        await self.identity.roles.assign(user.id, role)
        permissions = DefaultPermissionPolicy().permissions_of({role})
        return Principal(user.id, name, frozenset({role}), permissions, None, AuthMethod.BEARER)


def test_a_secret_is_rv_and_64_hex_digits_and_shows_its_first_8_characters() -> None:
    secret = new_secret()
    assert re.fullmatch(r"rv_[0-9a-f]{64}", secret)
    assert is_well_formed(secret)
    assert shown_prefix(secret) == secret[:8]
    assert new_secret() != secret


@pytest.mark.parametrize(
    "text", ["", "rv_" + "0" * 63, "rv_" + "0" * 65, "xx_" + "0" * 64, "rv_" + "g" * 64]
)
def test_malformed_secrets_are_recognised(text: str) -> None:
    assert not is_well_formed(text)


def test_scopes_must_be_known_and_repeats_are_dropped() -> None:
    assert checked_scopes(["read", "write", "read"]) == ("read", "write")
    with pytest.raises(InvalidInput):
        checked_scopes([])
    with pytest.raises(InvalidInput):
        checked_scopes(["read", "delete"])


def test_a_read_key_keeps_only_reading_permissions() -> None:
    kept = narrowed(DEFAULT_GRANTS[USER], ["read"])
    assert kept == {
        "profile:read",
        "movies:list",
        "movies:get",
        "libraries:list",
        "libraries:get",
        "requests:list",
        "requests:get",
        "notifications:list",
        "notifications:get",
    }


def test_a_read_key_turns_wildcards_into_their_reading_permissions() -> None:
    assert narrowed(frozenset({"movies:*"}), ["read"]) == {"movies:list", "movies:get"}
    everything = narrowed(frozenset({EVERYTHING}), ["read"])
    assert {"users:list", "settings:read", "audit:read"} <= everything
    assert all(p.partition(":")[2] in {"list", "get", "read"} for p in everything)


@pytest.mark.parametrize("scopes", [["write"], ["admin"], ["read", "write"]])
def test_write_and_admin_keys_keep_all_of_the_owners_permissions(scopes: list[str]) -> None:
    assert narrowed(DEFAULT_GRANTS[USER], scopes) == DEFAULT_GRANTS[USER]


async def test_only_the_hash_of_the_secret_is_stored() -> None:
    world = World()
    store, alice = world.keys, await world.user()
    created = await world.manage(store).create(alice, " laptop ", ["read"])
    stored = store.api_keys.keys[created.key.id]
    assert stored.key_hash == hashlib.sha256(created.secret.encode()).hexdigest()
    assert stored.key_prefix == created.secret[:8]
    assert stored.name == "laptop"
    assert created.secret not in repr(stored)


async def test_a_user_has_at_most_ten_usable_keys() -> None:
    world = World()
    store, alice = world.keys, await world.user()
    manage = world.manage(store)
    soon = world.clock.now + timedelta(hours=1)
    expiring = await manage.create(alice, "short", ["read"], expires_at=soon)
    made = [await manage.create(alice, f"k{n}", ["read"]) for n in range(9)]
    with pytest.raises(Conflict):
        await manage.create(alice, "eleventh", ["read"])
    await manage.revoke(alice, made[0].key.id)
    await manage.create(alice, "after a revoke", ["read"])
    world.clock.now = soon  # an expired key no longer counts
    await manage.create(alice, "after an expiry", ["read"])
    assert expiring.key.id in store.api_keys.keys


async def test_a_past_expiry_or_a_naive_time_is_refused() -> None:
    world = World()
    store, alice = world.keys, await world.user()
    with pytest.raises(InvalidInput):
        await world.manage(store).create(alice, "k", ["read"], expires_at=world.clock.now)
    naive = datetime(2030, 1, 1)  # no time zone
    with pytest.raises(InvalidInput):
        await world.manage(store).create(alice, "k", ["read"], expires_at=naive)


async def test_another_users_key_is_not_found() -> None:
    world = World()
    store = world.keys
    alice, bob = await world.user("alice"), await world.user("bob")
    created = await world.manage(store).create(alice, "k", ["write"])
    with pytest.raises(NotFound):
        await world.manage(store).get(bob, created.key.id)
    with pytest.raises(NotFound):
        await world.manage(store).revoke(bob, created.key.id)
    assert [k.id for k in await world.manage(store).list(bob)] == []


async def test_a_key_authenticates_its_owner_narrowed_to_its_scope() -> None:
    world = World()
    store, alice = world.keys, await world.user()
    created = await world.manage(store).create(alice, "k", ["read"])
    principal = await world.authenticate(store)(created.secret)
    assert principal.user_id == alice.user_id
    assert principal.method is AuthMethod.API_KEY
    assert principal.session_id is None
    assert principal.can("movies:list")
    assert not principal.can("profile:update")
    assert world.uses.uses == [(created.key.id, world.clock.now)]


async def test_a_key_never_grants_more_than_its_owners_role() -> None:
    world = World()
    store, guest = world.keys, await world.user("gus", GUEST)
    created = await world.manage(store).create(guest, "k", ["admin"])
    principal = await world.authenticate(store)(created.secret)
    assert not principal.can("users:list")


async def test_unknown_expired_and_revoked_keys_are_refused() -> None:
    world = World()
    store, alice = world.keys, await world.user()
    authenticate = world.authenticate(store)
    with pytest.raises(Unauthenticated):
        await authenticate(new_secret())
    soon = world.clock.now + timedelta(minutes=5)
    expiring = await world.manage(store).create(alice, "k", ["read"], expires_at=soon)
    await authenticate(expiring.secret)  # cached now
    world.clock.now = soon
    with pytest.raises(Unauthenticated):
        await authenticate(expiring.secret)


async def test_revoking_a_key_drops_its_cached_validation_at_once() -> None:
    world = World()
    store, alice = world.keys, await world.user()
    created = await world.manage(store).create(alice, "k", ["write"])
    authenticate = world.authenticate(store)
    await authenticate(created.secret)
    await authenticate(created.secret)
    assert world.cache.loads == 1  # the second request was answered from the cache
    await world.manage(store).revoke(alice, created.key.id)
    with pytest.raises(Unauthenticated):
        await authenticate(created.secret)
