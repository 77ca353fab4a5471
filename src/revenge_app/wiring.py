"""How the use cases are built from adapters: one function per feature, used by the container."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import attrs
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.activity import PgActivityStore, stored_activity_log
from revenge_adapters.identity import PgIdentityUnit
from revenge_adapters.identity.avatars import LocalAvatarFiles, PillowAvatarImages
from revenge_adapters.identity.profiles import PgAccountUnit
from revenge_adapters.identity.rbac import PgRbacUnit
from revenge_adapters.libraries import LocalFolders, PgLibraryStore
from revenge_adapters.mfa import AesGcmSecretCipher, load_or_create_key
from revenge_adapters.mfa.pending import JwtPendingLoginSigner
from revenge_adapters.mfa.unit import PgMfaUnit
from revenge_adapters.mfa.webauthn import (
    PgWebAuthnUnit,
    PyWebAuthnCeremonies,
    RedisChallengeStore,
)
from revenge_adapters.movies import PgMovieCatalog, PgMovieWatchStore
from revenge_adapters.movies.search import PgMovieSearch
from revenge_adapters.settings import PgSettingsStore
from revenge_adapters.tvshows import (
    CachedTVCatalog,
    PgTVCatalog,
    PgViewingRecord,
    PgWatchState,
)
from revenge_adapters.tvshows.search import PgSeriesSearch
from revenge_app.config import Config
from revenge_app.http.state import UseCases
from revenge_domain.activity import NO_ACTIVITY, ActivityLog, ActivityQueries
from revenge_domain.identity import (
    Authenticate,
    AuthRules,
    ChangePassword,
    Lockout,
    Login,
    Logout,
    PasswordHasher,
    RefreshSession,
    Register,
    SessionsOfUser,
    TokenSigner,
)
from revenge_domain.identity.api_key_cases import ApiKeysOfUser, AuthenticateApiKey
from revenge_domain.identity.credential_cache import CredentialCache
from revenge_domain.identity.ports import ApiKeyUses
from revenge_domain.identity.profiles import AdminUsers, Profiles, UploadAvatar
from revenge_domain.identity.rbac import RoleAdministration, StoredPermissionPolicy
from revenge_domain.identity.recovery import (
    ForgotPassword,
    RecoveryRules,
    ResetPassword,
    SendVerification,
    VerifyEmail,
)
from revenge_domain.languages import CatalogLanguage, LanguagePreferences, NoPreferences
from revenge_domain.libraries import Libraries, LibraryAccess, LibraryPermissions
from revenge_domain.mfa import SecretCipher
from revenge_domain.mfa.account import MfaAccount
from revenge_domain.mfa.login import SignInWithSecondFactor
from revenge_domain.mfa.webauthn import (
    WebAuthnCredentialsOfUser,
    WebAuthnLogin,
    WebAuthnRegistration,
)
from revenge_domain.movies import (
    CachedMovieCatalog,
    CachedMovieWatchStore,
    MovieCatalogue,
    MovieWatching,
)
from revenge_domain.movies.search import MovieSearch
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.catalog_changes import CatalogChanges, NoCatalogChanges
from revenge_domain.ports.email import EmailSender
from revenge_domain.ports.events import EventBus
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.settings import ServerSettings, UserSettings
from revenge_domain.settings.known import REGISTRATION_ENABLED, SERVER_SETTINGS
from revenge_domain.tvshows import TVShows, TVViewing, TVWatching
from revenge_domain.tvshows.search import TVShowSearch

AUTH_SECRET_FILE = "auth-secret"  # noqa: S105 - a file name
MFA_KEY_FILE = "mfa-key"


def signing_secret(config: Config) -> str:
    """The configured secret, else one generated on first use and kept in the data directory."""
    return config.auth.jwt_secret or load_or_create_key(Path(config.data_dir) / AUTH_SECRET_FILE)


def auth_rules(config: Config) -> AuthRules:
    auth = config.auth
    return AuthRules(
        access_ttl_s=auth.access_ttl_s,
        refresh_ttl_s=auth.refresh_ttl_s,
        registration_enabled=auth.registration_enabled,
        lockout=Lockout(auth.lockout_threshold, auth.lockout_window_s),
    )


def identity_use_cases(
    session_factory: async_sessionmaker[AsyncSession],
    hasher: PasswordHasher,
    signer: TokenSigner,
    rules: AuthRules,
    credentials: Cache | None = None,
    key_uses: ApiKeyUses | None = None,
    policy: StoredPermissionPolicy | None = None,
) -> UseCases:
    """`credentials` caches validated sessions and API keys (none: every request asks the
    database); `key_uses` records when API keys are used."""
    cached = CredentialCache(credentials)
    units = partial(PgIdentityUnit, session_factory, cached)
    rbac_units = partial(PgRbacUnit, session_factory)
    # Without the kept-fresh resource, grants start as the built-in defaults and follow the
    # changes made through this server.
    policy = policy or StoredPermissionPolicy(rbac_units, credentials)
    return UseCases(
        authenticate=Authenticate(units, signer, policy, credentials=cached),
        register=Register(units, hasher, rules),
        login=Login(units, hasher, signer, rules),
        change_password=ChangePassword(units, hasher),
        refresh=RefreshSession(units, signer, rules),
        logout=Logout(units),
        sessions=SessionsOfUser(units),
        api_keys=ApiKeysOfUser(units, cached),
        authenticate_api_key=AuthenticateApiKey(units, policy, cached, key_uses),
        rbac=RoleAdministration(rbac_units, policy, cached),
    )


def with_accounts(
    use_cases: UseCases,
    session_factory: async_sessionmaker[AsyncSession],
    hasher: PasswordHasher,
    config: Config,
    sender: EmailSender,
    credentials: Cache | None = None,
    activity: ActivityLog = NO_ACTIVITY,
) -> UseCases:
    """`use_cases` plus verification and reset emails, profiles, avatars and the admin's user
    list; registration then sends the verification email. Password resets and deleted users
    are reported to `activity`."""
    units = partial(PgAccountUnit, session_factory, CredentialCache(credentials))
    public_url = config.server.effective_public_url()
    verification = SendVerification(units, sender, RecoveryRules(public_url))
    register = use_cases.register
    if register is not None:
        register = attrs.evolve(register, verification=verification)
    files = LocalAvatarFiles(Path(config.data_dir) / "avatars")
    return attrs.evolve(
        use_cases,
        register=register,
        send_verification=verification,
        verify_email=VerifyEmail(units),
        forgot_password=ForgotPassword(units, sender, RecoveryRules(public_url)),
        reset_password=ResetPassword(units, hasher, activity=activity),
        profiles=Profiles(units, verification),
        upload_avatar=UploadAvatar(units, PillowAvatarImages(), files, public_url),
        admin_users=AdminUsers(units, activity=activity),
    )


def with_settings_and_activity(
    use_cases: UseCases,
    session_factory: async_sessionmaker[AsyncSession],
    cache: Cache,
    queue: JobQueue,
    log: ActivityLog | None = None,
) -> UseCases:
    """`use_cases` plus settings and the activity log; sign-in, sign-out, password changes, API
    keys and role changes then record activity (by default written at once, through jobs on
    `queue` when that fails; apply before anything wraps `login`). Registration follows the
    server setting, whose default is the configured one."""
    log = log or stored_activity_log(session_factory, queue)
    store = PgSettingsStore(session_factory)
    login, logout, change = use_cases.login, use_cases.logout, use_cases.change_password
    keys, rbac, register = use_cases.api_keys, use_cases.rbac, use_cases.register
    registry = SERVER_SETTINGS
    if register is not None:
        registry = registry.with_default(REGISTRATION_ENABLED, register.rules.registration_enabled)
    server_settings = ServerSettings(store, cache, log, registry)
    is_open = partial(server_settings.is_on, REGISTRATION_ENABLED)
    return attrs.evolve(
        use_cases,
        register=attrs.evolve(register, registration_open=is_open) if register else None,
        login=attrs.evolve(login, activity=log) if login else None,
        logout=attrs.evolve(logout, activity=log) if logout else None,
        change_password=attrs.evolve(change, activity=log) if change else None,
        api_keys=attrs.evolve(keys, activity=log) if keys else None,
        rbac=attrs.evolve(rbac, activity=log) if rbac else None,
        server_settings=server_settings,
        user_settings=UserSettings(store, cache),
        activity=ActivityQueries(PgActivityStore(session_factory)),
    )


def relying_party(config: Config) -> tuple[str, tuple[str, ...]]:
    """WebAuthn relying party id and allowed origins: configured, else from the public URL."""
    public = urlsplit(config.server.effective_public_url())
    rp_id = config.auth.webauthn_rp_id or public.hostname or "localhost"
    origins = config.auth.webauthn_origins or (f"{public.scheme}://{public.netloc}",)
    return rp_id, tuple(origin.rstrip("/") for origin in origins)


def with_webauthn(
    use_cases: UseCases,
    session_factory: async_sessionmaker[AsyncSession],
    client: aioredis.Redis,
    config: Config,
    signer: TokenSigner,
    rules: AuthRules,
) -> UseCases:
    """`use_cases` plus the WebAuthn ones (challenges in Redis under the cache key prefix)."""
    units = partial(PgWebAuthnUnit, session_factory)
    challenges = RedisChallengeStore(client, config.cache.key_prefix)
    rp_id, origins = relying_party(config)
    ceremonies = PyWebAuthnCeremonies(rp_id, origins)
    identity = partial(PgIdentityUnit, session_factory)
    return attrs.evolve(
        use_cases,
        webauthn_registration=WebAuthnRegistration(units, challenges, ceremonies),
        webauthn_login=WebAuthnLogin(units, identity, signer, rules, challenges, ceremonies),
        webauthn_credentials=WebAuthnCredentialsOfUser(units),
    )


def mfa_cipher(config: Config) -> AesGcmSecretCipher:
    """The configured MFA key, else one generated on first use and kept in the data directory."""
    key_hex = config.mfa.encryption_key or load_or_create_key(Path(config.data_dir) / MFA_KEY_FILE)
    return AesGcmSecretCipher.from_hex(key_hex)


def with_mfa(
    use_cases: UseCases,
    session_factory: async_sessionmaker[AsyncSession],
    cipher: SecretCipher,
    signing_secret: str,
    activity: ActivityLog = NO_ACTIVITY,
) -> UseCases:
    """`use_cases` plus TOTP, backup codes and sign-in with a second factor; MFA changes are
    reported to `activity`."""
    if use_cases.login is None:
        raise ValueError("sign-in with a second factor needs the login use case")
    mfa = MfaAccount(partial(PgMfaUnit, session_factory), cipher, activity=activity)
    pending = JwtPendingLoginSigner(signing_secret)
    return attrs.evolve(
        use_cases, mfa=mfa, mfa_login=SignInWithSecondFactor(use_cases.login, mfa, pending)
    )


# --- Libraries ---
def with_libraries(
    use_cases: UseCases,
    session_factory: async_sessionmaker[AsyncSession],
    access: LibraryAccess,
    activity: ActivityLog = NO_ACTIVITY,
    changes: CatalogChanges | None = None,
    events: EventBus | None = None,
) -> UseCases:
    """`use_cases` plus libraries and their per-user permissions; `access` is the catalog's
    read filter (dropped from its cache on grants, revokes and deletions); `changes` hears of
    the titles a deleted library takes with it; `events` of every library change."""
    store = PgLibraryStore(session_factory)
    changes = changes or NoCatalogChanges()
    return attrs.evolve(
        use_cases,
        libraries=Libraries(store, access, LocalFolders(), activity, changes, events),
        library_permissions=LibraryPermissions(store, access, activity),
    )


# --- movies ---
def with_movies(
    use_cases: UseCases,
    session_factory: async_sessionmaker[AsyncSession],
    access: LibraryAccess,
    cache: Cache,
    languages: LanguagePreferences | None = None,
) -> UseCases:
    """`use_cases` plus the movie catalogue and watch state, read through `cache` and filtered
    by `access` (the caller's readable libraries), texts in the language of `languages`."""
    catalog = CachedMovieCatalog(PgMovieCatalog(session_factory), cache)
    watch = CachedMovieWatchStore(PgMovieWatchStore(session_factory), cache)
    language = CatalogLanguage(languages or NoPreferences())
    return attrs.evolve(
        use_cases,
        movie_catalogue=MovieCatalogue(catalog, watch, access, language),
        movie_watching=MovieWatching(catalog, watch, access, language),
        movie_search=MovieSearch(PgMovieSearch(session_factory), access),
    )


# --- tvshows ---
def with_tvshows(
    use_cases: UseCases,
    session_factory: async_sessionmaker[AsyncSession],
    access: LibraryAccess,
    cache: Cache,
    languages: LanguagePreferences | None = None,
) -> UseCases:
    """`use_cases` plus the TV catalogue (read through `cache`, series texts in the language
    of `languages`) and each user's watch state, both filtered by `access` (the caller's
    readable libraries)."""
    catalog = CachedTVCatalog(PgTVCatalog(session_factory), cache)
    language = CatalogLanguage(languages or NoPreferences())
    return attrs.evolve(
        use_cases,
        tvshows=TVShows(access, catalog, language),
        tv_watching=TVWatching(access, PgWatchState(session_factory)),
        tv_viewing=TVViewing(access, PgViewingRecord(session_factory)),
        tvshow_search=TVShowSearch(PgSeriesSearch(session_factory), access),
    )
