"""A playback session's view once its file is planned for the client."""

from __future__ import annotations

import attrs

from revenge_domain.playback.view import AudioTrack, SessionView, SubtitleTrack, VideoProfile
from revenge_domain.streaming.decision import Method, StreamPlan

_LAYOUTS = {1: "mono", 2: "stereo", 6: "5.1", 8: "7.1"}


def planned_view(view: SessionView, plan: StreamPlan, base: str, audio_track: int) -> SessionView:
    """`view` with the plan's streams. `base` is the session's stream URL prefix. `direct_url`
    only when the client plays the file as it is; bitmap subtitles are listed with their codec
    and an empty `url`."""
    return attrs.evolve(
        view,
        direct_url=f"{base}/direct" if plan.method is Method.DIRECT else None,
        play_method=plan.method.value,
        duration_seconds=round(plan.media.duration_s, 3),
        profiles=[
            VideoProfile(
                video.name,
                video.width,
                video.height,
                video.bitrate_kbps,
                video.is_original,
            )
            for video in plan.videos
        ],
        audio_tracks=[
            AudioTrack(
                index=audio.track,
                language=audio.stream.language,
                channels=audio.channels,
                codec=audio.codec,
                is_default=audio.track == audio_track,
                layout=_LAYOUTS.get(audio.channels, f"{audio.channels} channels"),
            )
            for audio in plan.audios
        ],
        subtitle_tracks=[
            SubtitleTrack(
                index=index,
                language=subtitle.language,
                codec="webvtt" if subtitle.is_text else subtitle.codec,
                url=f"{base}/subs/{index}.vtt" if subtitle.is_text else "",
                is_forced=subtitle.is_forced,
            )
            for index, subtitle in enumerate(plan.subtitles)
        ],
    )
