"""The route table: every operation the server answers, each declared once.

Features add their routes here; `create_app` refuses to start when this table and the
OpenAPI document disagree.
"""

from __future__ import annotations

from revenge_app.http.docs import get_openapi_document
from revenge_app.http.handlers import (
    activity,
    api_keys,
    auth,
    images,
    libraries,
    mfa,
    oidc,
    rbac,
    search_reindex,
    sessions,
    settings,
    webauthn,
)
from revenge_app.http.handlers import events as live_events
from revenge_app.http.handlers import integrations as arr_handlers
from revenge_app.http.handlers import lockout as account_lockout
from revenge_app.http.handlers import metadata as meta
from revenge_app.http.handlers import movies as movie_handlers
from revenge_app.http.handlers import playback as playback_handlers
from revenge_app.http.handlers import recovery as account_recovery
from revenge_app.http.handlers import refresh as refresh_handlers
from revenge_app.http.handlers import scanning as scan_handlers
from revenge_app.http.handlers import search as search_handlers
from revenge_app.http.handlers import tvshows as tv
from revenge_app.http.handlers import users as account_users
from revenge_app.http.health import get_liveness, get_readiness, get_startup
from revenge_app.http.routes import PUBLIC, CacheCategory, Route

PROBE, DOCUMENT = CacheCategory.PROBE, CacheCategory.DOCUMENT

HEALTH_ROUTES = (
    Route("GET", "/healthz", "getLiveness", get_liveness, permission=PUBLIC, cache=PROBE),
    Route("GET", "/readyz", "getReadiness", get_readiness, permission=PUBLIC, cache=PROBE),
    Route("GET", "/startupz", "getStartup", get_startup, permission=PUBLIC, cache=PROBE),
)

DOCS_ROUTES = (
    Route(
        "GET",
        "/api/openapi.yaml",
        "getOpenApiDocument",
        get_openapi_document,
        permission=PUBLIC,
        cache=DOCUMENT,
    ),
)

# "Any signed-in user" is `profile:read`, which every role holds.
SIGNED_IN, PROFILE_UPDATE = "profile:read", "profile:update"
AUTH, SESSIONS = "/api/v1/auth", "/api/v1/sessions"

AUTH_ROUTES = (
    Route("POST", f"{AUTH}/register", "register", auth.register, permission=PUBLIC),
    Route("POST", f"{AUTH}/login", "login", auth.login, permission=PUBLIC),
    Route("POST", f"{AUTH}/logout", "logout", auth.logout, permission=SIGNED_IN),
    Route("POST", f"{AUTH}/refresh", "refreshToken", auth.refresh_token, permission=PUBLIC),
    Route(
        "POST",
        f"{AUTH}/change-password",
        "changePassword",
        auth.change_password,
        permission=PROFILE_UPDATE,
    ),
)

SESSION_ROUTES = (
    Route("GET", SESSIONS, "listSessions", sessions.list_sessions, permission=SIGNED_IN),
    Route("DELETE", SESSIONS, "logoutAll", sessions.logout_all, permission=SIGNED_IN),
    Route(
        "GET",
        f"{SESSIONS}/current",
        "getCurrentSession",
        sessions.get_current_session,
        permission=SIGNED_IN,
    ),
    Route(
        "DELETE",
        f"{SESSIONS}/current",
        "logoutCurrent",
        sessions.logout_current,
        permission=SIGNED_IN,
    ),
    Route(
        "POST", f"{SESSIONS}/refresh", "refreshSession", sessions.refresh_session, permission=PUBLIC
    ),
    Route(
        "DELETE",
        f"{SESSIONS}/{{sessionId}}",
        "revokeSession",
        sessions.revoke_session,
        permission=SIGNED_IN,
    ),
)

WEBAUTHN = "/api/v1/mfa/webauthn"
WEBAUTHN_CREDENTIAL = f"{WEBAUTHN}/credentials/{{credentialId}}"

# Signing in with a security key needs no other credentials: login begin/finish are public.
WEBAUTHN_ROUTES = (
    Route(
        "POST",
        f"{WEBAUTHN}/register/begin",
        "beginWebAuthnRegistration",
        webauthn.begin_registration,
        permission=PROFILE_UPDATE,
    ),
    Route(
        "POST",
        f"{WEBAUTHN}/register/finish",
        "finishWebAuthnRegistration",
        webauthn.finish_registration,
        permission=PROFILE_UPDATE,
    ),
    Route(
        "POST",
        f"{WEBAUTHN}/login/begin",
        "beginWebAuthnLogin",
        webauthn.begin_login,
        permission=PUBLIC,
    ),
    Route(
        "POST",
        f"{WEBAUTHN}/login/finish",
        "finishWebAuthnLogin",
        webauthn.finish_login,
        permission=PUBLIC,
    ),
    Route(
        "GET",
        f"{WEBAUTHN}/credentials",
        "listWebAuthnCredentials",
        webauthn.list_credentials,
        permission=SIGNED_IN,
    ),
    Route(
        "DELETE",
        WEBAUTHN_CREDENTIAL,
        "deleteWebAuthnCredential",
        webauthn.delete_credential,
        permission=PROFILE_UPDATE,
    ),
    Route(
        "PATCH",
        WEBAUTHN_CREDENTIAL,
        "renameWebAuthnCredential",
        webauthn.rename_credential,
        permission=PROFILE_UPDATE,
    ),
)

