"""OIDC sign-in: configured providers, the authorization-code flow, and account links."""

from revenge_domain.oidc.admin import OidcProviders
from revenge_domain.oidc.model import (
    AuthRequest,
    ClaimMappings,
    Endpoints,
    InvalidIdToken,
    LinkView,
    OidcLink,
    OidcProvider,
    OidcProviderNotFound,
    OidcProviderUnavailable,
    ProviderType,
)
from revenge_domain.oidc.signin import CallbackResult, OidcSignIn

__all__ = [
    "AuthRequest",
    "CallbackResult",
    "ClaimMappings",
    "Endpoints",
    "InvalidIdToken",
    "LinkView",
    "OidcLink",
    "OidcProvider",
    "OidcProviderNotFound",
    "OidcProviderUnavailable",
    "OidcProviders",
    "OidcSignIn",
    "ProviderType",
]
