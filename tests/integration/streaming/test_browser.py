"""A real browser plays: hls.js in headless Chromium reaches 3 s of the H.264 file and of the
HEVC file (transcoded), and switches audio track without restarting the video."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from playwright.async_api import Page, Route, async_playwright

from tests.integration.playback.server import PlaybackServer
from tests.integration.streaming.browser import CHROMIUM, PLAYER, hls_js
from tests.integration.streaming.conftest import Media
from tests.integration.streaming.support import CHROME, movie_on, started, viewers


@pytest.fixture
async def page(running: PlaybackServer) -> AsyncIterator[Page]:
    origin = str(running.server.client.make_url("/")).rstrip("/")
    script = hls_js()

    async def player(route: Route) -> None:
        await route.fulfill(body=PLAYER, content_type="text/html")

    async def library(route: Route) -> None:
        await route.fulfill(body=script, content_type="text/javascript")

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            tab = await browser.new_page(user_agent=CHROME)
            await tab.route(f"{origin}/player/index.html", player)
            await tab.route(f"{origin}/player/hls.min.js", library)
            await tab.goto(f"{origin}/player/index.html")
            yield tab
        finally:
            await browser.close()


async def play(
    running: PlaybackServer, connection: asyncpg.Connection, page: Page, path: Path
) -> dict[str, Any]:
    library, movie = await movie_on(connection, path)
    alice, _ = await viewers(running.server, connection, library)
    session = await started(running.server, alice, movie)
    await page.evaluate(
        "([url, token]) => window.player(url, token)",
        [session["master_playlist_url"], alice.headers["Authorization"]],
    )
    return session


async def played_past(page: Page, seconds: float, timeout_s: float = 40.0) -> float:
    """The video's position once past `seconds` (or where it got to in `timeout_s`)."""
    position = 0.0
    for _ in range(int(timeout_s / 0.2)):
        errors = await page.evaluate("window.errors")
        assert errors == []
        position = await page.evaluate("document.getElementById('video').currentTime")
        if position > seconds:
            break
        await asyncio.sleep(0.2)
    return position


async def test_h264_plays_in_chromium(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media, page: Page
) -> None:
    await play(running, connection, page, files.mp4)
    assert await played_past(page, 3.0) > 3.0


async def test_hevc_plays_in_chromium_transcoded(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media, page: Page
) -> None:
    session = await play(running, connection, page, files.hevc)
    assert session["profiles"][0]["name"] == "180p"
    assert await played_past(page, 3.0) > 3.0


async def test_switching_audio_track_keeps_the_video_playing(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media, page: Page
) -> None:
    await play(running, connection, page, files.mkv)
    before = await played_past(page, 1.5)
    assert before > 1.5
    assert await page.evaluate("window.hls.audioTracks.length") == 2
    await page.evaluate("window.hls.audioTrack = 1")
    after = await played_past(page, before + 1.5)
    assert after > before + 1.5
    assert await page.evaluate("window.hls.audioTrack") == 1
    assert await page.evaluate("window.seeks") == 0
    requested = await page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => n.includes('/audio/1/seg-')).length"
    )
    assert requested >= 1