APIKEYS = "/api/v1/apikeys"

# Reading keys needs a signed-in caller; making and revoking them changes the account.
API_KEY_ROUTES = (
    Route("GET", APIKEYS, "listAPIKeys", api_keys.list_api_keys, permission=SIGNED_IN),
    Route("POST", APIKEYS, "createAPIKey", api_keys.create_api_key, permission=PROFILE_UPDATE),
    Route("GET", f"{APIKEYS}/{{keyId}}", "getAPIKey", api_keys.get_api_key, permission=SIGNED_IN),
    Route(
        "DELETE",
        f"{APIKEYS}/{{keyId}}",
        "revokeAPIKey",
        api_keys.revoke_api_key,
        permission=PROFILE_UPDATE,
    ),
)

# The rbac endpoints change who may do what: only admins call them, except that any
# signed-in user may read their own roles (the use case checks whose roles are asked for).
RBAC, ADMIN_ONLY = "/api/v1/rbac", "admin:*"
RBAC_ROLE = f"{RBAC}/roles/{{roleName}}"
RBAC_USER_ROLES = f"{RBAC}/users/{{userId}}/roles"

RBAC_ROUTES = (
    Route("GET", f"{RBAC}/roles", "listRoles", rbac.list_roles, permission=ADMIN_ONLY),
    Route("POST", f"{RBAC}/roles", "createRole", rbac.create_role, permission=ADMIN_ONLY),
    Route("GET", RBAC_ROLE, "getRole", rbac.get_role, permission=ADMIN_ONLY),
    Route("DELETE", RBAC_ROLE, "deleteRole", rbac.delete_role, permission=ADMIN_ONLY),
    Route(
        "PUT",
        f"{RBAC_ROLE}/permissions",
        "updateRolePermissions",
        rbac.update_role_permissions,
        permission=ADMIN_ONLY,
    ),
    Route(
        "GET",
        f"{RBAC}/permissions",
        "listPermissions",
        rbac.list_permissions,
        permission=ADMIN_ONLY,
    ),
    Route("GET", f"{RBAC}/policies", "listPolicies", rbac.list_policies, permission=ADMIN_ONLY),
    Route("POST", f"{RBAC}/policies", "addPolicy", rbac.add_policy, permission=ADMIN_ONLY),
    Route("DELETE", f"{RBAC}/policies", "removePolicy", rbac.remove_policy, permission=ADMIN_ONLY),
    Route("GET", RBAC_USER_ROLES, "getUserRoles", rbac.get_user_roles, permission=SIGNED_IN),
    Route("POST", RBAC_USER_ROLES, "assignRole", rbac.assign_role, permission=ADMIN_ONLY),
    Route(
        "DELETE",
        f"{RBAC_USER_ROLES}/{{role}}",
        "removeRole",
        rbac.remove_role,
        permission=ADMIN_ONLY,
    ),
)

MFA = "/api/v1/mfa"

# verifyTOTP and verifyBackupCode also take a pending sign-in token (see auth.py).
MFA_ROUTES = (
    Route("GET", f"{MFA}/status", "getMFAStatus", mfa.get_mfa_status, permission=SIGNED_IN),
    Route("POST", f"{MFA}/totp/setup", "setupTOTP", mfa.setup_totp, permission=PROFILE_UPDATE),
    Route("POST", f"{MFA}/totp/verify", "verifyTOTP", mfa.verify_totp, permission=PROFILE_UPDATE),
    Route("DELETE", f"{MFA}/totp", "disableTOTP", mfa.disable_totp, permission=PROFILE_UPDATE),
    Route(
        "POST",
        f"{MFA}/backup-codes/generate",
        "generateBackupCodes",
        mfa.generate_backup_codes,
        permission=PROFILE_UPDATE,
    ),
    Route(
        "POST",
        f"{MFA}/backup-codes/regenerate",
        "regenerateBackupCodes",
        mfa.generate_backup_codes,
        permission=PROFILE_UPDATE,
    ),
    Route(
        "POST",
        f"{MFA}/backup-codes/verify",
        "verifyBackupCode",
        mfa.verify_backup_code,
        permission=PROFILE_UPDATE,
    ),
    Route("POST", f"{MFA}/enable", "enableMFA", mfa.enable_mfa, permission=PROFILE_UPDATE),
    Route("POST", f"{MFA}/disable", "disableMFA", mfa.disable_mfa, permission=PROFILE_UPDATE),
)

