"""Metadata provider adapters: TMDb, TheTVDB, OMDb and Fanart.tv over HTTP, and their cache."""

from revenge_adapters.metadata.client import ProviderSettings
from revenge_adapters.metadata.fanart import FanartProvider
from revenge_adapters.metadata.omdb import OmdbProvider
from revenge_adapters.metadata.tmdb import TmdbProvider
from revenge_adapters.metadata.tvdb import TvdbProvider

__all__ = ["FanartProvider", "OmdbProvider", "ProviderSettings", "TmdbProvider", "TvdbProvider"]
