"""The segment cache stays under its cap by dropping its oldest segments."""

import os
import uuid
from pathlib import Path

import pytest

from revenge_adapters.streaming import SegmentStore, TranscodeSlots
from revenge_app.config import StreamingConfig
from revenge_domain.streaming import TranscodeLimitReached


def test_the_oldest_segments_go_first_until_under_the_cap(tmp_path: Path) -> None:
    store = SegmentStore(tmp_path / "streams", max_bytes=2500)
    store.clear()
    folder = store.folder(uuid.uuid4()) / "original"
    folder.mkdir(parents=True)
    (folder / "init.mp4").write_bytes(b"i" * 500)
    for n in range(4):
        segment = folder / f"seg-{n}.m4s"
        segment.write_bytes(b"s" * 1000)
        os.utime(segment, (1000 + n, 1000 + n))
    assert store.trim() == 2000
    assert sorted(p.name for p in folder.iterdir()) == ["init.mp4", "seg-2.m4s", "seg-3.m4s"]
    assert store.size() == 2500


def test_transcode_slots_refuse_one_more_and_free_on_give_back() -> None:
    slots = TranscodeSlots(1, retry_after_s=7)
    first, second = object(), object()
    slots.take(first)
    slots.take(first)
    with pytest.raises(TranscodeLimitReached) as refused:
        slots.take(second)
    assert refused.value.retry_after_s == 7
    slots.give_back(first)
    slots.take(second)
    assert slots.in_use == 1


def test_the_transcode_cap_defaults_to_half_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert StreamingConfig().max_transcodes == 4
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert StreamingConfig().max_transcodes == 1
