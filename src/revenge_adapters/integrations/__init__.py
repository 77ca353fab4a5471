"""Radarr and Sonarr: their v3 APIs, and the catalogue and sync state as the syncs write them."""

from revenge_adapters.integrations.catalog import PgArrCatalog
from revenge_adapters.integrations.clients import RadarrApi, SonarrApi
from revenge_adapters.integrations.http import ArrHttp
from revenge_adapters.integrations.sync_states import PgSyncStates

__all__ = ["ArrHttp", "PgArrCatalog", "PgSyncStates", "RadarrApi", "SonarrApi"]
