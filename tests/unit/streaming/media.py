"""Probed files the decision tests plan for."""

from revenge_domain.streaming import AudioStream, MediaInfo, SubtitleStream, VideoStream

MKV = "matroska,webm"
MP4 = "mov,mp4,m4a,3gp,3g2,mj2"


def h264(height: int = 1080, width: int = 1920, kbps: int = 6000) -> VideoStream:
    return VideoStream(0, "h264", width, height, 8, kbps, 24.0, "High")


def hevc10(height: int = 2160) -> VideoStream:
    return VideoStream(0, "hevc", height * 16 // 9, height, 10, 15000, 24.0, "Main 10")


def media(
    video: VideoStream, *audio: AudioStream, container: str = MP4, subs: int = 0
) -> MediaInfo:
    subtitles = tuple(SubtitleStream(2 + len(audio) + n, "subrip", "eng") for n in range(subs))
    return MediaInfo(container, 600.0, 8000, (video,), audio, subtitles)


AAC = AudioStream(1, "aac", 2, "eng", 160, True)
AC3 = AudioStream(1, "ac3", 6, "eng", 448, True)
DTS = AudioStream(2, "dts", 6, "deu", 1536)
