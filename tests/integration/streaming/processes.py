"""ffmpeg processes this test process started, and the files a server keeps for its streams."""

from __future__ import annotations

import asyncio
from pathlib import Path

import psutil


def ffmpeg_children() -> list[psutil.Process]:
    children = psutil.Process().children(recursive=True)
    return [child for child in children if "ffmpeg" in _name(child)]


def _name(process: psutil.Process) -> str:
    try:
        return process.name()
    except psutil.Error:
        return ""


async def until_no_ffmpeg(timeout_s: float = 10.0) -> list[psutil.Process]:
    """The ffmpeg children still alive after `timeout_s` (none, when all went)."""
    for _ in range(int(timeout_s / 0.1)):
        if not ffmpeg_children():
            break
        await asyncio.sleep(0.1)
    return ffmpeg_children()


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []
