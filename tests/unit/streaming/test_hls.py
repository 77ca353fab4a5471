"""Playlists: CODECS, RESOLUTION and BANDWIDTH of each variant, one rendition per audio
track, and a VOD media playlist of the whole file."""

from revenge_domain.streaming import ClientProfile, plan_streams
from revenge_domain.streaming.hls import master_playlist, media_playlist, segment_count
from tests.unit.streaming.media import AAC, AC3, DTS, MKV, h264, hevc10, media


def test_master_lists_each_profile_with_codecs_resolution_and_bandwidth() -> None:
    text = master_playlist(plan_streams(media(h264(), AAC), ClientProfile()))
    lines = text.splitlines()
    assert lines[0] == "#EXTM3U"
    variants = [line for line in lines if line.startswith("#EXT-X-STREAM-INF")]
    assert variants[0] == (
        '#EXT-X-STREAM-INF:BANDWIDTH=6760000,CODECS="avc1.640028,mp4a.40.2",'
        'RESOLUTION=1920x1080,AUDIO="audio"'
    )
    assert 'CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720' in variants[1]
    assert lines[lines.index(variants[0]) + 1] == "original/index.m3u8"


def test_every_audio_track_is_its_own_rendition() -> None:
    plan = plan_streams(media(h264(), AC3, DTS, container=MKV), ClientProfile())
    renditions = [line for line in master_playlist(plan, 1).splitlines() if "TYPE=AUDIO" in line]
    assert len(renditions) == 2
    assert 'LANGUAGE="eng",DEFAULT=NO' in renditions[0]
    assert 'URI="audio/1/index.m3u8"' in renditions[1]
    assert "DEFAULT=YES" in renditions[1]


def test_copied_hevc_is_named_as_hvc1_main_10() -> None:
    client = ClientProfile(video_codecs=frozenset({"hevc"}), supports_hdr10=True)
    text = master_playlist(plan_streams(media(hevc10(1080), AAC), client))
    assert 'CODECS="hvc1.2.4.L120.B0,mp4a.40.2"' in text


def test_media_playlist_has_every_four_second_segment_and_the_short_last_one() -> None:
    text = media_playlist(15.5)
    assert segment_count(15.5) == 4
    assert segment_count(12.0) == 3
    assert text.count("#EXTINF:4.000,") == 3
    assert "#EXTINF:3.500,\nseg-3.m4s" in text
    assert '#EXT-X-MAP:URI="init.mp4"' in text
    assert text.endswith("#EXT-X-ENDLIST\n")
