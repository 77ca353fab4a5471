"""Identity: user accounts, their credentials, sessions, and who may do what."""

from revenge_domain.identity.access import (
    ADMIN,
    GUEST,
    MODERATOR,
    USER,
    AuthMethod,
    DefaultPermissionPolicy,
    PermissionPolicy,
    Principal,
)
from revenge_domain.identity.accounts import ChangePassword, Login, Register, SignedIn
from revenge_domain.identity.create_admin import CreateAdmin
from revenge_domain.identity.lockout import Lockout
from revenge_domain.identity.ports import (
    IdentityUnit,
    LoginAttempts,
    PasswordHasher,
    RoleRepository,
    SessionRepository,
    TokenSigner,
    UserRepository,
)
from revenge_domain.identity.rules import AuthRules
from revenge_domain.identity.session import (
    AccessClaims,
    ClientInfo,
    IssuedTokens,
    RefreshTokenRecord,
    Session,
    hash_token,
)
from revenge_domain.identity.session_control import (
    Authenticate,
    Logout,
    RefreshSession,
    SessionsOfUser,
)
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
    "ADMIN",
    "GUEST",
    "MODERATOR",
    "PASSWORD_MIN_LENGTH",
    "USER",
    "USERNAME_MAX_LENGTH",
    "USERNAME_MIN_LENGTH",
    "AccessClaims",
    "AuthMethod",
    "AuthRules",
    "Authenticate",
    "ChangePassword",
    "ClientInfo",
    "CreateAdmin",
    "DefaultPermissionPolicy",
    "IdentityUnit",
    "IssuedTokens",
    "Lockout",
    "Login",
    "LoginAttempts",
    "Logout",
    "PasswordHasher",
    "PermissionPolicy",
    "Principal",
    "RefreshSession",
    "RefreshTokenRecord",
    "Register",
    "RoleRepository",
    "Session",
    "SessionRepository",
    "SessionsOfUser",
    "SignedIn",
    "TokenSigner",
    "User",
    "UserRepository",
    "check_email",
    "check_password",
    "check_username",
    "hash_token",
]
