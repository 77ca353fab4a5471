"""TheTVDB API v4: series, seasons and episodes.

The API key (and a subscriber PIN, when there is one) is exchanged at `/login` for a bearer token
that lasts a month; it is kept in memory and renewed once when a call is refused with 401.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import attrs

from revenge_adapters.metadata import tvdb_mapping as tv
from revenge_adapters.metadata.client import ProviderHttp, ProviderSettings, mapped
from revenge_adapters.metadata.fallback import with_fallback
from revenge_adapters.metadata.plugin import (
    ProviderAdapters,
    ProviderPlugin,
    ServiceSettings,
    http_url,
    positive,
)
from revenge_domain.metadata.errors import ProviderAuthRejected, ProviderBadResponse
from revenge_domain.metadata.model import (
    Capability,
    ContentRating,
    Credits,
    Episode,
    ExternalIds,
    Images,
    SearchPage,
    Season,
    Series,
    SeriesResult,
)

DEFAULT_BASE_URL = "https://api4.thetvdb.com/v4"


class TvdbProvider:
    """Implements `TVProvider`."""

    def __init__(self, settings: ProviderSettings, pin: str = "") -> None:
        self.settings = settings
        self.http = ProviderHttp(settings)
        self._pin = pin
        self._token: str | None = None
        self._login_lock = asyncio.Lock()

    async def close(self) -> None:
        await self.http.close()

    async def search_series(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> SearchPage[SeriesResult]:
        params: dict[str, str | int] = {"query": query, "type": "series", "limit": 50}
        if year is not None:
            params["year"] = year
        if page > 1:
            params["offset"] = (page - 1) * 50
        body = await self._get("/search", params)
        return mapped(self.settings.name, lambda b: tv.search_page_of(b, language), body or {})

    async def series(self, series_id: str, language: str) -> Series | None:
        data = await self._series_data(series_id, short=False)
        if data is None:
            return None
        fallback = self.settings.fallback_language
        return mapped(self.settings.name, lambda d: tv.series_of(d, language, fallback), data)

    async def series_credits(self, series_id: str, language: str) -> Credits | None:
        found = await self.series(series_id, language)
        return None if found is None else found.credits

    async def series_images(self, series_id: str, language: str | None) -> Images | None:
        found = await self.series(series_id, language or self.settings.language)
        return None if found is None else found.images.in_language(language)

    async def series_content_ratings(
        self, series_id: str, language: str
    ) -> tuple[ContentRating, ...] | None:
        found = await self.series(series_id, language)
        return None if found is None else found.content_ratings

    async def series_external_ids(self, series_id: str, language: str) -> ExternalIds | None:
        found = await self.series(series_id, language)
        return None if found is None else found.external_ids

    async def season(self, series_id: str, season_number: int, language: str) -> Season | None:
        data = await self._series_data(series_id, short=True)
        if data is None:
            return None
        wanted = [s for s in tv.official_seasons(data) if s.get("number") == season_number]
        if not wanted:
            return None
        extended = await self._data(f"/seasons/{wanted[0]['id']}/extended", {}) or wanted[0]

        async def fetch(lang: str, full: bool) -> Season | None:
            episodes = await self._episodes(series_id, lang, {"season": season_number})
            return mapped(
                self.settings.name,
                lambda s: tv.season_of(series_id, s, episodes or [], lang),
                extended,
            )

        return await with_fallback(fetch, language, self.settings.fallback_language)

    async def season_images(
        self, series_id: str, season_number: int, language: str | None
    ) -> Images | None:
        found = await self.season(series_id, season_number, language or self.settings.language)
        return None if found is None else found.images.in_language(language)

    async def episode(
        self, series_id: str, season_number: int, episode_number: int, language: str
    ) -> Episode | None:
        where = {"season": season_number, "episodeNumber": episode_number}

        async def fetch(lang: str, full: bool) -> Episode | None:
            episodes = await self._episodes(series_id, lang, where)
            if not episodes:
                return None
            return mapped(
                self.settings.name, lambda e: tv.episode_of(series_id, e, lang), episodes[0]
            )

        return await with_fallback(fetch, language, self.settings.fallback_language)

    async def episode_images(
        self, series_id: str, season_number: int, episode_number: int, language: str | None
    ) -> Images | None:
        wanted = language or self.settings.language
        found = await self.episode(series_id, season_number, episode_number, wanted)
        return None if found is None else found.images

    async def _series_data(self, series_id: str, *, short: bool) -> dict[str, Any] | None:
        if not series_id.isdigit():
            return None
        params = {"meta": "translations", "short": "true" if short else "false"}
        return await self._data(f"/series/{series_id}/extended", params)

    async def _episodes(
        self, series_id: str, language: str, where: Mapping[str, str | int]
    ) -> list[dict[str, Any]] | None:
        if not series_id.isdigit():
            return None
        path = f"/series/{series_id}/episodes/official/{tv.tvdb_language(language)}"
        data = await self._data(path, {**where, "page": 0})
        episodes = (data or {}).get("episodes")
        return [e for e in episodes if isinstance(e, dict)] if isinstance(episodes, list) else None

    async def _data(self, path: str, params: Mapping[str, str | int]) -> dict[str, Any] | None:
        body = await self._get(path, params)
        if body is None:
            return None
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict):
            raise ProviderBadResponse(self.settings.name, "answered without a `data` object")
        return data

    async def _get(self, path: str, params: Mapping[str, str | int]) -> Any | None:
        token = await self._login()
        try:
            return await self.http.get(path, params, {"Authorization": f"Bearer {token}"})
        except ProviderAuthRejected:
            self._token = None  # expired or revoked: log in again, once
            token = await self._login()
            return await self.http.get(path, params, {"Authorization": f"Bearer {token}"})

    async def _login(self) -> str:
        async with self._login_lock:
            if self._token is None:
                body: dict[str, str] = {"apikey": self.settings.api_key}
                if self._pin:
                    body["pin"] = self._pin
                answer = await self.http.post("/login", body)
                data = answer.get("data") if isinstance(answer, dict) else None
                token = data.get("token") if isinstance(data, dict) else None
                if not isinstance(token, str) or not token:
                    raise ProviderBadResponse(self.settings.name, "login gave no token")
                self._token = token
            return self._token


@attrs.frozen
class TvdbSettings(ServiceSettings):
    """`pin`: the subscriber PIN, when the key is a user-supported one."""

    pin: str = attrs.field(default="", repr=False)
    base_url: str = attrs.field(default=DEFAULT_BASE_URL, validator=http_url)
    rate_per_s: float = attrs.field(default=5.0, validator=positive)


def _adapters(connection: ProviderSettings, settings: TvdbSettings) -> ProviderAdapters:
    tvdb = TvdbProvider(connection, pin=settings.pin)
    return ProviderAdapters(tvdb.close, series=tvdb)


PLUGIN = ProviderPlugin(
    name="tvdb",
    title="TheTVDB",
    capabilities=(Capability.TVSHOW, Capability.IMAGE),
    settings=TvdbSettings,
    factory=_adapters,
)
