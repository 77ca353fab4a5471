"""The metadata providers the server knows: one entry per provider plugin (see `plugin.py`)."""

from revenge_adapters.metadata import fanart, omdb, tmdb, tvdb
from revenge_adapters.metadata.plugin import ProviderRegistry

PROVIDERS = ProviderRegistry(
    (
        tmdb.PLUGIN,
        tvdb.PLUGIN,
        omdb.PLUGIN,
        fanart.PLUGIN,
    )
)
