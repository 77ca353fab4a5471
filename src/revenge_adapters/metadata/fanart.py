"""Fanart.tv v3: logos, clear art, discs, banners, thumbs, posters and backgrounds.

Movies are looked up by TMDb or IMDb id, series by TheTVDB id. A personal `client_key` may be sent
beside the project key.
"""

from __future__ import annotations

from typing import Any

import attrs

from revenge_adapters.metadata.client import ProviderHttp, ProviderSettings, mapped
from revenge_adapters.metadata.plugin import (
    ProviderAdapters,
    ProviderPlugin,
    ServiceSettings,
    http_url,
)
from revenge_domain.metadata.model import Capability, Image, ImageKind, Images

DEFAULT_BASE_URL = "https://webservice.fanart.tv/v3"

MOVIE_KINDS = {
    "movieposter": ImageKind.POSTER,
    "moviebackground": ImageKind.BACKDROP,
    "hdmovielogo": ImageKind.LOGO,
    "movielogo": ImageKind.LOGO,
    "hdmovieclearart": ImageKind.CLEARART,
    "movieart": ImageKind.CLEARART,
    "moviedisc": ImageKind.DISC,
    "moviebanner": ImageKind.BANNER,
    "moviethumb": ImageKind.THUMB,
}
SERIES_KINDS = {
    "tvposter": ImageKind.POSTER,
    "showbackground": ImageKind.BACKDROP,
    "hdtvlogo": ImageKind.LOGO,
    "clearlogo": ImageKind.LOGO,
    "hdclearart": ImageKind.CLEARART,
    "clearart": ImageKind.CLEARART,
    "tvbanner": ImageKind.BANNER,
    "tvthumb": ImageKind.THUMB,
    "seasonposter": ImageKind.POSTER,
    "seasonbanner": ImageKind.BANNER,
    "seasonthumb": ImageKind.THUMB,
    "characterart": ImageKind.CLEARART,
}


class FanartProvider:
    """Implements `ArtworkProvider`."""

    def __init__(self, settings: ProviderSettings, client_key: str = "") -> None:
        self.settings = settings
        self.http = ProviderHttp(settings)
        self._client_key = client_key

    async def close(self) -> None:
        await self.http.close()

    async def movie_artwork(self, movie_id: str, language: str | None) -> Images | None:
        return await self._artwork(f"/movies/{movie_id}", MOVIE_KINDS, movie_id, language)

    async def series_artwork(self, tvdb_id: str, language: str | None) -> Images | None:
        return await self._artwork(f"/tv/{tvdb_id}", SERIES_KINDS, tvdb_id, language)

    async def _artwork(
        self, path: str, kinds: dict[str, ImageKind], wanted_id: str, language: str | None
    ) -> Images | None:
        if not wanted_id.isalnum():
            return None
        params = {"api_key": self.settings.api_key}
        if self._client_key:
            params["client_key"] = self._client_key
        body = await self.http.get(path, params)
        if body is None or (isinstance(body, dict) and body.get("status") == "error"):
            return None
        images = mapped(self.settings.name, lambda b: artwork_of(b, kinds), body)
        return images.in_language(language)


def artwork_of(body: dict[str, Any], kinds: dict[str, ImageKind]) -> Images:
    found: list[Image] = []
    for group, kind in kinds.items():
        for item in body.get(group) or ():
            found.append(_image(item, kind, is_season=group.startswith("season")))
    found.sort(key=lambda image: -image.vote_count)
    return Images.of(found)


def _image(item: dict[str, Any], kind: ImageKind, is_season: bool) -> Image:
    season = str(item.get("season", ""))
    language = item.get("lang") or None
    return Image(
        kind=kind,
        file_path=item["url"],
        language=None if language in ("00", "") else language,
        vote_count=int(item.get("likes") or 0),
        season_number=int(season) if is_season and season.isdigit() else None,
    )


@attrs.frozen
class FanartSettings(ServiceSettings):
    """`client_key`: a personal key sent beside the project key."""

    client_key: str = attrs.field(default="", repr=False)
    base_url: str = attrs.field(default=DEFAULT_BASE_URL, validator=http_url)


def _adapters(connection: ProviderSettings, settings: FanartSettings) -> ProviderAdapters:
    fanart = FanartProvider(connection, client_key=settings.client_key)
    return ProviderAdapters(fanart.close, artwork=fanart)


PLUGIN = ProviderPlugin(
    name="fanarttv",
    title="Fanart.tv",
    capabilities=(Capability.IMAGE,),
    settings=FanartSettings,
    factory=_adapters,
)
