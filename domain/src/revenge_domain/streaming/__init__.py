"""Streaming: from a client's profile and a probed file to direct play, remux or transcode,
HLS playlists and the ffmpeg arguments that make their segments."""

from revenge_domain.streaming import commands
from revenge_domain.streaming.decision import (
    AudioPlan,
    Method,
    StreamPlan,
    VideoPlan,
    plan_streams,
)
from revenge_domain.streaming.errors import MediaUnreadable, TranscodeLimitReached
from revenge_domain.streaming.media import AudioStream, MediaInfo, SubtitleStream, VideoStream
from revenge_domain.streaming.names import StreamNotFound
from revenge_domain.streaming.profile import ClientProfile

__all__ = [
    "AudioPlan",
    "AudioStream",
    "ClientProfile",
    "MediaInfo",
    "MediaUnreadable",
    "Method",
    "StreamNotFound",
    "StreamPlan",
    "SubtitleStream",
    "TranscodeLimitReached",
    "VideoPlan",
    "VideoStream",
    "commands",
    "plan_streams",
]
