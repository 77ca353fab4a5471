"""The user account entity and the rules its fields obey."""

from __future__ import annotations

import re
from datetime import datetime
from uuid import UUID, uuid4

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.identity.common_passwords import is_common

USERNAME_MIN_LENGTH = 3
USERNAME_MAX_LENGTH = 30
EMAIL_MAX_LENGTH = 255
PASSWORD_MIN_LENGTH = 8

_USERNAME = re.compile(r"[a-zA-Z0-9_-]+")
# Deliberately loose: one "@", no spaces, a dot in the domain. Real proof comes from verification.
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


@attrs.define
class User:
    id: UUID
    username: str
    email: str
    password_hash: str = attrs.field(repr=False)
    created_at: datetime
    updated_at: datetime
    display_name: str | None = None
    locale: str = "en-US"
    timezone: str = "UTC"
    is_active: bool = True
    is_admin: bool = False
    email_verified: bool = False
    last_login_at: datetime | None = None
    deleted_at: datetime | None = None

    @classmethod
    def new(
        cls,
        username: str,
        email: str,
        password_hash: str,
        now: datetime,
        display_name: str | None = None,
        is_admin: bool = False,
    ) -> User:
        """A fresh, active account with a new id."""
        return cls(
            id=uuid4(),
            username=username,
            email=email,
            password_hash=password_hash,
            created_at=now,
            updated_at=now,
            display_name=display_name,
            is_admin=is_admin,
        )

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def check_username(username: str) -> str:
    """Return the username if it is 3-30 letters, digits, `_` or `-`; else raise InvalidInput."""
    if not USERNAME_MIN_LENGTH <= len(username) <= USERNAME_MAX_LENGTH:
        raise _invalid(
            "username",
            f"must be {USERNAME_MIN_LENGTH} to {USERNAME_MAX_LENGTH} characters long",
        )
    if not _USERNAME.fullmatch(username):
        raise _invalid("username", "may contain only letters, digits, '_' and '-'")
    return username


def check_email(email: str) -> str:
    """Return the email if it looks like an address; else raise InvalidInput."""
    if len(email) > EMAIL_MAX_LENGTH:
        raise _invalid("email", f"must be at most {EMAIL_MAX_LENGTH} characters long")
    if not _EMAIL.fullmatch(email):
        raise _invalid("email", "must be an email address like name@example.com")
    return email


def check_password(password: str) -> str:
    """Return the password if it is long enough and not a common one; else raise InvalidInput.
    No rules on which kinds of characters it holds (NIST SP 800-63B)."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise _invalid("password", f"must be at least {PASSWORD_MIN_LENGTH} characters long")
    if is_common(password):
        raise _invalid("password", "is one of the most common passwords; choose another")
    return password


def _invalid(field: str, reason: str) -> InvalidInput:
    return InvalidInput(f"{field} {reason}", {"field": field, "reason": reason})
