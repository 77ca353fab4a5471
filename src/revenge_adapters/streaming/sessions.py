"""The streams of the sessions playing on this server: each session's plan, its encoders (one
per rendition, started on first request) and its subtitle files."""

from __future__ import annotations

import asyncio
import functools
import time
from datetime import datetime
from pathlib import Path
from uuid import UUID

import attrs

from revenge_adapters.streaming.encoder import Encoder, TranscodeSlots
from revenge_adapters.streaming.probe import probe
from revenge_adapters.streaming.store import SegmentStore
from revenge_adapters.streaming.tools import Tools
from revenge_domain.streaming import (
    ClientProfile,
    MediaUnreadable,
    StreamPlan,
    commands,
    plan_streams,
)
from revenge_domain.streaming.hls import segment_count
from revenge_domain.streaming.names import not_found


@attrs.define
class SessionStreams:
    session_id: UUID
    user_id: UUID
    source: Path
    plan: StreamPlan
    folder: Path
    encoders: dict[str, Encoder] = attrs.Factory(dict)
    # Until when the session is known to live (its owner and expiry checked), so a request
    # needs no look-up; ending the session anywhere closes these streams at once.
    trusted_until: datetime | None = None

    @property
    def segments(self) -> int:
        return segment_count(self.plan.media.duration_s)


@attrs.frozen
class StreamTimeouts:
    probe_s: float = 30.0
    segment_s: float = 30.0
    subtitle_s: float = 60.0


class LiveStreams:
    def __init__(
        self,
        tools: Tools,
        store: SegmentStore,
        slots: TranscodeSlots,
        timeouts: StreamTimeouts = StreamTimeouts(),
    ) -> None:
        self.tools, self.store, self.slots, self._timeouts = tools, store, slots, timeouts
        self._sessions: dict[UUID, SessionStreams] = {}

    async def open(
        self, session_id: UUID, user_id: UUID, source: Path, client: ClientProfile
    ) -> SessionStreams:
        """Probe the file and decide how the session plays it; MediaUnreadable if it cannot."""
        media = await probe(self.tools, source, self._timeouts.probe_s)
        streams = SessionStreams(
            session_id, user_id, source, plan_streams(media, client), self.store.folder(session_id)
        )
        await self.close(session_id)
        self._sessions[session_id] = streams
        return streams

    def get(self, session_id: UUID) -> SessionStreams | None:
        return self._sessions.get(session_id)

    def session_ids(self) -> list[UUID]:
        return list(self._sessions)

    def distrust_all(self) -> None:
        """Check every session again on its next request (ends may have gone unheard)."""
        for streams in self._sessions.values():
            streams.trusted_until = None

    async def halt(self, streams: SessionStreams) -> None:
        """Stop the session's encoders (its plan and files stay)."""
        await asyncio.gather(*(encoder.stop() for encoder in streams.encoders.values()))

    def _encoder(self, streams: SessionStreams, key: str) -> Encoder:
        found = streams.encoders.get(key)
        if found is not None:
            return found
        plan, source, folder = streams.plan, streams.source, streams.folder / key
        if key.startswith("audio-"):
            audio = plan.audio(int(key[6:]))
            if audio is None:
                raise not_found("audio track")
            arguments = functools.partial(commands.audio_hls, source, audio, folder)
            slots = None
        else:
            video = plan.video(key)
            if video is None:
                raise not_found("profile")
            arguments = functools.partial(commands.video_hls, source, video, folder)
            slots = None if video.copy else self.slots
        encoder = Encoder(self.tools, arguments, folder, streams.segments, slots)
        streams.encoders[key] = encoder
        return encoder

    async def segment(self, streams: SessionStreams, key: str, number: int | None) -> Path:
        """Init segment (None) or segment `number` of the rendition `key`."""
        encoder = self._encoder(streams, key)
        if number is not None and number >= streams.segments:
            raise not_found("segment")
        if not streams.source.is_file():
            raise MediaUnreadable("the file is gone from its library")
        return await encoder.file(number, self._timeouts.segment_s)

    async def subtitle(self, streams: SessionStreams, track: int) -> Path:
        subtitles = streams.plan.subtitles
        if track >= len(subtitles) or not subtitles[track].is_text:
            raise not_found("subtitle track")
        target = streams.folder / f"subtitle-{track}.vtt"
        if target.is_file():
            return target
        streams.folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part.vtt")
        arguments = commands.subtitle_webvtt(streams.source, subtitles[track].index, partial)
        process = await asyncio.create_subprocess_exec(
            self.tools.ffmpeg,
            *arguments,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            code = await asyncio.wait_for(process.wait(), self._timeouts.subtitle_s)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        if code != 0 or not partial.is_file():
            raise MediaUnreadable("ffmpeg could not convert the subtitles")
        partial.replace(target)
        return target

    async def close(self, session_id: UUID) -> None:
        """Stop the session's encoders and drop its files."""
        streams = self._sessions.pop(session_id, None)
        if streams is not None:
            await self.halt(streams)
        self.store.remove(session_id)

    async def close_all(self) -> None:
        for session_id in list(self._sessions):
            await self.close(session_id)

    async def rest_idle(self, idle_s: float) -> int:
        """Stop encoders nobody asked anything of for `idle_s` (the session lives on)."""
        now, stopped = time.monotonic(), 0
        for streams in list(self._sessions.values()):
            for encoder in streams.encoders.values():
                if encoder.running and now - encoder.last_used > idle_s:
                    await encoder.stop()
                    stopped += 1
        return stopped

    def pids(self) -> list[int]:
        return [
            pid
            for streams in self._sessions.values()
            for encoder in streams.encoders.values()
            if (pid := encoder.pid) is not None
        ]
