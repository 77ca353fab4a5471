"""The parts of a PlaybackSession answer that come from the plan."""

from __future__ import annotations

from typing import Any

from revenge_domain.streaming.decision import Method, StreamPlan

_LAYOUTS = {1: "mono", 2: "stereo", 6: "5.1", 8: "7.1"}


def plan_view(plan: StreamPlan, base: str, audio_track: int) -> dict[str, Any]:
    """`base` is the session's stream URL prefix. `direct_url` only when the client plays the
    file as it is; bitmap subtitles are listed with their codec and an empty `url`."""
    direct = {"direct_url": f"{base}/direct"} if plan.method is Method.DIRECT else {}
    return {
        **direct,
        "play_method": plan.method.value,
        "duration_seconds": round(plan.media.duration_s, 3),
        "profiles": [
            {
                "name": video.name,
                "width": video.width,
                "height": video.height,
                "bitrate": 0 if video.copy else video.bitrate_kbps,
                "is_original": video.is_original,
            }
            for video in plan.videos
        ],
        "audio_tracks": [
            {
                "index": audio.track,
                "language": audio.stream.language,
                "channels": audio.channels,
                "layout": _LAYOUTS.get(audio.channels, f"{audio.channels} channels"),
                "codec": audio.codec,
                "is_default": audio.track == audio_track,
            }
            for audio in plan.audios
        ],
        "subtitle_tracks": [
            {
                "index": index,
                "language": subtitle.language,
                "codec": "webvtt" if subtitle.is_text else subtitle.codec,
                "url": f"{base}/subs/{index}.vtt" if subtitle.is_text else "",
                "is_forced": subtitle.is_forced,
            }
            for index, subtitle in enumerate(plan.subtitles)
        ],
    }
