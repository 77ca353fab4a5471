"""One ffmpeg for one rendition of a session, making fMP4 segments in its own folder. A
segment already made is served; one a little ahead of the encoder is waited for; one behind it
or far ahead restarts ffmpeg at that segment (keyframe-aligned, timestamps kept)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from revenge_adapters.streaming.tools import Tools
from revenge_domain.streaming import MediaUnreadable, TranscodeLimitReached
from revenge_domain.streaming.commands import PLAYLIST

# Segments ahead of the newest one that are waited for rather than restarted at.
AHEAD = 2
_POLL_S = 0.05
_STOP_S = 3.0


class TranscodeSlots:
    """At most `limit` video transcodes run at once (copies are not counted)."""

    def __init__(self, limit: int, retry_after_s: int = 10) -> None:
        self.limit, self.retry_after_s = limit, retry_after_s
        self._holders: set[object] = set()

    def take(self, holder: object) -> None:
        if holder not in self._holders and len(self._holders) >= self.limit:
            raise TranscodeLimitReached(self.limit, self.retry_after_s)
        self._holders.add(holder)

    def give_back(self, holder: object) -> None:
        self._holders.discard(holder)

    @property
    def in_use(self) -> int:
        return len(self._holders)


def listed_segments(playlist: Path) -> set[int]:
    """Segments ffmpeg has finished: the ones its own playlist lists."""
    try:
        text = playlist.read_text()
    except OSError:
        return set()
    names = (line for line in text.splitlines() if line.startswith("seg-"))
    return {int(name[4:].partition(".")[0]) for name in names}


class Encoder:
    def __init__(
        self,
        tools: Tools,
        arguments: Callable[[int], list[str]],
        directory: Path,
        segments: int,
        slots: TranscodeSlots | None,
    ) -> None:
        self._tools, self._arguments, self.directory = tools, arguments, directory
        self._segments, self._slots = segments, slots
        self._process: asyncio.subprocess.Process | None = None
        self._start = 0
        self._complete: set[int] = set()
        self._lock = asyncio.Lock()
        self.last_used = time.monotonic()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self.running and self._process else None

    def _refresh(self) -> int:
        """Newest finished segment of the current run (start - 1 when none yet)."""
        listed = {n for n in listed_segments(self.directory / PLAYLIST) if n >= self._start}
        self._complete |= listed
        return max(listed, default=self._start - 1)

    def _exited_ok(self) -> bool:
        return self._process is not None and self._process.returncode == 0

    def _ready(self, number: int | None) -> bool:
        if number is None:
            return (self.directory / "init.mp4").is_file() and (
                bool(self._complete) or self._exited_ok()
            )
        return number in self._complete and (self.directory / f"seg-{number}.m4s").is_file()

    async def file(self, number: int | None, timeout_s: float) -> Path:
        """The init segment (number None) or segment `number`, made if need be."""
        self.last_used = time.monotonic()
        async with self._lock:
            newest = self._refresh()
            wanted = number or 0
            if not self._ready(number) and self._must_restart(number, wanted, newest):
                await self._restart(wanted)
        return await self._wait(number, timeout_s)

    def _must_restart(self, number: int | None, wanted: int, newest: int) -> bool:
        """Not running; or the segment is behind this run or far ahead of it (the init
        segment never moves a running encoder)."""
        if not self.running:
            return True
        return number is not None and (wanted < self._start or wanted > newest + AHEAD)

    async def _wait(self, number: int | None, timeout_s: float) -> Path:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self._refresh()
            if self._ready(number):
                return self.directory / (f"seg-{number}.m4s" if number is not None else "init.mp4")
            if not self.running:
                self._refresh()
                if self._ready(number):
                    continue
                raise MediaUnreadable("ffmpeg could not make the segment", {"log": self._log()})
            await asyncio.sleep(_POLL_S)
        raise MediaUnreadable("the segment took too long to make", {"segment": number})

    def _log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.directory / "ffmpeg.log").read_text(errors="replace")[-400:]
        return ""

    async def _restart(self, start: int) -> None:
        await self.stop()
        if self._slots is not None:
            self._slots.take(self)
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / PLAYLIST).unlink(missing_ok=True)
        self._complete = {n for n in self._complete if n < start}
        self._start = min(start, self._segments - 1)
        with (self.directory / "ffmpeg.log").open("wb") as log:
            self._process = await asyncio.create_subprocess_exec(
                self._tools.ffmpeg,
                *self._arguments(self._start),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=log,
            )
        asyncio.get_running_loop().create_task(self._released_on_exit(self._process))

    async def _released_on_exit(self, process: asyncio.subprocess.Process) -> None:
        await process.wait()
        if self._slots is not None and process is self._process:
            self._slots.give_back(self)

    async def stop(self) -> None:
        """End ffmpeg (terminate, then kill); what it finished stays on disk."""
        process = self._process
        if process is not None and process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), _STOP_S)
            except TimeoutError:
                process.kill()
                await process.wait()
        if self._slots is not None:
            self._slots.give_back(self)
