"""ffmpeg and ffprobe as processes: probing files, making HLS segments, storing them."""

from revenge_adapters.streaming.encoder import Encoder, TranscodeSlots
from revenge_adapters.streaming.probe import parse_ffmpeg_banner, parse_ffprobe, probe
from revenge_adapters.streaming.sessions import LiveStreams, SessionStreams, StreamTimeouts
from revenge_adapters.streaming.store import SegmentStore
from revenge_adapters.streaming.tools import Tools, find_tools

__all__ = [
    "Encoder",
    "LiveStreams",
    "SegmentStore",
    "SessionStreams",
    "StreamTimeouts",
    "Tools",
    "TranscodeSlots",
    "find_tools",
    "parse_ffmpeg_banner",
    "parse_ffprobe",
    "probe",
]
