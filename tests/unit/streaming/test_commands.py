"""ffmpeg arguments come from our tables, numbers and paths only."""

from pathlib import PurePosixPath

import pytest

from revenge_domain.streaming import AudioStream, ClientProfile, commands, plan_streams
from tests.unit.streaming.media import AC3, MKV, h264, hevc10, media

OUT = PurePosixPath("/data/streams/abc/original")


def test_a_source_named_like_an_option_is_a_file_argument() -> None:
    source = PurePosixPath("/media/-i /etc/passwd.mkv")
    plan = plan_streams(media(h264(), AC3, container=MKV), ClientProfile())
    arguments = commands.video_hls(source, plan.videos[0], OUT, 0)
    assert arguments[arguments.index("-i") + 1] == "file:/media/-i /etc/passwd.mkv"
    assert arguments.count("-i") == 1


def test_relative_sources_are_refused() -> None:
    with pytest.raises(ValueError, match="absolute"):
        commands.source_argument(PurePosixPath("-i"))


def test_hostile_codec_and_language_never_become_arguments() -> None:
    hostile = AudioStream(1, "-f null -", 2, "-i /etc/passwd")
    plan = plan_streams(media(h264(), hostile, container=MKV), ClientProfile())
    arguments = commands.audio_hls(PurePosixPath("/m.mkv"), plan.audios[0], OUT, 0)
    assert not any("passwd" in a or "null" in a for a in arguments)
    assert arguments[arguments.index("-c:a") + 1] == "aac"


def test_a_seek_restarts_at_the_segment_with_timestamps_kept() -> None:
    plan = plan_streams(media(hevc10(1080), AC3), ClientProfile())
    arguments = commands.video_hls(PurePosixPath("/m.mkv"), plan.videos[0], OUT, 80)
    assert arguments[arguments.index("-ss") + 1] == "320.000"
    assert arguments[arguments.index("-output_ts_offset") + 1] == "320.000"
    assert arguments[arguments.index("-start_number") + 1] == "80"
    assert arguments[arguments.index("-c:v") + 1] == "libx264"
    assert "expr:gte(t,n_forced*4)" in arguments
    assert arguments[arguments.index("-hls_segment_options") + 1] == "movflags=+frag_discont"
