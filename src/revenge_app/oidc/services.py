"""What the OIDC handlers read from the app."""

from __future__ import annotations

import attrs
from aiohttp import web

from revenge_domain.oidc import OidcProviders, OidcSignIn


@attrs.frozen
class Oidc:
    # Sign-in through OIDC providers and account links.
    sign_in: OidcSignIn
    # The admin's provider settings.
    providers: OidcProviders


OIDC = web.AppKey("oidc", Oidc)
