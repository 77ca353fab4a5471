"""OMDb: ratings from IMDb, Rotten Tomatoes and Metacritic for a title known by its IMDb id.

OMDb answers a title it does not know with HTTP 200 and `{"Response": "False", "Error": ...}`,
and a spent daily quota with HTTP 401 and "Request limit reached!".
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from revenge_adapters.metadata.client import ProviderHttp, ProviderSettings, mapped
from revenge_adapters.metadata.plugin import (
    ProviderAdapters,
    ProviderPlugin,
    ServiceSettings,
    http_url,
)
from revenge_domain.metadata.errors import ProviderError, ProviderRateLimited
from revenge_domain.metadata.model import Capability, Ratings
from revenge_domain.ratings import ExternalRating

DEFAULT_BASE_URL = "https://www.omdbapi.com"
QUOTA_RETRY_AFTER_S = 3600.0
_IMDB_ID = re.compile(r"tt\d{5,10}")
_NOT_FOUND = ("not found", "incorrect imdb id")


class OmdbProvider:
    """Implements `RatingsProvider`."""

    def __init__(self, settings: ProviderSettings) -> None:
        self.settings = settings
        self.http = ProviderHttp(settings, classify=self._classify)

    async def close(self) -> None:
        await self.http.close()

    async def ratings(self, imdb_id: str, language: str) -> Ratings | None:
        if not _IMDB_ID.fullmatch(imdb_id):
            return None
        params = {"i": imdb_id, "apikey": self.settings.api_key, "plot": "short", "r": "json"}
        body = await self.http.get("/", params)
        if body is None or _not_found(body):
            return None
        return mapped(self.settings.name, ratings_of, body)

    def _classify(self, status: int, body: Any) -> ProviderError | None:
        error = str(body.get("Error", "")) if isinstance(body, dict) else ""
        if "limit reached" in error.lower():
            return ProviderRateLimited(self.settings.name, QUOTA_RETRY_AFTER_S)
        return None


def _not_found(body: Any) -> bool:
    if not isinstance(body, dict) or body.get("Response") != "False":
        return False
    return any(words in str(body.get("Error", "")).lower() for words in _NOT_FOUND)


def ratings_of(body: dict[str, Any]) -> Ratings:
    return Ratings(
        imdb_id=body["imdbID"],
        ratings=tuple(r for r in (_rating(item) for item in body.get("Ratings") or ()) if r),
        imdb_rating=_number(body.get("imdbRating")),
        imdb_votes=_whole(body.get("imdbVotes")),
        metascore=_whole(body.get("Metascore")),
        rated=_text(body.get("Rated")),
        awards=_text(body.get("Awards")),
        box_office=_text(body.get("BoxOffice")),
    )


def _rating(item: dict[str, Any]) -> ExternalRating | None:
    source, value = str(item.get("Source", "")), str(item.get("Value", ""))
    score = _score(value)
    return None if score is None else ExternalRating(source=source, value=value, score=score)


def _score(value: str) -> float | None:
    """0-100 from "8.7/10", "83%" or "73/100"."""
    try:
        if value.endswith("%"):
            return float(value[:-1])
        number, _, scale = value.partition("/")
        return round(float(number) * 100 / float(scale), 1)
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    return None if value in (None, "", "N/A") else str(value)


def _number(value: Any) -> float | None:
    text = _text(value)
    try:
        return None if text is None else float(text)
    except ValueError:
        return None


def _whole(value: Any) -> int | None:
    text = _text(value)
    try:
        return None if text is None else int(text.replace(",", ""))
    except ValueError:
        return None


@attrs.frozen
class OmdbSettings(ServiceSettings):
    base_url: str = attrs.field(default=DEFAULT_BASE_URL, validator=http_url)


def _adapters(connection: ProviderSettings, settings: OmdbSettings) -> ProviderAdapters:
    omdb = OmdbProvider(connection)
    return ProviderAdapters(omdb.close, ratings=omdb)


PLUGIN = ProviderPlugin(
    name="omdb",
    title="OMDb",
    capabilities=(Capability.RATINGS,),
    settings=OmdbSettings,
    factory=_adapters,
)
