"""The route table: every operation the server answers, each declared once.

Features add their routes here; `create_app` refuses to start when this table and the
OpenAPI document disagree.
"""

from __future__ import annotations

from revenge_app.http.docs import get_openapi_document
from revenge_app.http.handlers import auth, sessions
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

ROUTES: tuple[Route, ...] = (*HEALTH_ROUTES, *DOCS_ROUTES, *AUTH_ROUTES, *SESSION_ROUTES)
