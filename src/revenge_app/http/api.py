"""The handler modules of the API, listed once: each exports the `OPERATIONS` it answers."""

from __future__ import annotations

from revenge_app.http import docs, health
from revenge_app.http.handlers import (
    activity,
    api_keys,
    auth,
    events,
    images,
    integrations,
    libraries,
    lockout,
    metadata,
    mfa,
    movies,
    oidc,
    playback,
    rbac,
    recovery,
    refresh,
    scanning,
    search,
    search_reindex,
    sessions,
    settings,
    tvshows,
    users,
    webauthn,
)
from revenge_app.http.routes import Operations
from revenge_app.streaming import routes as streaming

API_OPERATIONS: tuple[Operations, ...] = (
    health.OPERATIONS,
    docs.OPERATIONS,
    auth.OPERATIONS,
    sessions.OPERATIONS,
    webauthn.OPERATIONS,
    api_keys.OPERATIONS,
    rbac.OPERATIONS,
    mfa.OPERATIONS,
    settings.OPERATIONS,
    activity.OPERATIONS,
    recovery.OPERATIONS,
    users.OPERATIONS,
    lockout.OPERATIONS,
    libraries.OPERATIONS,
    movies.OPERATIONS,
    tvshows.OPERATIONS,
    refresh.OPERATIONS,
    scanning.OPERATIONS,
    metadata.OPERATIONS,
    images.OPERATIONS,
    search.OPERATIONS,
    search_reindex.OPERATIONS,
    oidc.OPERATIONS,
    playback.OPERATIONS,
    streaming.OPERATIONS,
    events.OPERATIONS,
    integrations.OPERATIONS,
)