# Server settings: reading is `settings:read`, changing is `settings:write` (admins only by
# default); each user's own settings need `settings:user_read` / `settings:user_write`.
SETTINGS = "/api/v1/settings"
SERVER_KEY, USER_KEY = f"{SETTINGS}/server/{{key}}", f"{SETTINGS}/user/{{key}}"
SETTINGS_READ, SETTINGS_WRITE = "settings:read", "settings:write"
USER_READ, USER_WRITE = "settings:user_read", "settings:user_write"

SETTINGS_ROUTES = (
    Route(
        "GET",
        f"{SETTINGS}/server",
        "listServerSettings",
        settings.list_server_settings,
        permission=SETTINGS_READ,
    ),
    Route(
        "GET", SERVER_KEY, "getServerSetting", settings.get_server_setting, permission=SETTINGS_READ
    ),
    Route(
        "PUT",
        SERVER_KEY,
        "updateServerSetting",
        settings.update_server_setting,
        permission=SETTINGS_WRITE,
    ),
    Route(
        "GET",
        f"{SETTINGS}/user",
        "listUserSettings",
        settings.list_user_settings,
        permission=USER_READ,
    ),
    Route("GET", USER_KEY, "getUserSetting", settings.get_user_setting, permission=USER_READ),
    Route(
        "PUT", USER_KEY, "updateUserSetting", settings.update_user_setting, permission=USER_WRITE
    ),
    Route(
        "DELETE",
        USER_KEY,
        "deleteUserSetting",
        settings.delete_user_setting,
        permission=USER_WRITE,
    ),
)

ACTIVITY, AUDIT_READ = "/api/v1/admin/activity", "audit:read"

ACTIVITY_ROUTES = (
    Route(
        "GET", ACTIVITY, "searchActivityLogs", activity.search_activity_logs, permission=AUDIT_READ
    ),
    Route(
        "GET",
        f"{ACTIVITY}/users/{{userId}}",
        "getUserActivityLogs",
        activity.get_user_activity_logs,
        permission=AUDIT_READ,
    ),
    Route(
        "GET",
        f"{ACTIVITY}/resources/{{resourceType}}/{{resourceId}}",
        "getResourceActivityLogs",
        activity.get_resource_activity_logs,
        permission=AUDIT_READ,
    ),
    Route(
        "GET",
        f"{ACTIVITY}/stats",
        "getActivityStats",
        activity.get_activity_stats,
        permission=AUDIT_READ,
    ),
    Route(
        "GET",
        f"{ACTIVITY}/actions",
        "getRecentActions",
        activity.get_recent_actions,
        permission=AUDIT_READ,
    ),
)

USERS, ADMIN_USERS = "/api/v1/users", "/api/v1/admin/users"

ACCOUNT_ROUTES = (
    Route(
        "POST",
        f"{AUTH}/verify-email",
        "verifyEmail",
        account_recovery.verify_email,
        permission=PUBLIC,
    ),
    Route(
        "POST",
        f"{AUTH}/resend-verification",
        "resendVerification",
        account_recovery.resend_verification,
        permission=SIGNED_IN,
    ),
    Route(
        "POST",
        f"{AUTH}/forgot-password",
        "forgotPassword",
        account_recovery.forgot_password,
        permission=PUBLIC,
    ),
    Route(
        "POST",
        f"{AUTH}/reset-password",
        "resetPassword",
        account_recovery.reset_password,
        permission=PUBLIC,
    ),
    # `me` before `{userId}`: aiohttp matches routes in the order they were added.
    Route(
        "GET", f"{USERS}/me", "getCurrentUser", account_users.get_current_user, permission=SIGNED_IN
    ),
    Route(
        "PUT",
        f"{USERS}/me",
        "updateCurrentUser",
        account_users.update_current_user,
        permission=PROFILE_UPDATE,
    ),
    Route(
        "GET",
        f"{USERS}/me/preferences",
        "getUserPreferences",
        account_users.get_user_preferences,
        permission=SIGNED_IN,
    ),
    Route(
        "PUT",
        f"{USERS}/me/preferences",
        "updateUserPreferences",
        account_users.update_user_preferences,
        permission=PROFILE_UPDATE,
    ),
    Route(
        "POST",
        f"{USERS}/me/avatar",
        "uploadAvatar",
        account_users.upload_avatar,
        permission=PROFILE_UPDATE,
    ),
    Route(
        "GET",
        f"{USERS}/{{userId}}",
        "getUserById",
        account_users.get_user_by_id,
        permission=SIGNED_IN,
    ),
    Route(
        "GET",
        f"{USERS}/{{userId}}/avatar",
        "getUserAvatar",
        account_users.get_user_avatar,
        permission=SIGNED_IN,
    ),
    Route(
        "GET",
        ADMIN_USERS,
        "adminListUsers",
        account_users.admin_list_users,
        permission="users:list",
    ),
    Route(
        "DELETE",
        f"{ADMIN_USERS}/{{userId}}",
        "adminDeleteUser",
        account_users.admin_delete_user,
        permission="users:delete",
    ),
    Route(
        "POST",
        f"{ADMIN_USERS}/{{userId}}/unlock",
        "adminUnlockUser",
        account_lockout.admin_unlock_user,
        permission="users:update",
    ),
)

