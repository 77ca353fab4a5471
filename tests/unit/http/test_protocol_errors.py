"""Requests aiohttp refuses before our app runs answer with our error body and headers, and no
answer names the server's software versions."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from revenge_app.embedded.process import free_port
from revenge_app.http.headers import SECURITY_HEADERS
from revenge_app.http.protocol import ApiRunner
from tests.unit.http.sample import sample_app


@pytest.fixture
async def port() -> AsyncIterator[int]:
    runner = ApiRunner(sample_app(), access_log=None)
    await runner.setup()
    chosen = free_port()
    try:
        await web.TCPSite(runner, "127.0.0.1", chosen).start()
        yield chosen
    finally:
        await runner.cleanup()


async def exchange(port: int, raw: bytes) -> tuple[str, dict[str, str], bytes]:
    """Send raw bytes; the status line, headers and body of the answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(raw)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), timeout=10)
    finally:
        writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return status, headers, body


@pytest.mark.parametrize(
    "raw",
    [
        b"GET /items?x=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /items HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 9000 + b"\r\n\r\n",
        b"GET /items HTTP/1.1\r\nHost: x\r\nBad\x01Name: y\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not HTTP at all\r\n\r\n",
    ],
    ids=["long request line", "long header", "control byte in a header", "not HTTP"],
)
async def test_an_unreadable_request_gets_our_error_body_and_headers(port: int, raw: bytes) -> None:
    status, headers, body = await exchange(port, raw)
    assert status.split(" ")[1] == "400"
    error = json.loads(body)
    assert (error["code"], error["error"], error["message"]) == (400, "bad_request", "bad request")
    assert headers["X-Request-ID"] == error["request_id"]
    assert headers["Content-Type"].startswith("application/json")
    assert {name: headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
    assert headers["Server"] == "Revenge"
    assert b"aaaa" not in body


async def test_an_ordinary_answer_names_no_software_version(port: int) -> None:
    status, headers, _ = await exchange(
        port, b"GET /items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert status.split(" ")[1] == "200"
    assert headers["Server"] == "Revenge"
