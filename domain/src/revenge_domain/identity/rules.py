"""Settings the identity use cases obey (lifetimes, registration)."""

from __future__ import annotations

import attrs

from revenge_domain.identity.lockout import Lockout


@attrs.frozen
class AuthRules:
    access_ttl_s: int = 900
    refresh_ttl_s: int = 604_800
    registration_enabled: bool = True
    lockout: Lockout = attrs.Factory(Lockout)