# --- Libraries ---
# Route permissions gate by role; the use cases add the per-library `view` rule. Managing a
# library's permissions is changing the library (`libraries:update`).
LIBRARIES, LIBRARY = "/api/v1/libraries", "/api/v1/libraries/{libraryId}"
LIB_LIST, LIB_GET, LIB_CREATE = "libraries:list", "libraries:get", "libraries:create"
LIB_UPDATE, LIB_DELETE = "libraries:update", "libraries:delete"

LIBRARY_ROUTES = (
    Route("GET", LIBRARIES, "listLibraries", libraries.list_libraries, permission=LIB_LIST),
    Route("POST", LIBRARIES, "createLibrary", libraries.create_library, permission=LIB_CREATE),
    Route("GET", LIBRARY, "getLibrary", libraries.get_library, permission=LIB_GET),
    Route("PUT", LIBRARY, "updateLibrary", libraries.update_library, permission=LIB_UPDATE),
    Route("DELETE", LIBRARY, "deleteLibrary", libraries.delete_library, permission=LIB_DELETE),
    Route(
        "GET",
        f"{LIBRARY}/scans",
        "listLibraryScans",
        libraries.list_library_scans,
        permission=LIB_GET,
    ),
    Route(
        "GET",
        f"{LIBRARY}/permissions",
        "listLibraryPermissions",
        libraries.list_library_permissions,
        permission=LIB_UPDATE,
    ),
    Route(
        "POST",
        f"{LIBRARY}/permissions",
        "grantLibraryPermission",
        libraries.grant_library_permission,
        permission=LIB_UPDATE,
    ),
    Route(
        "DELETE",
        f"{LIBRARY}/permissions/{{userId}}",
        "revokeLibraryPermission",
        libraries.revoke_library_permission,
        permission=LIB_UPDATE,
    ),
)

# --- movies ---
# Static paths come before `{id}` so aiohttp matches them first. Reads need movies:list or
# movies:get; the use cases keep only movies of libraries the caller may read.
MOVIES, MOVIE, COLLECTION = "/api/v1/movies", "/api/v1/movies/{id}", "/api/v1/collections/{id}"
MOVIES_LIST, MOVIES_GET, PROGRESS = "movies:list", "movies:get", "playback:progress"
CATALOG = CacheCategory.CATALOG

MOVIE_ROUTES = (
    Route(
        "GET",
        MOVIES,
        "listMovies",
        movie_handlers.list_movies,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIES}/recently-added",
        "getRecentlyAdded",
        movie_handlers.get_recently_added,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIES}/top-rated",
        "getTopRated",
        movie_handlers.get_top_rated,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIES}/search",
        "searchMovies",
        movie_handlers.search_movies,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIES}/continue-watching",
        "getContinueWatching",
        movie_handlers.get_continue_watching,
        permission=MOVIES_LIST,
    ),
    Route(
        "GET",
        f"{MOVIES}/watch-history",
        "getWatchHistory",
        movie_handlers.get_watch_history,
        permission=MOVIES_LIST,
    ),
    Route(
        "GET",
        f"{MOVIES}/stats",
        "getUserMovieStats",
        movie_handlers.get_user_movie_stats,
        permission=MOVIES_LIST,
    ),
    Route("GET", MOVIE, "getMovie", movie_handlers.get_movie, permission=MOVIES_GET, cache=CATALOG),
    Route(
        "GET",
        f"{MOVIE}/files",
        "getMovieFiles",
        movie_handlers.get_movie_files,
        permission=MOVIES_GET,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIE}/cast",
        "getMovieCast",
        movie_handlers.get_movie_cast,
        permission=MOVIES_GET,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIE}/crew",
        "getMovieCrew",
        movie_handlers.get_movie_crew,
        permission=MOVIES_GET,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIE}/genres",
        "getMovieGenres",
        movie_handlers.get_movie_genres,
        permission=MOVIES_GET,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIE}/collection",
        "getMovieCollection",
        movie_handlers.get_movie_collection,
        permission=MOVIES_GET,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIE}/similar",
        "getSimilarMovies",
        movie_handlers.get_similar_movies,
        permission=MOVIES_GET,
        cache=CATALOG,
    ),
    Route(
        "POST",
        f"{MOVIE}/watched",
        "markAsWatched",
        movie_handlers.mark_as_watched,
        permission=PROGRESS,
    ),
    Route(
        "GET",
        "/api/v1/genres",
        "listGenres",
        movie_handlers.list_genres,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{MOVIE}/progress",
        "getWatchProgress",
        movie_handlers.get_watch_progress,
        permission=MOVIES_GET,
    ),
    Route(
        "POST",
        f"{MOVIE}/progress",
        "updateWatchProgress",
        movie_handlers.update_watch_progress,
        permission=PROGRESS,
    ),
    Route(
        "DELETE",
        f"{MOVIE}/progress",
        "deleteWatchProgress",
        movie_handlers.delete_watch_progress,
        permission=PROGRESS,
    ),
    Route(
        "GET",
        COLLECTION,
        "getCollection",
        movie_handlers.get_collection,
        permission=MOVIES_GET,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{COLLECTION}/movies",
        "getCollectionMovies",
        movie_handlers.get_collection_movies,
        permission=MOVIES_GET,
        cache=CATALOG,
    ),
    # Queues a provider refresh: changing the catalogue is `movies:update` (moderators, admins).
    Route(
        "POST",
        f"{MOVIE}/refresh",
        "refreshMovieMetadata",
        refresh_handlers.refresh_movie_metadata,
        permission="movies:update",
    ),
)

