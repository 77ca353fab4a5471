"""Failures of metadata providers, as the domain sees them.

A title the provider does not know is not an error of the provider: ports return None for it, and
the read use cases raise `MetadataNotFound`.
"""

from __future__ import annotations

from revenge_domain.errors import DomainError, NotFound


class MetadataNotFound(NotFound):
    code = "metadata_not_found"


class ProviderError(DomainError):
    """Base of every failure of a provider; `provider` names it (tmdb, tvdb, omdb, fanarttv)."""

    code = "provider_error"

    def __init__(self, provider: str, message: str) -> None:
        super().__init__(f"{provider}: {message}", {"provider": provider})
        self.provider = provider


class ProviderNotConfigured(ProviderError):
    """The provider has no API key (or is switched off): it is disabled."""

    code = "provider_not_configured"

    def __init__(self, provider: str, message: str = "provider is not configured") -> None:
        super().__init__(provider, message)


class ProviderUnavailable(ProviderError):
    """The provider could not be reached, timed out or answered with a server error."""

    code = "provider_unavailable"


class ProviderAuthRejected(ProviderUnavailable):
    """The provider refused our API key (HTTP 401/403)."""

    code = "provider_auth_rejected"


class ProviderRateLimited(ProviderError):
    """The provider (or our own limiter for it) asks to wait `retry_after_s` seconds."""

    code = "provider_rate_limited"

    def __init__(self, provider: str, retry_after_s: float) -> None:
        super().__init__(provider, f"rate limited, retry after {retry_after_s:g} s")
        self.retry_after_s = retry_after_s
        self.details["retry_after_seconds"] = retry_after_s


class ProviderBadResponse(ProviderError):
    """The provider answered something we cannot read (malformed JSON, unexpected shape)."""

    code = "provider_bad_response"


class ProviderCannotDo(ProviderError):
    """The chosen provider does not offer this operation (e.g. person search on OMDb)."""

    code = "provider_cannot_do"
