"""In-memory account upkeep: one-time tokens, profiles over the fake users, and a mailbox."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from uuid import UUID

import attrs

from revenge_domain.identity.account_ports import (
    Avatar,
    OneTimeToken,
    Profile,
    ProfileChanges,
    TokenKind,
    UserQuery,
)
from revenge_domain.ports.email import EmailMessage
from tests.unit.fakes.identity import FakeIdentityStore, FakeIdentityUnit, FakeUserStore

_TOKEN = re.compile(r"token=([0-9a-f]+)")


class InMemoryEmailSender:
    """Keeps every message so tests can read the links in them."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    async def send(self, message: EmailMessage) -> None:
        self.sent.append(message)

    def last_token_to(self, address: str) -> str:
        """The token in the latest link sent to `address`."""
        message = next(m for m in reversed(self.sent) if m.to == address)
        found = _TOKEN.search(message.body)
        assert found is not None, "the message carries no token link"
        return found.group(1)


class FakeOneTimeTokens:
    def __init__(self) -> None:
        self.tokens: dict[tuple[TokenKind, str], OneTimeToken] = {}

    async def add(self, token: OneTimeToken) -> None:
        self.tokens[token.kind, token.token_hash] = token

    async def find(self, kind: TokenKind, token_hash: str) -> OneTimeToken | None:
        return self.tokens.get((kind, token_hash))

    async def claim(self, kind: TokenKind, token_hash: str, at: datetime) -> bool:
        token = self.tokens.get((kind, token_hash))
        if token is None or token.used_at is not None or token.expires_at <= at:
            return False
        self.tokens[kind, token_hash] = attrs.evolve(token, used_at=at)
        return True

    async def void_unused(self, kind: TokenKind, user_id: UUID, at: datetime) -> None:
        for key, token in list(self.tokens.items()):
            if key[0] is kind and token.user_id == user_id and token.used_at is None:
                self.tokens[key] = attrs.evolve(token, used_at=at)


class FakeProfiles:
    """Profiles read from and written to the fake user store."""

    def __init__(self, users: FakeUserStore) -> None:
        self._users = users
        self.avatar_urls: dict[UUID, str] = {}

    async def get(self, user_id: UUID) -> Profile | None:
        user = self._users.users.get(user_id)
        if user is None or user.is_deleted:
            return None
        return Profile(user, self.avatar_urls.get(user_id))

    async def update(self, user_id: UUID, changes: ProfileChanges, at: datetime) -> None:
        user = self._users.users[user_id]
        if changes.email is not None and changes.email.lower() != user.email.lower():
            user.email, user.email_verified = changes.email, False
        user.display_name = changes.display_name or user.display_name
        user.timezone = changes.timezone or user.timezone

    async def mark_email_verified(self, user_id: UUID, email: str, at: datetime) -> bool:
        user = self._users.users.get(user_id)
        if user is None or user.email.lower() != email.lower():
            return False
        user.email_verified = True
        return True

    async def set_avatar_url(self, user_id: UUID, url: str, at: datetime) -> None:
        self.avatar_urls[user_id] = url

    async def search(self, query: UserQuery) -> tuple[list[Profile], int]:
        raise NotImplementedError("searching is tested on PostgreSQL")

    async def soft_delete(self, user_id: UUID, at: datetime) -> bool:
        user = self._users.users.get(user_id)
        if user is None or user.is_deleted:
            return False
        user.deleted_at, user.is_active = at, False
        return True


class FakePreferences:
    def __init__(self) -> None:
        self.rows: dict[UUID, dict[str, Any]] = {}

    async def get(self, user_id: UUID) -> dict[str, Any] | None:
        return self.rows.get(user_id)

    async def save(self, user_id: UUID, values: dict[str, Any], at: datetime) -> None:
        self.rows[user_id] = dict(values)


class FakeAvatars:
    def __init__(self) -> None:
        self.avatars: list[Avatar] = []

    async def latest_version(self, user_id: UUID) -> int:
        return max((a.version for a in self.avatars if a.user_id == user_id), default=0)

    async def replace_current(self, avatar: Avatar) -> None:
        self.avatars = [
            attrs.evolve(a, is_current=False) if a.user_id == avatar.user_id else a
            for a in self.avatars
        ]
        self.avatars.append(avatar)

    async def current(self, user_id: UUID) -> Avatar | None:
        return next((a for a in self.avatars if a.user_id == user_id and a.is_current), None)


class FakeAccountUnit(FakeIdentityUnit):
    def __init__(self, store: FakeAccountStore) -> None:
        super().__init__(store)
        self.one_time_tokens = store.one_time_tokens
        self.profiles = store.profiles
        self.preferences = store.preferences
        self.avatars = store.avatars


class FakeAccountStore(FakeIdentityStore):
    def __init__(self) -> None:
        super().__init__()
        self.one_time_tokens = FakeOneTimeTokens()
        self.profiles = FakeProfiles(self.users)
        self.preferences = FakePreferences()
        self.avatars = FakeAvatars()

    def __call__(self) -> FakeAccountUnit:
        return FakeAccountUnit(self)
