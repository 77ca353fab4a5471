"""Typed keys for what the app and each request carry, and the dependencies handlers receive."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from aiohttp import web

from revenge_adapters.rate_limits import RateLimits
from revenge_app.config import Config
from revenge_app.http.document import OpenApiDocument
from revenge_app.http.params import Params
from revenge_app.http.readiness import ReadinessCheck, StartupState
from revenge_app.http.routes import Route
from revenge_app.streaming.feature import Streaming
from revenge_domain.activity import ActivityQueries
from revenge_domain.errors import DomainError, Unauthenticated
from revenge_domain.identity import (
    Authenticate,
    ChangePassword,
    Login,
    Logout,
    Principal,
    RefreshSession,
    Register,
    SessionsOfUser,
)
from revenge_domain.identity.api_key_cases import ApiKeysOfUser, AuthenticateApiKey
from revenge_domain.identity.profiles import AdminUsers, Profiles, UploadAvatar
from revenge_domain.identity.rbac import RoleAdministration
from revenge_domain.identity.recovery import (
    ForgotPassword,
    ResetPassword,
    SendVerification,
    VerifyEmail,
)
from revenge_domain.images import ImageCache
from revenge_domain.integrations import Integrations
from revenge_domain.libraries import Libraries, LibraryPermissions
from revenge_domain.live_events import LiveEvents
from revenge_domain.metadata.lookup import MetadataLookup
from revenge_domain.metadata.refresh import RefreshRequests
from revenge_domain.mfa.account import MfaAccount
from revenge_domain.mfa.login import PendingLogin, SignInWithSecondFactor
from revenge_domain.mfa.webauthn import (
    WebAuthnCredentialsOfUser,
    WebAuthnLogin,
    WebAuthnRegistration,
)
from revenge_domain.movies import MovieCatalogue, MovieWatching
from revenge_domain.movies.search import MovieSearch
from revenge_domain.oidc import OidcProviders, OidcSignIn
from revenge_domain.playback import Playback
from revenge_domain.scanning import LibraryScans
from revenge_domain.search.library_search import LibrarySearch
from revenge_domain.search.reindexing import RequestReindex
from revenge_domain.settings import ServerSettings, UserSettings
from revenge_domain.tvshows import TVShows, TVViewing, TVWatching
from revenge_domain.tvshows.search import TVShowSearch


@attrs.frozen
class UseCases:
    """The domain use cases handlers call. Each feature adds its own field here.

    Without `authenticate` nobody can sign in, so every non-public route answers 401.
    """

    authenticate: Authenticate | None = None
    register: Register | None = None
    login: Login | None = None
    change_password: ChangePassword | None = None
    refresh: RefreshSession | None = None
    logout: Logout | None = None
    sessions: SessionsOfUser | None = None
    server_settings: ServerSettings | None = None
    user_settings: UserSettings | None = None
    activity: ActivityQueries | None = None
    rbac: RoleAdministration | None = None
    mfa: MfaAccount | None = None
    # When set, sign-in goes through it, so accounts that require MFA get a pending sign-in.
    mfa_login: SignInWithSecondFactor | None = None
    webauthn_registration: WebAuthnRegistration | None = None
    webauthn_login: WebAuthnLogin | None = None
    webauthn_credentials: WebAuthnCredentialsOfUser | None = None
    api_keys: ApiKeysOfUser | None = None
    authenticate_api_key: AuthenticateApiKey | None = None
    send_verification: SendVerification | None = None
    verify_email: VerifyEmail | None = None
    forgot_password: ForgotPassword | None = None
    reset_password: ResetPassword | None = None
    profiles: Profiles | None = None
    upload_avatar: UploadAvatar | None = None
    admin_users: AdminUsers | None = None
    # --- Libraries ---
    libraries: Libraries | None = None
    library_permissions: LibraryPermissions | None = None
    # --- movies ---
    movie_catalogue: MovieCatalogue | None = None
    movie_watching: MovieWatching | None = None
    movie_search: MovieSearch | None = None
    # --- tvshows ---
    tvshows: TVShows | None = None
    tv_watching: TVWatching | None = None
    tv_viewing: TVViewing | None = None
    tvshow_search: TVShowSearch | None = None
    # --- scanning ---
    library_scans: LibraryScans | None = None
    # --- metadata ---
    # Reads from the metadata providers (search, details, credits, images).
    metadata: MetadataLookup | None = None
    # The refresh endpoints of movies and TV shows: they queue refresh jobs.
    metadata_refresh: RefreshRequests | None = None
    # --- images ---
    images: ImageCache | None = None
    # --- oidc ---
    # Sign-in through OIDC providers and account links; the admin's provider settings.
    oidc: OidcSignIn | None = None
    oidc_providers: OidcProviders | None = None
    # --- playback ---
    playback: Playback | None = None
    # The live event stream (server-sent events), filtered per caller.
    live_events: LiveEvents | None = None
    # Stream URLs of the sessions: plans, ffmpeg processes, segments.
    streaming: Streaming | None = None
    # --- integrations ---
    # Radarr and Sonarr: admin status, profiles, folders, syncs, and their webhooks.
    integrations: Integrations | None = None
    # --- search ---
    # The search endpoints: engine first, the database when it cannot answer.
    library_search: LibrarySearch | None = None
    # Full rebuilds of the search collections (admin).
    search_reindex: RequestReindex | None = None


@attrs.frozen
class HttpDeps:
    """Everything the HTTP layer needs from the composition root."""

    readiness: Sequence[ReadinessCheck] = ()
    startup: StartupState = attrs.Factory(StartupState)
    readiness_timeout_s: float = 2.0
    use_cases: UseCases = attrs.Factory(UseCases)
    # None: no rate limits (tests that do not exercise them).
    rate_limits: RateLimits | None = None
    # Signs the CSRF tokens; every instance of one server needs the same (empty: random).
    csrf_key: bytes = b""


CONFIG = web.AppKey("config", Config)
DEPS = web.AppKey("deps", HttpDeps)
DOCUMENT = web.AppKey("document", OpenApiDocument)

REQUEST_ID = web.RequestKey("request_id", str)
ROUTE = web.RequestKey("route", Route)
PARAMS = web.RequestKey("params", Params)
BODY: web.RequestKey[Any] = web.RequestKey("body")
PRINCIPAL: web.RequestKey[Principal | None] = web.RequestKey("principal")
# Why credentials that were offered could not be accepted (refused only where a route needs them).
CREDENTIALS_PROBLEM: web.RequestKey[DomainError | None] = web.RequestKey("credentials_problem")
# A sign-in waiting for its second factor (its token was the bearer token); never a principal.
PENDING_LOGIN: web.RequestKey[PendingLogin | None] = web.RequestKey("pending_login")


def params_of(request: web.Request) -> Params:
    """The validated path and query parameters (spec defaults applied)."""
    return request[PARAMS]


def body_of(request: web.Request) -> Any:
    """The validated JSON body, or None when the operation has none or it was omitted."""
    return request[BODY]


def request_id_of(request: web.Request) -> str:
    return str(request.get(REQUEST_ID, ""))


def pending_login_of(request: web.Request) -> PendingLogin | None:
    """The sign-in this request may complete with a second factor, if its token was one."""
    return request.get(PENDING_LOGIN)


def principal_of(request: web.Request) -> Principal:
    """The signed-in caller; Unauthenticated when there is none."""
    principal: Principal | None = request.get(PRINCIPAL)
    if principal is None:
        raise Unauthenticated("sign in first")
    return principal
