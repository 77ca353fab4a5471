"""Library scanning on this machine and PostgreSQL: the folder walker and watcher, name
parsing, .nfo and artwork, ffprobe, file state, scan records and the catalogue writers."""

from revenge_adapters.scanning.episode_writer import PgEpisodeWriter
from revenge_adapters.scanning.ffprobe import FfprobeProber, find_ffprobe
from revenge_adapters.scanning.files import PgFileStates
from revenge_adapters.scanning.monitor import WatchfilesWatcher
from revenge_adapters.scanning.movie_writer import PgMovieWriter
from revenge_adapters.scanning.names import GuessitNames
from revenge_adapters.scanning.scans import PgScanRecords
from revenge_adapters.scanning.sidecars import LocalSidecars
from revenge_adapters.scanning.walker import LocalFolderWalker

__all__ = [
    "FfprobeProber",
    "GuessitNames",
    "LocalFolderWalker",
    "LocalSidecars",
    "PgEpisodeWriter",
    "PgFileStates",
    "PgMovieWriter",
    "PgScanRecords",
    "WatchfilesWatcher",
    "find_ffprobe",
]
