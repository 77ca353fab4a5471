"""JSON over HTTP to Radarr or Sonarr (`/api/v3`, `X-Api-Key`), failures as domain errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp

from revenge_adapters.outbound import OutboundPolicy
from revenge_domain.integrations.model import ArrItemMissing, IntegrationUnreachable


class ArrHttp:
    def __init__(
        self,
        name: str,
        base_url: str,
        api_key: str,
        timeout_s: float,
        policy: OutboundPolicy | None = None,
    ) -> None:
        self._name, self._base = name, base_url.rstrip("/")
        self._policy = policy or OutboundPolicy()
        self._headers = {"X-Api-Key": api_key, "Accept": "application/json"}
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(self, path: str, params: Mapping[str, str | int] | None = None) -> Any:
        """The parsed JSON answer; 404 raises `ArrItemMissing`, other failures
        `IntegrationUnreachable`."""
        if self._session is None or self._session.closed:
            self._session = self._policy.session(timeout=self._timeout, headers=self._headers)
        try:
            async with self._session.get(self._base + path, params=params) as response:
                if response.status == 404:
                    raise ArrItemMissing(f"{self._name} does not know {path}")
                if response.status >= 400:
                    raise self._unreachable(f"answered {response.status}")
                return await response.json(content_type=None)
        except TimeoutError:
            raise self._unreachable("did not answer in time") from None
        except (aiohttp.ClientError, OSError, ValueError) as exc:
            raise self._unreachable(f"cannot be reached ({type(exc).__name__})") from None

    def _unreachable(self, why: str) -> IntegrationUnreachable:
        return IntegrationUnreachable(f"{self._name} {why}", {"service": self._name.lower()})
