"""Identity adapters: Argon2id hashing, JWT access tokens and the PostgreSQL repositories."""

from revenge_adapters.identity.password import Argon2PasswordHasher
from revenge_adapters.identity.sessions import (
    PgLoginAttempts,
    PgRoleRepository,
    PgSessionRepository,
)
from revenge_adapters.identity.tokens import JwtTokenSigner
from revenge_adapters.identity.unit import PgIdentityUnit
from revenge_adapters.identity.users import PgUserRepository

__all__ = [
    "Argon2PasswordHasher",
    "JwtTokenSigner",
    "PgIdentityUnit",
    "PgLoginAttempts",
    "PgRoleRepository",
    "PgSessionRepository",
    "PgUserRepository",
]
