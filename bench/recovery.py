"""Recovery benchmark: how long a `revenge serve` on the embedded stack takes to heal.

Starts `revenge serve` on a throwaway data dir and free loopback ports, then, `--rounds` times
each:

- piece killed: SIGKILL of the embedded PostgreSQL, Redis or Typesense; "back" is the time until
  a new process of that piece runs, "ready" until `/readyz` reports every check healthy again;
- server killed: SIGKILL of `revenge serve` itself; "back" is the time until every embedded
  child is gone, "ready" the time a new `revenge serve` on the same data dir takes to be ready.

It prints min/median/max seconds per row, then stops the server and removes the data dir.

    .venv/bin/python bench/recovery.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import psutil

REVENGE = str(Path(sys.executable).with_name("revenge"))
PID_FILES = {
    "PostgreSQL": Path("postgres/data/postmaster.pid"),
    "Redis": Path("redis/redis.pid"),
    "Typesense": Path("typesense/server.pid"),
}
TIMEOUT_S = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port, self.metrics_port = free_port(), free_port()
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> float:
        """Start and wait until it says it is ready; returns the seconds it took."""
        began = time.monotonic()
        env = {k: v for k, v in os.environ.items() if not k.startswith("REVENGE_")}
        self.process = subprocess.Popen(
            [
                *(REVENGE, "serve", "--data-dir", str(self.data_dir), "--host", "127.0.0.1"),
                *("--port", str(self.port), "--metrics-port", str(self.metrics_port)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert self.process.stdout is not None
        if not self.process.stdout.readline():
            raise SystemExit(f"revenge serve exited with {self.process.wait()}")
        return time.monotonic() - began

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=5) as got:
                checks = json.loads(got.read())["details"]["checks"]
        except (OSError, ValueError, urllib.error.HTTPError):
            return False
        return all(check["status"] == "healthy" for check in checks.values())

    def pid_of(self, piece: str) -> int:
        try:
            return int((self.data_dir / PID_FILES[piece]).read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return 0

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)


def wait(check: Callable[[], bool]) -> float:
    began = time.monotonic()
    while not check():
        if time.monotonic() - began > TIMEOUT_S:
            raise SystemExit(f"nothing after {TIMEOUT_S:.0f} s")
        time.sleep(0.02)
    return time.monotonic() - began


def kill_piece(server: Server, piece: str) -> tuple[float, float]:
    wait(server.healthy)
    old = server.pid_of(piece)
    began = time.monotonic()
    os.kill(old, signal.SIGKILL)
    wait(lambda: server.pid_of(piece) not in (0, old) and psutil.pid_exists(server.pid_of(piece)))
    back = time.monotonic() - began
    wait(server.healthy)
    return back, time.monotonic() - began


def kill_server(server: Server) -> tuple[float, float]:
    assert server.process is not None
    wait(server.healthy)
    children = psutil.Process(server.process.pid).children(recursive=True)
    began = time.monotonic()
    server.process.kill()
    server.process.wait()
    psutil.wait_procs(children, timeout=TIMEOUT_S)
    gone = time.monotonic() - began
    return gone, server.start()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="revenge-bench-recovery-"))
    server = Server(data_dir)
    rows: dict[str, list[tuple[float, float]]] = {}
    try:
        server.start()
        for _ in range(args.rounds):
            for piece in PID_FILES:
                rows.setdefault(f"{piece} killed", []).append(kill_piece(server, piece))
            rows.setdefault("revenge serve killed", []).append(kill_server(server))
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    print(f"{'event':24} {'back: min / median / max s':>28} {'ready: min / median / max s':>29}")
    for event, times in rows.items():
        back = _spread([first for first, _ in times])
        ready = _spread([second for _, second in times])
        print(f"{event:24} {back:>28} {ready:>29}")


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


if __name__ == "__main__":
    main()
