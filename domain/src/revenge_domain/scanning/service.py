"""The scanning use cases together, as the composition root builds them once."""

from __future__ import annotations

import attrs

from revenge_domain.libraries import LibraryStore
from revenge_domain.scanning.matching import MatchFile
from revenge_domain.scanning.scan import FolderChanges, ScanLibrary
from revenge_domain.scanning.triggers import LibraryScans


@attrs.frozen
class Scanning:
    libraries: LibraryStore
    scans: LibraryScans
    scan_library: ScanLibrary
    match_file: MatchFile
    folder_changes: FolderChanges
