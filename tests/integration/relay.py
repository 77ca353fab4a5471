"""A TCP relay on 127.0.0.1 in a process of its own, for tests that make a service unreachable:
kill it (SIGKILL, every connection through it drops) and start it again on the same port.

    python -m tests.integration.relay LISTEN_PORT TARGET_HOST TARGET_PORT
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


class Relay:
    def __init__(self, listen_port: int, target_host: str, target_port: int) -> None:
        self.port = listen_port
        self._target = (target_host, target_port)
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 10.0) -> None:
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.integration.relay",
                str(self.port),
                *map(str, self._target),
            ],
            cwd=REPO_ROOT,
        )
        deadline = time.monotonic() + timeout_s
        while not _accepts(self.port):
            assert time.monotonic() < deadline, "the relay did not start"
            time.sleep(0.05)

    def kill(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(timeout=10)
            self._process = None


def _accepts(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()


async def _serve(listen_port: int, host: str, port: int) -> None:
    async def relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            target_reader, target_writer = await asyncio.open_connection(host, port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(_pipe(reader, target_writer), _pipe(target_reader, writer))

    server = await asyncio.start_server(relay, "127.0.0.1", listen_port, reuse_address=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(_serve(int(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
