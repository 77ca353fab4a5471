"""The TV catalogue and watch state on PostgreSQL, with cached catalogue reads."""

from revenge_adapters.tvshows.cached import CachedTVCatalog
from revenge_adapters.tvshows.catalog import PgTVCatalog
from revenge_adapters.tvshows.viewing import PgViewingRecord
from revenge_adapters.tvshows.watch import PgWatchState

__all__ = ["CachedTVCatalog", "PgTVCatalog", "PgViewingRecord", "PgWatchState"]
