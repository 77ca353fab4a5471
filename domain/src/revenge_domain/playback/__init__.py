"""Playback sessions: start, heartbeat, stop, expiry."""

from revenge_domain.playback.cases import (
    PLAYBACK_CATEGORY,
    STARTED,
    STOPPED,
    Playback,
    PlaybackCleanup,
    StartRequest,
    WatchProgress,
)
from revenge_domain.playback.media import CatalogueFiles
from revenge_domain.playback.model import (
    MediaType,
    PlayableFile,
    PlaybackSession,
    PlaybackUnavailable,
    best_file,
)
from revenge_domain.playback.ports import MediaFiles, PlaybackSessions

__all__ = [
    "PLAYBACK_CATEGORY",
    "STARTED",
    "STOPPED",
    "CatalogueFiles",
    "MediaFiles",
    "MediaType",
    "PlayableFile",
    "Playback",
    "PlaybackCleanup",
    "PlaybackSession",
    "PlaybackSessions",
    "PlaybackUnavailable",
    "StartRequest",
    "WatchProgress",
    "best_file",
]