# --- tvshows ---
# Reads answer only series of libraries the caller may read (the use cases filter them);
# watch state is the caller's own. Fixed paths come before `{id}` so they are not taken for ids.
TV, TV_ID = "/api/v1/tvshows", "/api/v1/tvshows/{id}"
TV_SEASON, TV_EPISODE = "/api/v1/tvshows/seasons/{id}", "/api/v1/tvshows/episodes/{id}"
TV_LIST, TV_GET, TV_PROGRESS = "movies:list", "movies:get", "playback:progress"
TV_CACHE = CacheCategory.CATALOG

TVSHOW_ROUTES = (
    Route("GET", TV, "listTVShows", tv.list_tv_shows, permission=TV_LIST, cache=TV_CACHE),
    Route(
        "GET",
        f"{TV}/search",
        "searchTVShows",
        tv.search_tv_shows,
        permission=TV_LIST,
        cache=TV_CACHE,
    ),
    Route(
        "GET",
        f"{TV}/recently-added",
        "getRecentlyAddedTVShows",
        tv.get_recently_added_tv_shows,
        permission=TV_LIST,
        cache=TV_CACHE,
    ),
    Route(
        "POST",
        f"{TV}/episodes/bulk-watched",
        "markTVEpisodesBulkWatched",
        tv.mark_tv_episodes_bulk_watched,
        permission=TV_PROGRESS,
    ),
    Route(
        "GET",
        f"{TV}/continue-watching",
        "getTVContinueWatching",
        tv.get_tv_continue_watching,
        permission=TV_LIST,
    ),
    Route("GET", f"{TV}/stats", "getUserTVStats", tv.get_user_tv_stats, permission=TV_LIST),
    Route(
        "GET",
        f"{TV}/episodes/recent",
        "getRecentEpisodes",
        tv.get_recent_episodes,
        permission=TV_LIST,
        cache=TV_CACHE,
    ),
    Route(
        "GET",
        f"{TV}/episodes/upcoming",
        "getUpcomingEpisodes",
        tv.get_upcoming_episodes,
        permission=TV_LIST,
        cache=TV_CACHE,
    ),
    Route("GET", TV_ID, "getTVShow", tv.get_tv_show, permission=TV_GET, cache=TV_CACHE),
    Route(
        "GET",
        f"{TV_ID}/seasons",
        "getTVShowSeasons",
        tv.get_tv_show_seasons,
        permission=TV_GET,
        cache=TV_CACHE,
    ),
    Route(
        "GET",
        f"{TV_ID}/cast",
        "getTVShowCast",
        tv.get_tv_show_cast,
        permission=TV_GET,
        cache=TV_CACHE,
    ),
    Route(
        "GET",
        f"{TV_ID}/crew",
        "getTVShowCrew",
        tv.get_tv_show_crew,
        permission=TV_GET,
        cache=TV_CACHE,
    ),
    Route(
        "GET",
        f"{TV_ID}/genres",
        "getTVShowGenres",
        tv.get_tv_show_genres,
        permission=TV_GET,
        cache=TV_CACHE,
    ),
    Route(
        "GET",
        f"{TV_ID}/networks",
        "getTVShowNetworks",
        tv.get_tv_show_networks,
        permission=TV_GET,
        cache=TV_CACHE,
    ),
    Route(
        "GET",
        f"{TV_ID}/next-episode",
        "getTVShowNextEpisode",
        tv.get_tv_show_next_episode,
        permission=TV_GET,
    ),
    Route("GET", TV_SEASON, "getTVSeason", tv.get_tv_season, permission=TV_GET, cache=TV_CACHE),
    Route(
        "GET",
        f"{TV_SEASON}/episodes",
        "getTVSeasonEpisodes",
        tv.get_tv_season_episodes,
        permission=TV_GET,
        cache=TV_CACHE,
    ),
    Route(
        "POST",
        f"{TV_SEASON}/watched",
        "markTVSeasonWatched",
        tv.mark_tv_season_watched,
        permission=TV_PROGRESS,
    ),
    Route("GET", TV_EPISODE, "getTVEpisode", tv.get_tv_episode, permission=TV_GET, cache=TV_CACHE),
    Route(
        "GET",
        f"{TV_EPISODE}/progress",
        "getTVEpisodeProgress",
        tv.get_tv_episode_progress,
        permission=TV_GET,
    ),
    Route(
        "PUT",
        f"{TV_EPISODE}/progress",
        "updateTVEpisodeProgress",
        tv.update_tv_episode_progress,
        permission=TV_PROGRESS,
    ),
    Route(
        "DELETE",
        f"{TV_EPISODE}/progress",
        "deleteTVEpisodeProgress",
        tv.delete_tv_episode_progress,
        permission=TV_PROGRESS,
    ),
    Route(
        "GET",
        f"{TV_ID}/episodes",
        "getTVShowEpisodes",
        tv.get_tv_show_episodes,
        permission=TV_GET,
        cache=TV_CACHE,
    ),
    Route(
        "GET",
        f"{TV_ID}/watch-stats",
        "getTVShowWatchStats",
        tv.get_tv_show_watch_stats,
        permission=TV_GET,
    ),
    Route(
        "GET",
        f"{TV_EPISODE}/files",
        "getTVEpisodeFiles",
        tv.get_tv_episode_files,
        permission=TV_GET,
        cache=TV_CACHE,
    ),
    Route(
        "POST",
        f"{TV_EPISODE}/watched",
        "markTVEpisodeWatched",
        tv.mark_tv_episode_watched,
        permission=TV_PROGRESS,
    ),
    Route(
        "POST",
        f"{TV_ID}/refresh",
        "refreshTVShowMetadata",
        refresh_handlers.refresh_tv_show_metadata,
        permission="movies:update",
    ),
)

