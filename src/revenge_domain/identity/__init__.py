"""Identity: user accounts, their credentials and the use cases that manage them."""

from revenge_domain.identity.create_admin import CreateAdmin
from revenge_domain.identity.ports import PasswordHasher, UserRepository
from revenge_domain.identity.user import (
    PASSWORD_MIN_LENGTH,
    USERNAME_MAX_LENGTH,
    USERNAME_MIN_LENGTH,
    User,
    check_email,
    check_password,
    check_username,
)

__all__ = [
    "PASSWORD_MIN_LENGTH",
    "USERNAME_MAX_LENGTH",
    "USERNAME_MIN_LENGTH",
    "CreateAdmin",
    "PasswordHasher",
    "User",
    "UserRepository",
    "check_email",
    "check_password",
    "check_username",
]
