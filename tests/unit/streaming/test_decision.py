"""Direct, remux or transcode: only what the client cannot decode is transcoded, and the
quality ladder never goes above the source."""

import uuid
from datetime import UTC, datetime

from revenge_domain.playback.view import SessionView
from revenge_domain.streaming import ClientProfile, Method, plan_streams
from revenge_domain.streaming.profile import codec_name
from revenge_domain.streaming.view import planned_view
from tests.unit.streaming.media import AAC, AC3, DTS, MKV, h264, hevc10, media

BROWSER = ClientProfile()


def test_h264_aac_in_mp4_plays_directly() -> None:
    plan = plan_streams(media(h264(), AAC), BROWSER)
    assert plan.method is Method.DIRECT
    assert [v.name for v in plan.videos] == ["original", "720p", "480p"]
    assert plan.videos[0].copy
    assert not plan.videos[1].copy


def test_only_the_container_that_does_not_fit_means_remux() -> None:
    plan = plan_streams(media(h264(), AAC, container=MKV), BROWSER)
    assert plan.method is Method.REMUX
    assert plan.videos[0].copy
    assert plan.audios[0].copy


def test_dolby_and_dts_audio_are_transcoded_for_a_browser_the_video_is_not() -> None:
    plan = plan_streams(media(h264(), AC3, DTS, container=MKV), BROWSER)
    assert plan.method is Method.TRANSCODE
    assert plan.videos[0].copy
    assert [(a.track, a.copy, a.codec, a.channels) for a in plan.audios] == [
        (0, False, "aac", 2),
        (1, False, "aac", 2),
    ]


def test_a_client_that_decodes_ac3_in_surround_gets_it_as_it_is() -> None:
    client = ClientProfile(audio_codecs=frozenset({"aac", "ac3"}), max_audio_channels=6)
    plan = plan_streams(media(h264(), AC3, DTS, container=MKV), client)
    assert [(a.copy, a.codec, a.channels) for a in plan.audios] == [
        (True, "ac3", 6),
        (False, "aac", 6),
    ]


def test_hevc_10_bit_is_transcoded_to_h264_on_the_ladder_below_the_source() -> None:
    plan = plan_streams(media(hevc10(2160), AAC), BROWSER)
    assert plan.method is Method.TRANSCODE
    assert [(v.name, v.copy, v.height) for v in plan.videos] == [
        ("1080p", False, 1080),
        ("720p", False, 720),
        ("480p", False, 480),
    ]


def test_a_small_source_is_never_upscaled() -> None:
    plan = plan_streams(media(hevc10(180), AAC), BROWSER)
    assert [(v.name, v.width, v.height) for v in plan.videos] == [("180p", 320, 180)]


def test_a_client_size_or_bitrate_limit_transcodes_what_is_over_it() -> None:
    client = ClientProfile(max_height=720, max_bitrate_kbps=3000)
    plan = plan_streams(media(h264(), AAC), client)
    assert [(v.name, v.copy, v.bitrate_kbps) for v in plan.videos] == [
        ("720p", False, 3000),
        ("480p", False, 1500),
    ]


def test_a_hevc_client_gets_hevc_copied() -> None:
    client = ClientProfile(video_codecs=frozenset({"h264", "hevc"}), supports_hdr10=True)
    plan = plan_streams(media(hevc10(1080), AAC, container=MKV), client)
    assert plan.method is Method.REMUX
    assert plan.videos[0].copy


def test_a_profile_names_codecs_as_ffmpeg_does() -> None:
    client = ClientProfile(video_codecs=["avc1", "H265"], audio_codecs=["ec-3"], containers=["MKV"])
    assert client.video_codecs == {"h264", "hevc"}
    assert client.audio_codecs == {"eac3"}
    assert client.containers == {"mkv"}
    assert codec_name("DCA") == "dts"


def test_safari_is_guessed_to_decode_hevc_chrome_is_not() -> None:
    safari = ClientProfile.from_user_agent(
        "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15"
    )
    chrome = ClientProfile.from_user_agent("Mozilla/5.0 Chrome/120.0 Safari/537.36")
    assert "hevc" in safari.video_codecs
    assert "hevc" not in chrome.video_codecs


def test_the_answer_names_the_method_and_offers_direct_only_when_it_fits() -> None:
    base = "/api/v1/playback/stream/s"
    now = datetime.now(UTC)
    unplanned = SessionView(uuid.uuid4(), f"{base}/master.m3u8", 0.0, [], [], [], now, now)
    direct = planned_view(unplanned, plan_streams(media(h264(), AAC), BROWSER), base, 0)
    assert direct.play_method == "direct"
    assert direct.direct_url == f"{base}/direct"
    remux_plan = plan_streams(media(h264(), AAC, container=MKV), BROWSER)
    remux = planned_view(unplanned, remux_plan, base, 0)
    assert remux.play_method == "remux"
    assert remux.direct_url is None


def test_the_original_profile_answers_the_bitrate_the_file_states() -> None:
    """The stream's own bitrate, else the container's; 0 only when neither states one."""
    base = "/api/v1/playback/stream/s"
    now = datetime.now(UTC)
    unplanned = SessionView(uuid.uuid4(), f"{base}/master.m3u8", 0.0, [], [], [], now, now)
    stated = planned_view(unplanned, plan_streams(media(h264(kbps=6000), AAC), BROWSER), base, 0)
    original = stated.profiles[0]
    assert (original.name, original.bitrate) == ("original", 6000)
    by_container = plan_streams(media(h264(kbps=0), AAC), BROWSER)  # the container says 8000
    assert planned_view(unplanned, by_container, base, 0).profiles[0].bitrate == 8000
