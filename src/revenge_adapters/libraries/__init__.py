"""Libraries on PostgreSQL and the local file system."""

from revenge_adapters.libraries.access import PgLibraryAccess
from revenge_adapters.libraries.folders import LocalFolders
from revenge_adapters.libraries.store import PgLibraryStore

__all__ = ["LocalFolders", "PgLibraryAccess", "PgLibraryStore"]
