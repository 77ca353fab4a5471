"""OIDC sign-in rules against in-memory ports: which account a provider identity signs in,
what a first sign-in creates, linking, unlinking, and the provider settings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from revenge_domain.errors import Conflict, InvalidInput, PermissionDenied
from revenge_domain.identity import ADMIN, USER, AuthRules, ClientInfo, Login, SignedIn, User
from revenge_domain.oidc import OidcProvider, OidcProviders, OidcSignIn
from revenge_domain.oidc.admin import secret_context
from revenge_domain.ports.catalog_changes import Entity
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.fakes.identity import FakeIdentityStore, FakePasswordHasher, FakeTokenSigner
from tests.unit.fakes.oidc import ContextCipher, FakeAuthRequests, FakeOidcClient, FakeOidcStore

NOW = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
HOME = ClientInfo("192.0.2.1", "test-agent")
ISSUER = "https://idp.example"


# Long enough that random ciphertext bytes cannot hold it by chance (two letters could).
SECRET = "client-secret-of-the-test-provider"


def clock() -> datetime:
    return NOW


@attrs.define
class World:
    store: FakeOidcStore = attrs.Factory(FakeOidcStore)
    client: FakeOidcClient = attrs.Factory(FakeOidcClient)
    requests: FakeAuthRequests = attrs.Factory(FakeAuthRequests)
    changes: RecordedChanges = attrs.Factory(RecordedChanges)
    cipher: ContextCipher = attrs.Factory(ContextCipher)

    @property
    def admin(self) -> OidcProviders:
        return OidcProviders(self.store, self.cipher, clock)

    @property
    def sign_in(self) -> OidcSignIn:
        identity = FakeIdentityStore()
        identity.users = self.store.users
        identity.roles = self.store.roles
        login = Login(identity, FakePasswordHasher(), FakeTokenSigner(clock), AuthRules(), clock)
        return OidcSignIn(
            self.store,
            self.client,
            self.requests,
            self.cipher,
            login,
            lambda name: f"https://revenge.example/api/v1/oidc/callback/{name}",
            origins=("https://revenge.example",),
            clock=clock,
            changes=self.changes,
        )

    async def provider(self, **fields: Any) -> OidcProvider:
        settings = {"display_name": "IdP", "issuer_url": ISSUER, "client_id": "rv", **fields}
        return await self.admin.create(
            f"idp{len(self.store.providers.providers)}", SECRET, settings, None
        )

    async def callback(self, name: str, **claims: Any) -> Any:
        self.client.claims = {"sub": "sub-1", "email": "pat@example.com", **claims}
        await self.sign_in.authorize(name)
        state = next(iter(self.requests.requests))
        return (await self.sign_in.callback(name, "code", state, HOME)).outcome


def account(name: str, password_hash: str = "$fake1$pw") -> User:
    return User.new(name, f"{name}@example.com", password_hash, NOW)


async def test_the_client_secret_is_kept_encrypted_for_its_provider() -> None:
    world = World()
    provider = await world.provider()
    assert SECRET.encode() not in provider.client_secret_encrypted
    plain = world.cipher.decrypt(provider.client_secret_encrypted, secret_context(provider.id))
    assert plain == SECRET.encode()
    await world.callback(provider.name, preferred_username="pat")
    assert world.client.secrets_seen == [SECRET]


async def test_only_one_provider_is_the_default() -> None:
    world = World()
    first = await world.provider(is_default=True)
    second = await world.provider()
    await world.admin.make_default(second.id, None)
    assert (await world.admin.get(first.id)).is_default is False
    assert (await world.admin.get(second.id)).is_default is True


async def test_a_first_sign_in_creates_a_user_and_reports_it() -> None:
    world = World()
    provider = await world.provider()
    outcome = await world.callback(provider.name, preferred_username="pat", email_verified=True)
    assert isinstance(outcome, SignedIn)
    user = outcome.user
    assert (user.username, user.email, user.email_verified) == ("pat", "pat@example.com", True)
    assert user.password_hash == ""
    assert await world.store.roles.roles_of(user.id) == {USER}
    assert world.changes.reports == [("changed", Entity.USER, [user.id])]


async def test_mapped_roles_and_a_taken_username() -> None:
    world = World()
    await world.store.users.add(account("pat"))
    provider = await world.provider(role_mappings={"media-admins": ADMIN})
    outcome = await world.callback(
        provider.name, preferred_username="pat", email="p@idp.example", groups=["media-admins"]
    )
    assert outcome.user.username.startswith("pat-")
    assert await world.store.roles.roles_of(outcome.user.id) == {ADMIN}


async def test_an_email_signs_in_its_account_only_when_verified() -> None:
    world = World()
    existing = account("pat")
    await world.store.users.add(existing)
    provider = await world.provider()
    with pytest.raises(Conflict):
        await world.callback(provider.name, email="pat@example.com", email_verified=False)
    outcome = await world.callback(provider.name, email="pat@example.com", email_verified=True)
    assert outcome.user.id == existing.id
    again = await world.callback(provider.name, email="changed@example.com")
    assert again.user.id == existing.id


async def test_without_auto_creation_unknown_identities_are_refused() -> None:
    world = World()
    provider = await world.provider(auto_create_users=False)
    with pytest.raises(PermissionDenied):
        await world.callback(provider.name)


async def test_the_last_way_to_sign_in_stays_linked() -> None:
    world = World()
    provider = await world.provider()
    outcome = await world.callback(provider.name, preferred_username="pat")
    with pytest.raises(Conflict):
        await world.sign_in.unlink(outcome.user.id, provider.name, HOME)
    outcome.user.password_hash = "$fake1$pw"
    await world.sign_in.unlink(outcome.user.id, provider.name, HOME)
    assert await world.sign_in.links_of(outcome.user.id) == []


async def test_linking_an_identity_linked_to_someone_else_is_refused() -> None:
    world = World()
    provider = await world.provider()
    await world.callback(provider.name, preferred_username="pat")
    other = account("sam")
    await world.store.users.add(other)
    world.client.claims = {"sub": "sub-1"}
    await world.sign_in.authorize(provider.name, user_id=other.id)
    state = next(iter(world.requests.requests))
    with pytest.raises(Conflict):
        await world.sign_in.callback(provider.name, "code", state, HOME)


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil"])
async def test_return_addresses_stay_on_this_server(target: str) -> None:
    world = World()
    provider = await world.provider()
    with pytest.raises(InvalidInput):
        await world.sign_in.authorize(provider.name, target)
    await world.sign_in.authorize(provider.name, "https://revenge.example/home")
    await world.sign_in.authorize(provider.name, "/home")


async def test_a_state_works_once() -> None:
    world = World()
    provider = await world.provider()
    world.client.claims = {"sub": "sub-1", "email": "pat@example.com"}
    await world.sign_in.authorize(provider.name)
    state = next(iter(world.requests.requests))
    await world.sign_in.callback(provider.name, "code", state, HOME)
    with pytest.raises(InvalidInput):
        await world.sign_in.callback(provider.name, "code", state, HOME)


@pytest.mark.parametrize(
    ("field", "url"),
    [
        ("issuer_url", "https://idp.example\x00/"),
        ("issuer_url", "https://idp example"),
        ("issuer_url", "file:///etc/passwd"),
        ("jwks_uri", "https:///keys"),
        ("token_endpoint", "javascript:alert(1)"),
    ],
)
async def test_provider_urls_must_be_plain_http_urls(field: str, url: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        await World().provider(**{field: url})
    assert refused.value.details["field"] == field


async def test_provider_urls_follow_the_given_rule() -> None:
    world = World()
    admin = attrs.evolve(world.admin, url_rule=lambda url: "closed" if "10." in url else None)
    provider = await world.provider()
    with pytest.raises(InvalidInput, match="issuer_url: closed"):
        await admin.update(provider.id, {"issuer_url": "https://10.0.0.1"}, None)
    await admin.update(provider.id, {"issuer_url": "https://idp2.example"}, None)
