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


@attrs.frozen
class Started:
    """A running piece: where to reach it and how to stop it."""

    url: str
    stop: Callable[[], None]
    api_key: str = attrs.field(default="", repr=False)


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
    return Started(server.dsn, server.stop)


def _redis(data_dir: Path) -> Started:
    server = start_redis(data_dir)
    return Started(server.url, server.stop)


def _typesense(data_dir: Path, api_key: str | None, binary: Path | None) -> Started:
    piece_dir = data_dir / "typesense"
    piece_dir.mkdir(mode=0o700, exist_ok=True)
    pid_file = piece_dir / "server.pid"
    # We hold the data dir lock, so a server named in the pid file was left by a killed process.
    stop_leftover(pid_file)
    server = start_typesense(piece_dir, api_key, binary)
    pid_file.write_text(f"{server.process.pid}\n", encoding="ascii")

    def stop() -> None:
        server.stop()
        pid_file.unlink(missing_ok=True)

    return Started(server.url, stop, server.api_key)
