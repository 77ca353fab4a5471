"""One HTTP client per provider: a shared aiohttp session, a timeout, a rate limiter, and the
translation of HTTP failures into the domain's provider errors."""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import aiohttp
import attrs

from revenge_adapters.metadata.rate_limit import TokenBucket
from revenge_adapters.outbound import OutboundPolicy
from revenge_domain.metadata.errors import (
    ProviderAuthRejected,
    ProviderBadResponse,
    ProviderError,
    ProviderNotConfigured,
    ProviderRateLimited,
    ProviderUnavailable,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_RETRY_AFTER_S = 1.0
# A provider-specific reading of an answer (status, parsed body) that is an error despite its
# status, e.g. OMDb's "Request limit reached!" on a 401; None keeps the usual reading.
Classifier = Callable[[int, Any], ProviderError | None]


@attrs.frozen
class ProviderSettings:
    """How to reach one provider; an empty `api_key` means the provider is disabled."""

    name: str
    base_url: str
    api_key: str = attrs.field(default="", repr=False)
    timeout_s: float = 10.0
    rate_per_s: float = 4.0
    burst: int = 8
    language: str = "en"
    fallback_language: str = "en"
    policy: OutboundPolicy = attrs.field(factory=OutboundPolicy)

    @property
    def enabled(self) -> bool:
        return bool(self.api_key)


class ProviderHttp:
    """GET/POST JSON at `settings.base_url`; 404 gives None, other failures raise."""

    def __init__(self, settings: ProviderSettings, classify: Classifier | None = None) -> None:
        self.settings = settings
        self.limiter = TokenBucket(
            settings.name,
            settings.rate_per_s,
            settings.burst,
            max_wait_s=settings.timeout_s,
        )
        self._classify = classify
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(
        self,
        path: str,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any | None:
        return await self._call("GET", path, params=params, headers=headers)

    async def post(
        self, path: str, body: Mapping[str, Any], headers: Mapping[str, str] | None = None
    ) -> Any | None:
        return await self._call("POST", path, json_body=body, headers=headers)

    def _open(self) -> aiohttp.ClientSession:
        if not self.settings.enabled:
            raise ProviderNotConfigured(self.settings.name)
        if self._session is None or self._session.closed:
            timeout = aiohttp.ClientTimeout(total=self.settings.timeout_s)
            self._session = self.settings.policy.session(
                timeout=timeout, headers={"Accept": "application/json"}, raise_for_status=False
            )
        return self._session

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        json_body: Mapping[str, Any] | None = None,
    ) -> Any | None:
        session = self._open()
        await self.limiter.acquire()
        url = self.settings.base_url.rstrip("/") + path
        name = self.settings.name
        try:
            async with session.request(
                method, url, params=params, headers=headers, json=json_body
            ) as response:
                text = await response.text(errors="replace")
                status, retry_after = response.status, response.headers.get("Retry-After")
        except TimeoutError:
            raise ProviderUnavailable(
                name, f"no answer within {self.settings.timeout_s:g} s"
            ) from None
        except (aiohttp.ClientError, OSError) as exc:
            raise ProviderUnavailable(name, f"cannot be reached ({type(exc).__name__})") from None
        return self._read(status, text, retry_after)

    def _read(self, status: int, text: str, retry_after: str | None) -> Any | None:
        name = self.settings.name
        body = _parse(text)
        if self._classify is not None:
            special = self._classify(status, body)
            if special is not None:
                raise special
        if status == 404:
            return None
        if status == 429:
            seconds = retry_after_seconds(retry_after)
            self.limiter.pause(seconds)
            raise ProviderRateLimited(name, seconds)
        if status in (401, 403):
            raise ProviderAuthRejected(name, f"refused the API key (HTTP {status})")
        if status >= 500:
            raise ProviderUnavailable(name, f"answered HTTP {status}")
        if status >= 400:
            raise ProviderBadResponse(name, f"answered HTTP {status}")
        if body is _MALFORMED:
            log.warning("metadata provider %s answered malformed JSON", name)
            raise ProviderBadResponse(name, "answered malformed JSON")
        return body


_MALFORMED = object()


def _parse(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return _MALFORMED


def retry_after_seconds(value: str | None, now: Callable[[], float] = time.time) -> float:
    """Seconds from a Retry-After header (seconds or an HTTP date); 1 s when absent or odd."""
    if not value:
        return DEFAULT_RETRY_AFTER_S
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER_S
    return max(0.0, when.timestamp() - now())


def mapped(provider: str, to_model: Callable[[dict[str, Any]], T], body: Any) -> T:
    """`to_model(body)`; a body of an unexpected shape is the provider's bad response."""
    if not isinstance(body, dict):
        raise ProviderBadResponse(provider, "answered something other than a JSON object")
    try:
        return to_model(body)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise ProviderBadResponse(provider, f"answered an unexpected shape ({exc!r})") from None
