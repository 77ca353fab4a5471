"""Values and ports of account upkeep: one-time tokens, profiles, preferences and avatars."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

import attrs

from revenge_domain.identity.ports import IdentityUnit
from revenge_domain.identity.user import User


class TokenKind(enum.Enum):
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a kind name
    EMAIL_VERIFICATION = "email_verification"


@attrs.frozen
class OneTimeToken:
    """A stored single-use token: only the SHA-256 of the secret is kept."""

    kind: TokenKind
    token_hash: str
    user_id: UUID
    email: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


@attrs.frozen
class Profile:
    """A user as others see it, with the address of the current avatar."""

    user: User
    avatar_url: str | None = None


@attrs.frozen
class ProfileChanges:
    email: str | None = None
    display_name: str | None = None
    timezone: str | None = None


@attrs.frozen
class UserQuery:
    """Admin search: text over username, email and display name, plus filters."""

    text: str | None = None
    is_active: bool | None = None
    is_admin: bool | None = None
    role: str | None = None
    limit: int = 50
    offset: int = 0


@attrs.frozen
class Avatar:
    id: UUID
    user_id: UUID
    file_path: str
    file_size_bytes: int
    mime_type: str
    width: int
    height: int
    version: int
    uploaded_at: datetime
    is_current: bool = True
    is_animated: bool = False


@attrs.frozen
class EncodedImage:
    """An image decoded and written again, so nothing but pixels survives from the upload."""

    content: bytes = attrs.field(repr=False)
    mime_type: str
    extension: str
    width: int
    height: int


class OneTimeTokens(Protocol):
    """Password reset and email verification tokens."""

    async def add(self, token: OneTimeToken) -> None: ...

    async def find(self, kind: TokenKind, token_hash: str) -> OneTimeToken | None: ...

    async def claim(self, kind: TokenKind, token_hash: str, at: datetime) -> bool:
        """Mark the token used if it is unused and unexpired at `at`; False otherwise. Atomic:
        of two concurrent claims only one succeeds."""
        ...

    async def void_unused(self, kind: TokenKind, user_id: UUID, at: datetime) -> None:
        """Mark every unused token of this kind of the user as used (so none works any more)."""
        ...


class ProfileRepository(Protocol):
    """The profile fields of users, and the admin's view of all of them."""

    async def get(self, user_id: UUID) -> Profile | None:
        """The live (not deleted) user with this id."""
        ...

    async def update(self, user_id: UUID, changes: ProfileChanges, at: datetime) -> None:
        """Apply the non-None fields; a new email clears the verified flag. Conflict when the
        email belongs to another account."""
        ...

    async def mark_email_verified(self, user_id: UUID, email: str, at: datetime) -> bool:
        """Mark verified if the user's email still is `email`; False otherwise."""
        ...

    async def set_avatar_url(self, user_id: UUID, url: str, at: datetime) -> None: ...

    async def search(self, query: UserQuery) -> tuple[list[Profile], int]:
        """One page of live users matching the query (newest first) and the total count."""
        ...

    async def soft_delete(self, user_id: UUID, at: datetime) -> bool:
        """Mark the user deleted and inactive; False if there is no live user with this id."""
        ...


class PreferenceRepository(Protocol):
    """One row of preferences per user, created with the defaults on first write."""

    async def get(self, user_id: UUID) -> dict[str, Any] | None: ...

    async def save(self, user_id: UUID, values: dict[str, Any], at: datetime) -> None:
        """Store every given field (insert or update)."""
        ...


class AvatarRepository(Protocol):
    async def latest_version(self, user_id: UUID) -> int:
        """The highest version any avatar of the user had; 0 when none."""
        ...

    async def replace_current(self, avatar: Avatar) -> None:
        """Store the avatar as the user's current one; the previous one stops being current."""
        ...

    async def current(self, user_id: UUID) -> Avatar | None: ...


class AvatarImages(Protocol):
    """Checks that bytes are a real image of an allowed type and encodes it afresh."""

    async def normalise(self, data: bytes) -> EncodedImage:
        """Raise InvalidInput when `data` is not an allowed, readable image."""
        ...


class AvatarFiles(Protocol):
    """Where avatar files live."""

    async def write(self, relative_path: str, content: bytes) -> None: ...

    async def read(self, relative_path: str) -> bytes:
        """Raise NotFound when the file is missing."""
        ...


class AccountUnit(IdentityUnit, Protocol):
    """The identity unit with the account upkeep repositories."""

    @property
    def one_time_tokens(self) -> OneTimeTokens: ...

    @property
    def profiles(self) -> ProfileRepository: ...

    @property
    def preferences(self) -> PreferenceRepository: ...

    @property
    def avatars(self) -> AvatarRepository: ...