# --- scanning routes ---
SCAN_ROUTES: tuple[Route, ...] = (
    Route(
        "POST",
        f"{LIBRARY}/scan",
        "triggerLibraryScan",
        scan_handlers.trigger_library_scan,
        permission="libraries:scan",
    ),
)
# --- metadata routes ---
# Reads from the metadata providers; catalogue read permissions, as the movie and TV reads.
META, META_LIST, META_GET = "/api/v1/metadata", "movies:list", "movies:get"
META_SEASON = f"{META}/tv/{{id}}/season/{{seasonNumber}}"


def _metadata_route(path: str, operation_id: str, handler: meta.Handler, permission: str) -> Route:
    return Route("GET", path, operation_id, handler, permission=permission, cache=CATALOG)


METADATA_ROUTES: tuple[Route, ...] = (
    _metadata_route(
        f"{META}/providers", "listMetadataProviders", meta.list_metadata_providers, META_LIST
    ),
    _metadata_route(
        f"{META}/search/movie", "searchMoviesMetadata", meta.search_movies_metadata, META_LIST
    ),
    _metadata_route(
        f"{META}/search/tv", "searchTVShowsMetadata", meta.search_tv_shows_metadata, META_LIST
    ),
    _metadata_route(
        f"{META}/search/person", "searchPersonMetadata", meta.search_person_metadata, META_LIST
    ),
    _metadata_route(f"{META}/movie/{{id}}", "getMovieMetadata", meta.get_movie_metadata, META_GET),
    _metadata_route(
        f"{META}/movie/{{id}}/credits",
        "getMovieMetadataCredits",
        meta.get_movie_metadata_credits,
        META_GET,
    ),
    _metadata_route(
        f"{META}/movie/{{id}}/images",
        "getMovieMetadataImages",
        meta.get_movie_metadata_images,
        META_GET,
    ),
    _metadata_route(
        f"{META}/movie/{{id}}/similar",
        "getSimilarMoviesMetadata",
        meta.get_similar_movies_metadata,
        META_GET,
    ),
    _metadata_route(
        f"{META}/movie/{{id}}/recommendations",
        "getMovieRecommendationsMetadata",
        meta.get_movie_recommendations_metadata,
        META_GET,
    ),
    _metadata_route(
        f"{META}/movie/{{id}}/external-ids",
        "getMovieExternalIDs",
        meta.get_movie_external_ids,
        META_GET,
    ),
    _metadata_route(
        f"{META}/collection/{{id}}", "getCollectionMetadata", meta.get_collection_metadata, META_GET
    ),
    _metadata_route(f"{META}/tv/{{id}}", "getTVShowMetadata", meta.get_tv_show_metadata, META_GET),
    _metadata_route(
        f"{META}/tv/{{id}}/credits",
        "getTVShowMetadataCredits",
        meta.get_tv_show_metadata_credits,
        META_GET,
    ),
    _metadata_route(
        f"{META}/tv/{{id}}/images",
        "getTVShowMetadataImages",
        meta.get_tv_show_metadata_images,
        META_GET,
    ),
    _metadata_route(
        f"{META}/tv/{{id}}/content-ratings",
        "getTVShowContentRatings",
        meta.get_tv_show_content_ratings,
        META_GET,
    ),
    _metadata_route(
        f"{META}/tv/{{id}}/external-ids",
        "getTVShowExternalIDs",
        meta.get_tv_show_external_ids,
        META_GET,
    ),
    _metadata_route(META_SEASON, "getSeasonMetadata", meta.get_season_metadata, META_GET),
    _metadata_route(
        f"{META_SEASON}/images",
        "getSeasonMetadataImages",
        meta.get_season_metadata_images,
        META_GET,
    ),
    _metadata_route(
        f"{META_SEASON}/episode/{{episodeNumber}}",
        "getEpisodeMetadata",
        meta.get_episode_metadata,
        META_GET,
    ),
    _metadata_route(
        f"{META_SEASON}/episode/{{episodeNumber}}/images",
        "getEpisodeMetadataImages",
        meta.get_episode_metadata_images,
        META_GET,
    ),
    _metadata_route(
        f"{META}/person/{{id}}", "getPersonMetadata", meta.get_person_metadata, META_GET
    ),
    _metadata_route(
        f"{META}/person/{{id}}/credits",
        "getPersonMetadataCredits",
        meta.get_person_metadata_credits,
        META_GET,
    ),
    _metadata_route(
        f"{META}/person/{{id}}/images",
        "getPersonMetadataImages",
        meta.get_person_metadata_images,
        META_GET,
    ),
)
# --- image routes ---
IMAGE_ROUTES: tuple[Route, ...] = (
    # Public as in the contract: clients put these URLs in <img> tags, which send no token.
    Route(
        "GET",
        "/api/v1/images/{type}/{size}/{path:.+}",
        "getProxiedImage",
        images.get_proxied_image,
        permission=PUBLIC,
        cache=CacheCategory.IMAGE,
    ),
)
# --- search routes ---
SEARCH = "/api/v1/search"
SEARCH_ROUTES: tuple[Route, ...] = (
    Route(
        "POST",
        f"{SEARCH}/reindex",
        "reindexSearch",
        search_reindex.reindex_search,
        permission=ADMIN_ONLY,
    ),
    Route(
        "POST",
        f"{SEARCH}/tvshows/reindex",
        "reindexTVShowSearch",
        search_reindex.reindex_tv_show_search,
        permission=ADMIN_ONLY,
    ),
    Route(
        "GET",
        f"{SEARCH}/movies",
        "searchLibraryMovies",
        search_handlers.search_movies,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{SEARCH}/movies/autocomplete",
        "autocompleteMovies",
        search_handlers.autocomplete_movies,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{SEARCH}/movies/facets",
        "getSearchFacets",
        search_handlers.movie_facets,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{SEARCH}/tvshows",
        "searchLibraryTVShows",
        search_handlers.search_tv_shows,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{SEARCH}/tvshows/autocomplete",
        "autocompleteTVShows",
        search_handlers.autocomplete_tv_shows,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{SEARCH}/tvshows/facets",
        "getTVShowSearchFacets",
        search_handlers.tv_show_facets,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
    Route(
        "GET",
        f"{SEARCH}/multi",
        "searchMulti",
        search_handlers.search_multi,
        permission=MOVIES_LIST,
        cache=CATALOG,
    ),
)
# --- oidc routes ---
# Signing in through a provider needs no credentials; links belong to the signed-in user;
# provider settings are the admin's.
OIDC, MY_OIDC = "/api/v1/oidc", "/api/v1/users/me/oidc"
ADMIN_OIDC = "/api/v1/admin/oidc/providers"
ADMIN_OIDC_ONE = f"{ADMIN_OIDC}/{{providerId}}"
OIDC_ROUTES: tuple[Route, ...] = (
    Route("GET", f"{OIDC}/providers", "listOIDCProviders", oidc.list_providers, permission=PUBLIC),
    Route("GET", f"{OIDC}/auth/{{provider}}", "oidcAuthorize", oidc.authorize, permission=PUBLIC),
    Route("GET", f"{OIDC}/callback/{{provider}}", "oidcCallback", oidc.callback, permission=PUBLIC),
    Route("GET", MY_OIDC, "listUserOIDCLinks", oidc.list_links, permission=SIGNED_IN),
    Route(
        "POST",
        f"{MY_OIDC}/{{provider}}/link",
        "initOIDCLink",
        oidc.begin_link,
        permission=PROFILE_UPDATE,
    ),
    Route(
        "DELETE",
        f"{MY_OIDC}/{{provider}}",
        "unlinkOIDCProvider",
        oidc.unlink,
        permission=PROFILE_UPDATE,
    ),
    Route("GET", ADMIN_OIDC, "adminListOIDCProviders", oidc.admin_list, permission=ADMIN_ONLY),
    Route("POST", ADMIN_OIDC, "adminCreateOIDCProvider", oidc.admin_create, permission=ADMIN_ONLY),
    Route("GET", ADMIN_OIDC_ONE, "adminGetOIDCProvider", oidc.admin_get, permission=ADMIN_ONLY),
    Route(
        "PATCH",
        ADMIN_OIDC_ONE,
        "adminUpdateOIDCProvider",
        oidc.admin_update,
        permission=ADMIN_ONLY,
    ),
    Route(
        "DELETE",
        ADMIN_OIDC_ONE,
        "adminDeleteOIDCProvider",
        oidc.admin_delete,
        permission=ADMIN_ONLY,
    ),
    Route(
        "POST",
        f"{ADMIN_OIDC_ONE}/enable",
        "adminEnableOIDCProvider",
        oidc.admin_enable,
        permission=ADMIN_ONLY,
    ),
    Route(
        "POST",
        f"{ADMIN_OIDC_ONE}/disable",
        "adminDisableOIDCProvider",
        oidc.admin_disable,
        permission=ADMIN_ONLY,
    ),
    Route(
        "POST",
        f"{ADMIN_OIDC_ONE}/default",
        "adminSetDefaultOIDCProvider",
        oidc.admin_set_default,
        permission=ADMIN_ONLY,
    ),
)
# --- playback routes ---
PLAYBACK, STREAM = "/api/v1/playback/sessions", "playback:stream"
PLAYBACK_ROUTES: tuple[Route, ...] = (
    Route(
        "POST",
        PLAYBACK,
        "startPlaybackSession",
        playback_handlers.start_playback_session,
        permission=STREAM,
    ),
    Route(
        "GET",
        f"{PLAYBACK}/{{sessionId}}",
        "getPlaybackSession",
        playback_handlers.get_playback_session,
        permission=STREAM,
    ),
    Route(
        "DELETE",
        f"{PLAYBACK}/{{sessionId}}",
        "stopPlaybackSession",
        playback_handlers.stop_playback_session,
        permission=STREAM,
    ),
    # Keeping a session alive is streaming; the position becomes watch progress only for
    # callers holding playback:progress.
    Route(
        "POST",
        f"{PLAYBACK}/{{sessionId}}/heartbeat",
        "heartbeatPlaybackSession",
        playback_handlers.heartbeat_playback_session,
        permission=STREAM,
    ),
    Route("GET", "/api/v1/events", "streamEvents", live_events.stream_events, permission=SIGNED_IN),
)
# --- integrations routes ---
ARR = "/api/v1/admin/integrations"
INTEGRATIONS_GET, INTEGRATIONS_SYNC = "integrations:get", "integrations:sync"


def _arr_routes(service: str, name: str) -> tuple[Route, ...]:
    """Status, sync, profiles and folders of Radarr or Sonarr; the webhook takes a shared
    secret instead of a user (checked by its handler), so the route itself is public."""
    handler = arr_handlers.handlers_of(service)
    return (
        Route(
            "GET",
            f"{ARR}/{service}/status",
            f"adminGet{name}Status",
            handler.status,
            permission=INTEGRATIONS_GET,
        ),
        Route(
            "POST",
            f"{ARR}/{service}/sync",
            f"adminTrigger{name}Sync",
            handler.sync,
            permission=INTEGRATIONS_SYNC,
        ),
        Route(
            "GET",
            f"{ARR}/{service}/quality-profiles",
            f"adminGet{name}QualityProfiles",
            handler.quality_profiles,
            permission=INTEGRATIONS_GET,
        ),
        Route(
            "GET",
            f"{ARR}/{service}/root-folders",
            f"adminGet{name}RootFolders",
            handler.root_folders,
            permission=INTEGRATIONS_GET,
        ),
        Route(
            "POST",
            f"/api/v1/webhooks/{service}",
            f"handle{name}Webhook",
            handler.webhook,
            permission=PUBLIC,
        ),
    )


INTEGRATION_ROUTES: tuple[Route, ...] = (
    *_arr_routes("radarr", "Radarr"),
    *_arr_routes("sonarr", "Sonarr"),
)

ROUTES: tuple[Route, ...] = (
    *HEALTH_ROUTES,
    *DOCS_ROUTES,
    *AUTH_ROUTES,
    *SESSION_ROUTES,
    *WEBAUTHN_ROUTES,
    *API_KEY_ROUTES,
    *RBAC_ROUTES,
    *MFA_ROUTES,
    *SETTINGS_ROUTES,
    *ACTIVITY_ROUTES,
    *ACCOUNT_ROUTES,
    *LIBRARY_ROUTES,
    *MOVIE_ROUTES,
    *TVSHOW_ROUTES,
    *SCAN_ROUTES,
    *METADATA_ROUTES,
    *IMAGE_ROUTES,
    *SEARCH_ROUTES,
    *OIDC_ROUTES,
    *PLAYBACK_ROUTES,
    *INTEGRATION_ROUTES,
)
