"""Choosing a file and describing a session to clients."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from revenge_domain.playback import MediaType, PlayableFile, PlaybackSession, best_file
from revenge_domain.playback.model import height_of
from revenge_domain.playback.view import VideoProfile


@pytest.mark.parametrize(
    ("label", "height"),
    [("1080p", 1080), ("1920x1080", 1080), ("4K", 2160), ("480", 480), (None, 0), ("odd", 0)],
)
def test_resolution_labels_give_their_height(label: str | None, height: int) -> None:
    assert height_of(label) == height


def test_the_best_file_has_the_most_lines_then_a_duration_then_size() -> None:
    hd = PlayableFile(uuid.uuid4(), size=1, resolution="720p")
    full_hd_unprobed = PlayableFile(uuid.uuid4(), size=9, resolution="1080p")
    full_hd = PlayableFile(uuid.uuid4(), size=5, resolution="1080p", duration_s=60)
    files = [hd, full_hd_unprobed, full_hd]
    assert best_file(files, None) == full_hd
    assert best_file(files, hd.id) == hd
    assert best_file(files, uuid.uuid4()) is None
    assert best_file([], None) is None


def test_the_view_lists_tracks_from_what_the_scan_found() -> None:
    file = PlayableFile(
        uuid.uuid4(),
        duration_s=5400,
        resolution="1080p",
        audio_codec="eac3",
        audio_channels=6,
        audio_languages=("eng", "deu"),
        subtitle_languages=("eng",),
    )
    now = datetime(2026, 1, 1, tzinfo=UTC)
    session = PlaybackSession(
        uuid.uuid4(), uuid.uuid4(), MediaType.MOVIE, uuid.uuid4(), file, 0, 1, None, now, now
    )
    view = session.view()
    assert view.duration_seconds == 5400.0
    assert view.profiles == [VideoProfile("original", 1920, 1080, 0, is_original=True)]
    assert [(t.language, t.is_default, t.channels) for t in view.audio_tracks] == [
        ("eng", False, 6),
        ("deu", True, 6),
    ]
    assert view.subtitle_tracks[0].url == (f"/api/v1/playback/stream/{session.id}/subs/0.vtt")
