"""What the identity handlers read from the app: sign-up, sign-in, sessions, keys, roles,
second factors, recovery and profiles."""

from __future__ import annotations

import attrs
from aiohttp import web

from revenge_domain.identity import (
    ChangePassword,
    Login,
    Logout,
    RefreshSession,
    Register,
    SessionsOfUser,
)
from revenge_domain.identity.api_key_cases import ApiKeysOfUser
from revenge_domain.identity.profiles import AdminUsers, Profiles, UploadAvatar
from revenge_domain.identity.rbac import RoleAdministration
from revenge_domain.identity.recovery import (
    ForgotPassword,
    ResetPassword,
    SendVerification,
    VerifyEmail,
)
from revenge_domain.mfa.account import MfaAccount
from revenge_domain.mfa.login import SignInWithSecondFactor
from revenge_domain.mfa.webauthn import (
    WebAuthnCredentialsOfUser,
    WebAuthnLogin,
    WebAuthnRegistration,
)


@attrs.frozen
class Identity:
    register: Register
    login: Login
    # Sign-in goes through it, so accounts that require MFA get a pending sign-in.
    second_factor: SignInWithSecondFactor
    change_password: ChangePassword
    refresh: RefreshSession
    logout: Logout
    sessions: SessionsOfUser
    api_keys: ApiKeysOfUser
    rbac: RoleAdministration
    mfa: MfaAccount
    webauthn_registration: WebAuthnRegistration
    webauthn_login: WebAuthnLogin
    webauthn_credentials: WebAuthnCredentialsOfUser
    send_verification: SendVerification
    verify_email: VerifyEmail
    forgot_password: ForgotPassword
    reset_password: ResetPassword
    profiles: Profiles
    upload_avatar: UploadAvatar
    admin_users: AdminUsers


IDENTITY = web.AppKey("identity", Identity)


def identity_of(request: web.Request) -> Identity:
    return request.app[IDENTITY]
