"""Originals fetched over HTTP from the configured provider image hosts, and from nowhere else.

Every hop (the first request and each redirect, followed by hand) must stay on one of the
configured origins, and follows the outbound policy (public addresses only, unless allowed).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

import aiohttp
from yarl import URL

from revenge_adapters.outbound import OutboundPolicy
from revenge_domain.images import ImageNotFound, ImageSourceFailed, Provider, ProviderImage

log = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
CHUNK = 64 * 1024

Origin = tuple[str, str, int]


def _origin(url: URL) -> Origin:
    return (url.scheme, (url.host or "").lower(), url.port or 0)


class HttpImageFetcher:
    """The ImageFetcher port over aiohttp. `bases` maps each provider to the base URL its
    paths are relative to (e.g. TMDb: https://image.tmdb.org/t/p/original)."""

    def __init__(
        self,
        bases: Mapping[Provider, str],
        *,
        policy: OutboundPolicy | None = None,
        max_bytes: int = 20 * 1024 * 1024,
        timeout_s: float = 30.0,
    ) -> None:
        self._bases = {provider: URL(base.rstrip("/")) for provider, base in bases.items()}
        self._origins = {_origin(url) for url in self._bases.values()}
        self._policy = policy or OutboundPolicy()
        self._max_bytes = max_bytes
        self._timeout_s = timeout_s
        self._session: aiohttp.ClientSession | None = None

    async def fetch(self, image: ProviderImage) -> bytes:
        base = self._bases.get(image.provider)
        if base is None:
            raise ImageSourceFailed(f"no image host is configured for {image.provider.value}")
        try:
            async with asyncio.timeout(self._timeout_s):
                return await self._follow(URL(f"{base}/{image.path}"))
        except TimeoutError:
            raise ImageSourceFailed("the image host did not answer in time") from None
        except (aiohttp.ClientError, OSError) as exc:
            log.warning("image host unreachable", extra={"fields": {"error": str(exc)}})
            raise ImageSourceFailed("the image host could not be reached") from None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _follow(self, url: URL) -> bytes:
        for _ in range(MAX_REDIRECTS + 1):
            self._check(url)
            async with self._client().get(url, allow_redirects=False) as response:
                if response.status in REDIRECTS:
                    url = url.join(URL(response.headers.get("Location", "")))
                    continue
                if response.status == 404:
                    raise ImageNotFound("the provider has no such image")
                if response.status != 200:
                    raise ImageSourceFailed(f"the image host answered {response.status}")
                return await self._body(response)
        raise ImageSourceFailed("the image host redirected too many times")

    def _check(self, url: URL) -> None:
        if url.scheme not in ("http", "https") or _origin(url) not in self._origins:
            raise ImageSourceFailed(f"{url.host} is not a configured image host")
        reason = self._policy.refusal(url)
        if reason is not None:
            raise ImageSourceFailed(reason)

    async def _body(self, response: aiohttp.ClientResponse) -> bytes:
        length = response.content_length
        if length is not None and length > self._max_bytes:
            raise ImageSourceFailed(f"the image is larger than {self._max_bytes} bytes")
        body = bytearray()
        async for chunk in response.content.iter_chunked(CHUNK):
            body.extend(chunk)
            if len(body) > self._max_bytes:
                raise ImageSourceFailed(f"the image is larger than {self._max_bytes} bytes")
        return bytes(body)

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = self._policy.session(headers={"User-Agent": "Revenge"})
        return self._session
