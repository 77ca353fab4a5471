"""Small helpers for the child servers of the embedded stack."""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import hashlib
import os
import queue
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psutil


def free_port(host: str = "127.0.0.1") -> int:
    """A loopback port that is free now (the kernel picks it, never a standard one)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when a server could listen on `port` now (sockets in TIME_WAIT do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def log_tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


class PieceFailed(RuntimeError):
    """An embedded piece did not start; the message names it and shows its log's last lines."""

    def __init__(self, piece: str, reason: str, log: Path | None = None) -> None:
        tail = f"\n--- last lines of {log} ---\n{log_tail(log)}" if log else ""
        super().__init__(f"{piece} failed to start: {reason}{tail}")
        self.piece = piece


# The kernel limits a unix socket path (sun_path) to 108 bytes, the last one a NUL.
MAX_SOCKET_PATH_BYTES = 107


def socket_dir_for(preferred: Path, socket_name: str, owner_uid: int | None = None) -> Path:
    """`preferred` when `preferred/socket_name` fits in a unix socket path, else a short private
    directory under /tmp named after `preferred` (so one data dir always gets the same one)."""
    if len(os.fsencode(preferred / socket_name)) <= MAX_SOCKET_PATH_BYTES:
        return preferred
    digest = hashlib.sha256(os.fsencode(preferred.absolute())).hexdigest()[:16]
    short = Path("/tmp") / f"revenge-{digest}"  # noqa: S108 - checked private below
    short.mkdir(mode=0o700, exist_ok=True)
    uid = os.geteuid() if owner_uid is None else owner_uid
    if owner_uid is not None and short.stat().st_uid != uid:
        os.chown(short, uid, -1)
    _check_private(short, uid)
    return short


def remove_socket_dir(directory: Path) -> None:
    """Remove a short socket dir made by `socket_dir_for` once its server is gone (if empty)."""
    with contextlib.suppress(OSError):
        directory.rmdir()


def _check_private(directory: Path, uid: int) -> None:
    # Another user could have made this /tmp directory first to read our socket: refuse it.
    info = directory.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid or info.st_mode & 0o077:
        raise PermissionError(f"{directory} is not a private directory of uid {uid}")


def terminate(process: subprocess.Popen[bytes], timeout_s: float) -> None:
    """SIGTERM, then SIGKILL if the child is still there after `timeout_s`."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def stop_leftover(pid_file: Path, timeout_s: float = 10.0) -> None:
    """Stop a server left running by an earlier Revenge process that died without stopping it.

    Only called while holding the data dir lock, so a live process named in our pid file whose
    command line mentions this data is ours, not another server's."""
    try:
        pid = int(pid_file.read_text(encoding="ascii").strip())
        process = psutil.Process(pid)
        mentions_us = any(str(pid_file.parent) in arg for arg in process.cmdline())
    except (OSError, ValueError, psutil.Error):
        mentions_us = False
    if mentions_us:
        process.terminate()
        try:
            process.wait(timeout_s)
        except psutil.TimeoutExpired:
            process.kill()
    pid_file.unlink(missing_ok=True)


PR_SET_PDEATHSIG = 1


def spawn(
    args: Sequence[str], death_signal: signal.Signals, **options: Any
) -> subprocess.Popen[bytes]:
    """`subprocess.Popen(args, **options)` for a child server that gets `death_signal` from the
    kernel when this process dies, however it dies (SIGKILL included)."""
    preexec = _die_with_parent(death_signal)

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(args, preexec_fn=preexec, **options)  # noqa: S603 - our binaries

    return _FORKER.run(start)


def _die_with_parent(signum: signal.Signals) -> Callable[[], None] | None:
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def in_child() -> None:  # after fork, before exec (and after the switch of user, if any)
        prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the signal was set
            os.kill(os.getpid(), signum)

    return in_child


class _ForkThread:
    """One daemon thread that forks every child server.

    The kernel sends the parent-death signal when the *thread* that forked a child ends, so the
    children must not be forked by pool threads that may come and go; this one lives as long as
    the process."""

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue[tuple[Callable[[], Any], concurrent.futures.Future[Any]]] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()

    def run(self, call: Callable[[], subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
        with self._guard:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._serve, name="embedded-fork", daemon=True
                )
                self._thread.start()
        done: concurrent.futures.Future[subprocess.Popen[bytes]] = concurrent.futures.Future()
        self._calls.put((call, done))
        return done.result()

    def _serve(self) -> None:
        while True:
            call, done = self._calls.get()
            try:
                done.set_result(call())
            except BaseException as exc:  # handed to the caller
                done.set_exception(exc)


_FORKER = _ForkThread()
