"""Where the system has no ffmpeg: the imageio-ffmpeg binary probes (reading `ffmpeg -i`, as
it has no ffprobe), transcodes, remuxes and converts subtitles."""

from __future__ import annotations

import uuid
from pathlib import Path

import imageio_ffmpeg  # type: ignore[import-untyped]

from revenge_adapters.streaming import LiveStreams, SegmentStore, Tools, TranscodeSlots
from revenge_domain.streaming import ClientProfile, Method
from tests.integration.streaming.conftest import Media
from tests.integration.streaming.processes import until_no_ffmpeg


async def test_the_bundled_ffmpeg_plays_without_ffprobe(files: Media, tmp_path: Path) -> None:
    tools = Tools(imageio_ffmpeg.get_ffmpeg_exe(), None)
    live = LiveStreams(tools, SegmentStore(tmp_path / "streams", 1 << 30), TranscodeSlots(1))
    hevc = await live.open(uuid.uuid4(), uuid.uuid4(), files.hevc, ClientProfile())
    assert hevc.plan.method is Method.TRANSCODE
    assert hevc.plan.media.duration_s > 9.5
    assert (await live.segment(hevc, "180p", 1)).stat().st_size > 0
    assert (await live.segment(hevc, "audio-0", None)).name == "init.mp4"
    assert "Hello there" in (await live.subtitle(hevc, 0)).read_text()
    mkv = await live.open(uuid.uuid4(), uuid.uuid4(), files.mkv, ClientProfile())
    assert [a.stream.codec for a in mkv.plan.audios] == ["ac3", "dts"]
    assert (await live.segment(mkv, "original", 0)).stat().st_size > 0
    await live.close_all()
    assert await until_no_ffmpeg() == []
    assert list((tmp_path / "streams").rglob("*.m4s")) == []
