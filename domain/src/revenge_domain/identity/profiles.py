"""Use cases of profiles: the caller's own profile, preferences and avatar; users by id; the
admin's list and delete."""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from revenge_domain.activity import Actions, ActivityEvent
from revenge_domain.errors import Conflict, InvalidInput, NotFound
from revenge_domain.identity.access import Principal
from revenge_domain.identity.account_ports import (
    Avatar,
    AvatarFiles,
    AvatarImages,
    Profile,
    ProfileChanges,
    UserQuery,
)
from revenge_domain.identity.issuing import Clock, utc_now
from revenge_domain.identity.recovery import AccountUnits, SendVerification
from revenge_domain.identity.user import check_email
from revenge_domain.ports.catalog_changes import CatalogChanges, Entity, NoCatalogChanges

DISPLAY_NAME_MAX_LENGTH = 255
USER_DELETED = "account deleted"

PREFERENCE_DEFAULTS: Mapping[str, Any] = {
    "email_notifications": {"enabled": True, "frequency": "instant"},
    "push_notifications": {"enabled": False},
    "digest_notifications": {"enabled": True, "frequency": "weekly"},
    "profile_visibility": "private",
    "show_email": False,
    "show_activity": True,
    "theme": "system",
    "display_language": "en-US",
    "content_language": None,
    "metadata_language": "en",
    "show_adult_content": False,
    "show_spoilers": False,
    "auto_play_videos": True,
}
# Beyond what the request schema already checks: the lengths the columns hold.
_TEXT_LIMITS = {"display_language": 10, "content_language": 255, "metadata_language": 10}


def _invalid(field: str, reason: str) -> InvalidInput:
    return InvalidInput(f"{field} {reason}", {"field": field, "reason": reason})


def check_changes(changes: ProfileChanges) -> ProfileChanges:
    """Return the changes if every given field is acceptable; else raise InvalidInput."""
    if changes.email is not None:
        check_email(changes.email)
    if changes.display_name is not None and len(changes.display_name) > DISPLAY_NAME_MAX_LENGTH:
        raise _invalid("display_name", f"must be at most {DISPLAY_NAME_MAX_LENGTH} characters")
    if changes.timezone is not None:
        try:
            zoneinfo.ZoneInfo(changes.timezone)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            raise _invalid("timezone", "must be an IANA time zone such as Europe/Berlin") from None
    return changes


def merged_preferences(
    stored: Mapping[str, Any] | None, changes: Mapping[str, Any]
) -> dict[str, Any]:
    """The stored preferences (or the defaults) with `changes` applied; unknown keys refused."""
    unknown = sorted(set(changes) - set(PREFERENCE_DEFAULTS))
    if unknown:
        raise _invalid(unknown[0], "is not a preference")
    for field, limit in _TEXT_LIMITS.items():
        value = changes.get(field)
        if isinstance(value, str) and len(value) > limit:
            raise _invalid(field, f"must be at most {limit} characters")
    merged = dict(PREFERENCE_DEFAULTS) | dict(stored or {})
    for name in ("email_notifications", "push_notifications", "digest_notifications"):
        if name in changes:
            merged[name] = {**merged[name], **changes[name]}
    merged.update({k: v for k, v in changes.items() if not k.endswith("_notifications")})
    return merged


