"""Library scanning: walking library folders, matching files to titles, and keeping the
catalogue in step with the disk."""

from revenge_domain.scanning.matching import CatalogReport, MatchFile
from revenge_domain.scanning.scan import FileChanges, FolderChanges, ScanLibrary
from revenge_domain.scanning.service import Scanning
from revenge_domain.scanning.triggers import LibraryScans

__all__ = [
    "CatalogReport",
    "FileChanges",
    "FolderChanges",
    "LibraryScans",
    "MatchFile",
    "ScanLibrary",
    "Scanning",
]
