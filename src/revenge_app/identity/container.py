"""Accounts, sign-in, sessions, API keys, roles, second factors and recovery."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import attrs
from aiohttp import web
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.identity import (
    Argon2PasswordHasher,
    JwtTokenSigner,
    PgIdentityUnit,
    PgUserRepository,
)
from revenge_adapters.identity.api_keys import PgApiKeyUses
from revenge_adapters.identity.avatars import LocalAvatarFiles, PillowAvatarImages
from revenge_adapters.identity.profiles import PgAccountUnit
from revenge_adapters.identity.rbac import PgRbacUnit, stored_permission_policy
from revenge_adapters.mfa.pending import JwtPendingLoginSigner
from revenge_adapters.mfa.unit import PgMfaUnit
from revenge_adapters.mfa.webauthn import (
    PgWebAuthnUnit,
    PyWebAuthnCeremonies,
    RedisChallengeStore,
)
from revenge_adapters.postgres import SqlUnitOfWork
from revenge_app.config import Config
from revenge_app.http.state import Credentials
from revenge_domain.identity import (
    Authenticate,
    AuthRules,
    ChangePassword,
    CreateAdmin,
    Lockout,
    Login,
    Logout,
    PasswordHasher,
    RefreshSession,
    Register,
    SessionsOfUser,
)
from revenge_domain.identity.api_key_cases import ApiKeysOfUser, AuthenticateApiKey
from revenge_domain.identity.credential_cache import CredentialCache
from revenge_domain.identity.profiles import AdminUsers, Profiles, UploadAvatar
from revenge_domain.identity.rbac import RoleAdministration
from revenge_domain.identity.recovery import (
    ForgotPassword,
    RecoveryRules,
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
from revenge_domain.ports.catalog_changes import CatalogChanges


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


def auth_rules(config: Config) -> AuthRules:
    auth = config.auth
    return AuthRules(
        access_ttl_s=auth.access_ttl_s,
        refresh_ttl_s=auth.refresh_ttl_s,
        registration_enabled=auth.registration_enabled,
        lockout=Lockout(auth.lockout_threshold, auth.lockout_window_s),
    )


def relying_party(config: Config) -> tuple[str, tuple[str, ...]]:
    """WebAuthn relying party id and allowed origins: configured, else from the public URL."""
    public = urlsplit(config.server.effective_public_url())
    rp_id = config.auth.webauthn_rp_id or public.hostname or "localhost"
    origins = config.auth.webauthn_origins or (f"{public.scheme}://{public.netloc}",)
    return rp_id, tuple(origin.rstrip("/") for origin in origins)


def ceremonies(config: Config) -> PyWebAuthnCeremonies:
    rp_id, origins = relying_party(config)
    return PyWebAuthnCeremonies(rp_id, origins)


def avatar_files(config: Config) -> LocalAvatarFiles:
    return LocalAvatarFiles(Path(config.data_dir) / "avatars")


def public_url(config: Config) -> str:
    return config.server.effective_public_url()


def admin_creation(
    session_factory: async_sessionmaker[AsyncSession], hasher: PasswordHasher
) -> CreateAdmin:
    uow = SqlUnitOfWork(session_factory)
    return CreateAdmin(PgUserRepository(uow), hasher, uow)


async def api_key_uses(
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[PgApiKeyUses]:
    """Records when API keys are used (written in batches, flushed at shutdown)."""
    uses = PgApiKeyUses(session_factory)
    uses.start()
    yield uses
    await uses.close()


class IdentityContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    # Hears of account changes that touch the catalogue (search, caches).
    changes: providers.Dependency[CatalogChanges] = providers.Dependency()
    # Whether sign-up is open now (a server setting).
    registration_open: providers.Dependency[Callable[[], Awaitable[bool]]] = providers.Dependency()

    config = core.config
    hasher = providers.Singleton(Argon2PasswordHasher)
    signer = providers.Singleton(JwtTokenSigner, core.signing_secret)
    rules = providers.Singleton(auth_rules, config)
    credentials = providers.Singleton(CredentialCache, core.credentials_cache)
    units = providers.Singleton(partial, PgIdentityUnit, core.sessions, credentials)
    accounts = providers.Singleton(partial, PgAccountUnit, core.sessions, credentials)
    rbac_units = providers.Singleton(partial, PgRbacUnit, core.sessions)
    key_uses = providers.Resource(api_key_uses, core.sessions)
    # Grants loaded once, then kept fresh from the changes announced on the event bus.
    policy = providers.Resource(
        stored_permission_policy, core.sessions, core.credentials_cache, events=core.events
    )
    activity = core.activity_log

    authenticate = providers.Singleton(Authenticate, units, signer, policy, credentials=credentials)
    authenticate_api_key = providers.Singleton(
        AuthenticateApiKey, units, policy, credentials, key_uses
    )
    public = providers.Singleton(public_url, config)
    recovery = providers.Singleton(RecoveryRules, public)
    verification = providers.Singleton(SendVerification, accounts, core.email_sender, recovery)
    register = providers.Singleton(
        Register,
        units,
        hasher,
        rules,
        verification=verification,
        registration_open=registration_open,
        changes=changes,
    )
    login = providers.Singleton(Login, units, hasher, signer, rules, activity=activity)
    change_password = providers.Singleton(ChangePassword, units, hasher, activity=activity)
    refresh = providers.Singleton(RefreshSession, units, signer, rules)
    logout = providers.Singleton(Logout, units)
    sessions = providers.Singleton(SessionsOfUser, units)
    api_keys = providers.Singleton(ApiKeysOfUser, units, credentials)
    rbac = providers.Singleton(RoleAdministration, rbac_units, policy, credentials, changes=changes)
    mfa = providers.Singleton(
        MfaAccount,
        providers.Singleton(partial, PgMfaUnit, core.sessions),
        core.mfa_cipher,
    )
    second_factor = providers.Singleton(
        SignInWithSecondFactor,
        login,
        mfa,
        providers.Singleton(JwtPendingLoginSigner, core.signing_secret),
    )
    webauthn_units = providers.Singleton(partial, PgWebAuthnUnit, core.sessions)
    challenges = providers.Singleton(RedisChallengeStore, core.redis, core.key_prefix)
    webauthn_ceremonies = providers.Singleton(ceremonies, config)
    webauthn_registration = providers.Singleton(
        WebAuthnRegistration, webauthn_units, challenges, webauthn_ceremonies
    )
    webauthn_login = providers.Singleton(
        WebAuthnLogin,
        webauthn_units,
        providers.Singleton(partial, PgIdentityUnit, core.sessions),
        signer,
        rules,
        challenges,
        webauthn_ceremonies,
    )
    webauthn_credentials = providers.Singleton(WebAuthnCredentialsOfUser, webauthn_units)
    verify_email = providers.Singleton(VerifyEmail, accounts)
    forgot_password = providers.Singleton(ForgotPassword, accounts, core.email_sender, recovery)
    reset_password = providers.Singleton(ResetPassword, accounts, hasher)
    profiles = providers.Singleton(Profiles, accounts, verification, changes=changes)
    upload_avatar = providers.Singleton(
        UploadAvatar,
        accounts,
        providers.Singleton(PillowAvatarImages),
        providers.Singleton(avatar_files, config),
        public,
        changes=changes,
    )
    admin_users = providers.Singleton(AdminUsers, accounts, changes=changes)

    # `revenge create-admin`: one account in one transaction.
    create_admin = providers.Factory(admin_creation, core.sessions, hasher)

    credentials_check = providers.Singleton(
        Credentials, authenticate, authenticate_api_key, second_factor
    )
    services = providers.Singleton(
        Identity,
        register=register,
        login=login,
        second_factor=second_factor,
        change_password=change_password,
        refresh=refresh,
        logout=logout,
        sessions=sessions,
        api_keys=api_keys,
        rbac=rbac,
        mfa=mfa,
        webauthn_registration=webauthn_registration,
        webauthn_login=webauthn_login,
        webauthn_credentials=webauthn_credentials,
        send_verification=verification,
        verify_email=verify_email,
        forgot_password=forgot_password,
        reset_password=reset_password,
        profiles=profiles,
        upload_avatar=upload_avatar,
        admin_users=admin_users,
    )
