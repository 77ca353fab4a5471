"""Libraries: folders of movies or TV shows, their scans, and per-user permissions to read them."""

from revenge_domain.libraries.cases import Libraries, LibraryActions, LibraryPermissions
from revenge_domain.libraries.model import (
    Access,
    Library,
    LibraryChanges,
    LibraryGrant,
    LibraryScan,
    LibrarySettings,
    LibraryTitles,
    LibraryType,
    ScanPage,
    parse_access,
    parse_type,
)
from revenge_domain.libraries.ports import (
    ALL,
    MANAGE_LIBRARIES,
    AllLibraries,
    FolderCheck,
    LibraryAccess,
    LibraryStore,
    Readable,
    manages_libraries,
)

__all__ = [
    "ALL",
    "MANAGE_LIBRARIES",
    "Access",
    "AllLibraries",
    "FolderCheck",
    "Libraries",
    "Library",
    "LibraryAccess",
    "LibraryActions",
    "LibraryChanges",
    "LibraryGrant",
    "LibraryPermissions",
    "LibraryScan",
    "LibrarySettings",
    "LibraryStore",
    "LibraryTitles",
    "LibraryType",
    "Readable",
    "ScanPage",
    "manages_libraries",
    "parse_access",
    "parse_type",
]
