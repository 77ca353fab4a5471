"""The identity feature: its operations, the credentials check of every request, and the
grants loaded once the database is migrated."""

from __future__ import annotations

from typing import Any

from revenge_app.http.state import CREDENTIALS
from revenge_app.identity import (
    api_keys,
    auth,
    lockout,
    mfa,
    rbac,
    recovery,
    sessions,
    users,
    webauthn,
)
from revenge_app.identity.container import IDENTITY
from revenge_app.registry import Feature, Features, resolved

MODULES = (auth, sessions, webauthn, api_keys, rbac, mfa, recovery, users, lockout)


async def register(features: Features, container: Any) -> None:
    services = await resolved(container.services())
    features.provide(IDENTITY, services)
    features.provide(CREDENTIALS, await resolved(container.credentials_check()))
    policy = await resolved(container.policy())
    # Loaded at start-up; on a fresh database that load found no tables.
    features.once_migrated(policy.refresh)


FEATURE = Feature("identity", register, tuple(module.OPERATIONS for module in MODULES))
