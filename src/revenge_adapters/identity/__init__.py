"""Identity adapters: Argon2id password hashing and the PostgreSQL user repository."""

from revenge_adapters.identity.password import Argon2PasswordHasher
from revenge_adapters.identity.users import PgUserRepository

__all__ = ["Argon2PasswordHasher", "PgUserRepository"]