@attrs.define
class Profiles:
    """The caller's own profile and preferences, and other users' profiles by id."""

    units: AccountUnits
    verification: SendVerification | None = None
    clock: Clock = utc_now
    # Told of every account change (the search index's users follow it).
    changes: CatalogChanges = attrs.Factory(NoCatalogChanges)

    async def me(self, principal: Principal) -> Profile:
        async with self.units() as unit:
            profile = await unit.profiles.get(principal.user_id)
        if profile is None:
            raise NotFound("user not found")
        return profile

    async def update_me(self, principal: Principal, changes: ProfileChanges) -> Profile:
        """Change the caller's fields; a new email is unverified until its link is opened."""
        check_changes(changes)
        old_email = (await self.me(principal)).user.email
        async with self.units() as unit:
            await unit.profiles.update(principal.user_id, changes, self.clock())
            await unit.commit()
        await self.changes.changed(Entity.USER, [principal.user_id])
        after = await self.me(principal)
        if self.verification is not None and after.user.email != old_email:
            await self.verification(after.user)
        return after

    async def get(self, principal: Principal, user_id: uuid.UUID) -> Profile:
        """Own profile and callers allowed `users:get` always; others only public profiles.
        A hidden profile is "not found", so its existence does not leak."""
        async with self.units() as unit:
            profile = await unit.profiles.get(user_id)
            stored = await unit.preferences.get(user_id)
        visible = user_id == principal.user_id or principal.can("users:get")
        if not visible and profile is not None:
            visible = merged_preferences(stored, {})["profile_visibility"] == "public"
        if profile is None or not visible:
            raise NotFound("user not found", {"user_id": str(user_id)})
        return profile

    async def preferences(self, principal: Principal) -> dict[str, Any]:
        async with self.units() as unit:
            stored = await unit.preferences.get(principal.user_id)
        return merged_preferences(stored, {})

    async def update_preferences(
        self, principal: Principal, changes: Mapping[str, Any]
    ) -> dict[str, Any]:
        async with self.units() as unit:
            merged = merged_preferences(await unit.preferences.get(principal.user_id), changes)
            await unit.preferences.save(principal.user_id, merged, self.clock())
            await unit.commit()
        # The catalogue language follows the saved preference.
        await self.changes.changed(Entity.USER, [principal.user_id])
        return merged


@attrs.define
class UploadAvatar:
    """Check and re-encode an uploaded image, store it as a new version of the caller's
    avatar and point the profile at it."""

    units: AccountUnits
    images: AvatarImages
    files: AvatarFiles
    public_url: str
    clock: Clock = utc_now
    # Told of every account change (the search index's users follow it).
    changes: CatalogChanges = attrs.Factory(NoCatalogChanges)

    async def __call__(self, principal: Principal, data: bytes) -> Avatar:
        image = await self.images.normalise(data)
        user_id = principal.user_id
        async with self.units() as unit:
            version = await unit.avatars.latest_version(user_id) + 1
            path = f"{user_id}/{version}.{image.extension}"
            await self.files.write(path, image.content)
            now = self.clock()
            avatar = Avatar(
                id=uuid.uuid4(),
                user_id=user_id,
                file_path=path,
                file_size_bytes=len(image.content),
                mime_type=image.mime_type,
                width=image.width,
                height=image.height,
                version=version,
                uploaded_at=now,
            )
            await unit.avatars.replace_current(avatar)
            await unit.profiles.set_avatar_url(user_id, self.url_of(avatar), now)
            await unit.commit()
        await self.changes.changed(Entity.USER, [user_id])
        return avatar

    def url_of(self, avatar: Avatar) -> str:
        base = self.public_url.rstrip("/")
        return f"{base}/api/v1/users/{avatar.user_id}/avatar?v={avatar.version}"

    async def current(self, user_id: uuid.UUID) -> tuple[Avatar, bytes]:
        """The user's current avatar and its bytes; NotFound when there is none."""
        async with self.units() as unit:
            avatar = await unit.avatars.current(user_id)
        if avatar is None:
            raise NotFound("this user has no avatar", {"user_id": str(user_id)})
        return avatar, await self.files.read(avatar.file_path)


@attrs.define
class AdminUsers:
    """Every account, searched and paginated; and deleting one."""

    units: AccountUnits
    clock: Clock = utc_now
    # Told of every account change (the search index's users follow it).
    changes: CatalogChanges = attrs.Factory(NoCatalogChanges)

    async def search(self, query: UserQuery) -> tuple[list[Profile], int]:
        async with self.units() as unit:
            return await unit.profiles.search(query)

    async def delete(self, principal: Principal, user_id: uuid.UUID) -> None:
        """Soft-delete the account and end its sessions. Admins cannot delete themselves."""
        if user_id == principal.user_id:
            raise Conflict("you cannot delete your own account", {"user_id": str(user_id)})
        async with self.units() as unit:
            now: datetime = self.clock()
            if not await unit.profiles.soft_delete(user_id, now):
                raise NotFound("user not found", {"user_id": str(user_id)})
            await unit.sessions.revoke_all(user_id, now, USER_DELETED)
            await unit.activity.add(
                ActivityEvent(
                    Actions.USER_DELETE,
                    user_id=principal.user_id,
                    username=principal.username,
                    resource_type="user",
                    resource_id=user_id,
                )
            )
            await unit.commit()
        await self.changes.removed(Entity.USER, [user_id])
