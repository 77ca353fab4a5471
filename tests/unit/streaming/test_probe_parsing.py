"""Reading what `ffmpeg -i` prints (the probe where no ffprobe exists) and ffprobe's JSON."""

import json

import pytest

from revenge_adapters.streaming import parse_ffmpeg_banner, parse_ffprobe
from revenge_domain.streaming import MediaUnreadable

BANNER = """Input #0, matroska,webm, from 'file:/media/x.mkv':
  Metadata:
    title           : -i /etc/passwd
  Duration: 00:01:40.02, start: 0.000000, bitrate: 2492 kb/s
  Stream #0:0: Video: hevc (Main 10), yuv420p10le(tv, progressive), 320x180 [SAR 1:1 DAR 16:9], 24 fps, 24 tbr, 1k tbn
    Metadata:
      title           : Stream #0:7: Audio: truehd, 48000 Hz, 7.1
  Stream #0:1(eng): Audio: ac3, 48000 Hz, 5.1(side), fltp, 448 kb/s (default)
  Stream #0:2(deu): Audio: dts (dca) (DTS), 48000 Hz, stereo, fltp, 1411 kb/s
  Stream #0:3(eng): Subtitle: hdmv_pgs_subtitle (pgssub), 1920x1080 (forced)
At least one output file must be specified
"""  # noqa: E501


def test_the_banner_gives_container_duration_and_streams_and_nothing_from_metadata() -> None:
    media = parse_ffmpeg_banner(BANNER)
    assert media.container == "matroska,webm"
    assert media.duration_s == pytest.approx(100.02)
    assert [(v.index, v.codec, v.height, v.bit_depth) for v in media.video] == [
        (0, "hevc", 180, 10)
    ]
    assert [(a.codec, a.channels, a.language, a.is_default) for a in media.audio] == [
        ("ac3", 6, "eng", True),
        ("dts", 2, "deu", False),
    ]
    pgs = media.subtitles[0]
    assert (pgs.codec, pgs.is_forced, pgs.is_text) == ("hdmv_pgs_subtitle", True, False)


def test_a_banner_without_an_input_is_unreadable() -> None:
    with pytest.raises(MediaUnreadable):
        parse_ffmpeg_banner("/media/x.mkv: Invalid data found when processing input\n")


def test_ffprobe_json() -> None:
    doc = {
        "format": {
            "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
            "duration": "10.5",
            "bit_rate": "900000",
        },
        "streams": [
            {"index": 0, "codec_type": "video", "codec_name": "h264", "width": 320,
             "height": 180, "pix_fmt": "yuv420p", "avg_frame_rate": "24/1", "profile": "High"},
            {"index": 1, "codec_type": "audio", "codec_name": "aac", "channels": 2,
             "tags": {"language": "fra"}, "disposition": {"default": 1}},
            {"index": 2, "codec_type": "video", "codec_name": "mjpeg",
             "disposition": {"attached_pic": 1}},
        ],
    }  # fmt: skip
    media = parse_ffprobe(json.dumps(doc))
    assert media.duration_s == 10.5
    assert media.bitrate_kbps == 900
    assert [v.codec for v in media.video] == ["h264"]
    assert media.video[0].frame_rate == 24.0
    assert media.audio[0].language == "fra"
    assert media.audio[0].is_default
