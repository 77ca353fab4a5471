"""Profile rules: visibility, preference merging, email changes, avatar versions, admin delete."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from revenge_domain.errors import Conflict, InvalidInput, NotFound
from revenge_domain.identity import AuthMethod, Principal, User
from revenge_domain.identity.account_ports import EncodedImage, ProfileChanges
from revenge_domain.identity.profiles import AdminUsers, Profiles, UploadAvatar
from revenge_domain.identity.recovery import RecoveryRules, SendVerification
from tests.unit.fakes.accounts import FakeAccountStore, InMemoryEmailSender

NOW = datetime(2026, 1, 2, tzinfo=UTC)


def add_user(store: FakeAccountStore, name: str) -> User:
    user = User(uuid.uuid4(), name, f"{name}@example.com", "$fake1$x", NOW, NOW)
    store.users.users[user.id] = user
    return user


def principal(user: User, *permissions: str) -> Principal:
    return Principal(
        user.id, user.username, frozenset(), frozenset(permissions), None, AuthMethod.BEARER
    )


class OnePixelImages:
    async def normalise(self, data: bytes) -> EncodedImage:
        if not data:
            raise InvalidInput("file is empty", {"field": "file"})
        return EncodedImage(b"png", "image/png", "png", 1, 1)


class MemoryFiles:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    async def write(self, relative_path: str, content: bytes) -> None:
        self.files[relative_path] = content

    async def read(self, relative_path: str) -> bytes:
        return self.files[relative_path]


async def test_a_private_profile_is_not_found_for_others_but_shown_to_its_owner() -> None:
    store = FakeAccountStore()
    owner, other = add_user(store, "owner"), add_user(store, "other")
    profiles = Profiles(store)
    assert (await profiles.get(principal(owner), owner.id)).user is owner
    with pytest.raises(NotFound):
        await profiles.get(principal(other), owner.id)
    assert (await profiles.get(principal(other, "users:get"), owner.id)).user is owner
    await profiles.update_preferences(principal(owner), {"profile_visibility": "public"})
    assert (await profiles.get(principal(other), owner.id)).user is owner


async def test_preferences_merge_notification_objects_and_refuse_unknown_keys() -> None:
    store = FakeAccountStore()
    me = principal(add_user(store, "ada"))
    profiles = Profiles(store)
    merged = await profiles.update_preferences(me, {"push_notifications": {"enabled": True}})
    assert merged["push_notifications"] == {"enabled": True}
    assert merged["digest_notifications"] == {"enabled": True, "frequency": "weekly"}
    with pytest.raises(InvalidInput):
        await profiles.update_preferences(me, {"favourite_colour": "blue"})


async def test_a_new_email_is_unverified_and_gets_a_verification_link() -> None:
    store, mail = FakeAccountStore(), InMemoryEmailSender()
    user = add_user(store, "ada")
    user.email_verified = True
    verification = SendVerification(store, mail, RecoveryRules("http://localhost:8096"))
    profiles = Profiles(store, verification)
    await profiles.update_me(principal(user), ProfileChanges(email="new@example.com"))
    assert not user.email_verified
    assert [m.to for m in mail.sent] == ["new@example.com"]
    with pytest.raises(InvalidInput):
        await profiles.update_me(principal(user), ProfileChanges(timezone="Nowhere/Special"))


async def test_each_avatar_upload_is_a_new_current_version() -> None:
    store, files = FakeAccountStore(), MemoryFiles()
    user = add_user(store, "ada")
    upload = UploadAvatar(store, OnePixelImages(), files, "http://media.example.com/")
    await upload(principal(user), b"first")
    second = await upload(principal(user), b"second")
    assert second.version == 2
    assert (await upload.current(user.id))[0] == second
    assert store.profiles.avatar_urls[user.id].endswith(f"/users/{user.id}/avatar?v=2")
    assert sorted(files.files) == [f"{user.id}/1.png", f"{user.id}/2.png"]


async def test_admins_delete_others_but_not_themselves() -> None:
    store = FakeAccountStore()
    admin, victim = add_user(store, "admin"), add_user(store, "victim")
    admin_users = AdminUsers(store)
    with pytest.raises(Conflict):
        await admin_users.delete(principal(admin), admin.id)
    await admin_users.delete(principal(admin), victim.id)
    assert victim.is_deleted
    assert not victim.is_active
    with pytest.raises(NotFound):
        await admin_users.delete(principal(admin), victim.id)
