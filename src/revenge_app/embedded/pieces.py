"""The pieces of the embedded stack: what each one starts, and which ones the config asks for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

import attrs

from revenge_app.config import Config
from revenge_app.embedded.postgres import start_postgres
from revenge_app.embedded.process import stop_leftover
from revenge_app.embedded.redis import start_redis
from revenge_app.embedded.typesense import start_typesense

Service = Literal["database", "cache", "search"]
PIECE_NAMES: dict[Service, str] = {
    "database": "PostgreSQL",
    "cache": "Redis",
    "search": "Typesense",
}


def _unknown() -> bool:
    return True


@attrs.frozen
class Started:
    """A running piece: where to reach it, how to stop it, whether it still runs, and how to
    start it again at the same URL (None: the piece's own start)."""

    url: str
    stop: Callable[[], None]
    api_key: str = attrs.field(default="", repr=False)
    alive: Callable[[], bool] = _unknown
    again: Callable[[Path], Started] | None = None


@attrs.frozen
class Piece:
    service: Service
    # Blocking; given the data dir; raises PieceFailed (or anything) when the piece cannot start.
    start: Callable[[Path], Started]

    @property
    def name(self) -> str:
        return PIECE_NAMES[self.service]


def embedded_pieces(config: Config, typesense_binary: Path | None = None) -> list[Piece]:
    """The pieces whose URL the config leaves empty; `typesense_binary` is a seam for tests."""
    pieces = []
    if not config.database.url:
        pieces.append(Piece("database", _postgres))
    if not config.cache.url:
        pieces.append(Piece("cache", _redis))
    if config.search.enabled and not config.search.url:
        api_key = config.search.api_key or None
        pieces.append(
            Piece("search", lambda data_dir: _typesense(data_dir, api_key, typesense_binary))
        )
    return pieces


def _postgres(data_dir: Path) -> Started:
    server = start_postgres(data_dir)
    return Started(server.dsn, server.stop, alive=server.is_running)


def _redis(data_dir: Path) -> Started:
    server = start_redis(data_dir)
    return Started(server.url, server.stop, alive=server.is_running)


def _typesense(
    data_dir: Path,
    api_key: str | None,
    binary: Path | None,
    ports: tuple[int, int] | None = None,
) -> Started:
    piece_dir = data_dir / "typesense"
    piece_dir.mkdir(mode=0o700, exist_ok=True)
    pid_file = piece_dir / "server.pid"
    # We hold the data dir lock, so a server named in the pid file was left by a killed process.
    stop_leftover(pid_file)
    server = start_typesense(piece_dir, api_key, binary, ports)
    pid_file.write_text(f"{server.process.pid}\n", encoding="ascii")

    def stop() -> None:
        server.stop()
        pid_file.unlink(missing_ok=True)

    def again(data_dir: Path) -> Started:
        # The same ports: the clients already hold this URL.
        return _typesense(data_dir, server.api_key, binary, (server.port, server.peering_port))

    return Started(server.url, stop, server.api_key, alive=server.is_running, again=again)
