"""API keys, role changes, MFA changes, deleted users and password resets are reported."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from revenge_domain.activity import Actions, ActivityEvent
from revenge_domain.errors import NotFound
from revenge_domain.identity import AuthMethod, Principal, User
from revenge_domain.identity.access import USER
from revenge_domain.identity.api_key_cases import ApiKeysOfUser
from revenge_domain.identity.profiles import AdminUsers
from revenge_domain.identity.rbac import RoleAdministration, StoredPermissionPolicy
from revenge_domain.identity.recovery import ForgotPassword, RecoveryRules, ResetPassword
from revenge_domain.mfa.account import MfaAccount
from revenge_domain.mfa.totp import code_at, secret_key
from tests.unit.fakes.accounts import FakeAccountStore, InMemoryEmailSender
from tests.unit.fakes.activity import KeptActivity
from tests.unit.fakes.api_keys import FakeApiKeyStore
from tests.unit.fakes.identity import FakeIdentityStore, FakePasswordHasher
from tests.unit.fakes.mfa import (
    FakeBackupCodes,
    FakeMfaSettings,
    FakeSecretCipher,
    FakeTotpSecrets,
    SteppingClock,
)
from tests.unit.fakes.rbac import FakeRbacStore
from tests.unit.fakes.uow import FakeUnitOfWork

NOW = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


def new_user(name: str) -> User:
    return User(uuid.uuid4(), name, f"{name}@example.com", "$fake1$old password", NOW, NOW)


def principal_of(user: User) -> Principal:
    return Principal(user.id, user.username, frozenset(), frozenset(), None, AuthMethod.BEARER)


def summary(events: list[ActivityEvent]) -> list[tuple[str, bool]]:
    assert all(event.is_security for event in events)
    return [(event.action, event.success) for event in events]


async def test_creating_and_revoking_an_api_key_is_recorded() -> None:
    identity = FakeIdentityStore()
    activity = identity.activity
    alice = new_user("alice")
    await identity.users.add(alice)
    keys = ApiKeysOfUser(FakeApiKeyStore(identity), clock=lambda: NOW)
    created = await keys.create(principal_of(alice), "backup script", ["read"])
    await keys.revoke(principal_of(alice), created.key.id)
    assert summary(activity.events) == [
        (Actions.APIKEY_CREATE, True),
        (Actions.APIKEY_REVOKE, True),
    ]
    assert {(e.user_id, e.resource_type, e.resource_id) for e in activity.events} == {
        (alice.id, "api_key", created.key.id)
    }


async def test_role_changes_are_recorded_with_who_made_them() -> None:
    store = FakeRbacStore()
    activity = store.activity
    rbac = RoleAdministration(store, StoredPermissionPolicy(store))
    admin, bob = new_user("admin"), new_user("bob")
    store.users.users[bob.id] = bob
    by = principal_of(admin)
    await rbac.create_role("editor", "", ["movies:list"], by=by)
    await rbac.set_permissions("editor", ["movies:get"], by=by)
    await rbac.add_policy("editor", "movies:update", by=by)
    await rbac.remove_policy("editor", "movies:update", by=by)
    await rbac.assign(bob.id, "editor", by=by)
    await rbac.unassign(bob.id, "editor", by=by)
    await rbac.delete_role("editor", by=by)
    assert summary(activity.events) == [
        (Actions.ROLE_CREATE, True),
        (Actions.ROLE_PERMISSIONS_CHANGE, True),
        (Actions.ROLE_PERMISSIONS_CHANGE, True),
        (Actions.ROLE_PERMISSIONS_CHANGE, True),
        (Actions.ROLE_ASSIGN, True),
        (Actions.ROLE_REVOKE, True),
        (Actions.ROLE_DELETE, True),
    ]
    assert {event.user_id for event in activity.events} == {admin.id}
    assigned = activity.events[4]
    assert (assigned.resource_type, assigned.resource_id) == ("user", bob.id)
    assert assigned.metadata == {"role": "editor"}
    assert activity.events[2].metadata == {"role": "editor", "granted": "movies:update"}


async def test_a_refused_role_change_records_nothing() -> None:
    store = FakeRbacStore()
    rbac = RoleAdministration(store, StoredPermissionPolicy(store))
    with pytest.raises(NotFound):
        await rbac.unassign(uuid.uuid4(), USER)
    assert store.activity.events == []


async def test_an_admin_deleting_a_user_is_recorded() -> None:
    store = FakeAccountStore()
    admin, victim = new_user("admin"), new_user("victim")
    store.users.users[victim.id] = victim
    await AdminUsers(store, lambda: NOW).delete(principal_of(admin), victim.id)
    (event,) = store.activity.events
    assert (event.action, event.success, event.user_id) == (Actions.USER_DELETE, True, admin.id)
    assert (event.resource_type, event.resource_id) == ("user", victim.id)


async def test_a_password_reset_is_recorded() -> None:
    store, mail = FakeAccountStore(), InMemoryEmailSender()
    ada = new_user("ada")
    store.users.users[ada.id] = ada
    await ForgotPassword(store, mail, RecoveryRules("https://media.example.com"), lambda: NOW)(
        ada.email
    )
    reset = ResetPassword(store, FakePasswordHasher(), lambda: NOW)
    await reset(mail.last_token_to(ada.email), "brand new password")
    (event,) = store.activity.events
    assert (event.action, event.success, event.user_id) == (Actions.PASSWORD_RESET, True, ada.id)


class FakeMfaUnit(FakeUnitOfWork):
    def __init__(self, store: FakeMfaStore) -> None:
        super().__init__(store.activity)
        self.totp, self.codes, self.settings = store.totp, store.codes, store.settings


class FakeMfaStore:
    def __init__(self) -> None:
        self.totp = FakeTotpSecrets()
        self.codes = FakeBackupCodes()
        self.settings = FakeMfaSettings()
        self.activity = KeptActivity()

    def __call__(self) -> FakeMfaUnit:
        return FakeMfaUnit(self)


async def test_mfa_changes_are_recorded() -> None:
    clock, store = SteppingClock(NOW), FakeMfaStore()
    activity = store.activity
    mfa = MfaAccount(store, FakeSecretCipher(), clock)
    user_id = uuid.uuid4()
    key = secret_key((await mfa.begin_totp_setup(user_id, "ann")).secret)
    assert await mfa.verify_totp(user_id, code_at(key, clock()))
    clock.advance(30)
    assert await mfa.verify_totp(user_id, code_at(key, clock()))  # already enabled: no event
    await mfa.generate_backup_codes(user_id)
    await mfa.require(user_id)
    await mfa.stop_requiring(user_id)
    await mfa.disable_totp(user_id, password_confirmed=True)
    assert summary(activity.events) == [
        (Actions.TOTP_ENABLE, True),
        (Actions.BACKUP_CODES_REGENERATE, True),
        (Actions.MFA_ENABLE, True),
        (Actions.MFA_DISABLE, True),
        (Actions.TOTP_DISABLE, True),
    ]
    assert {event.user_id for event in activity.events} == {user_id}
