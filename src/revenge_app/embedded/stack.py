"""The embedded stack: starts the pieces the config leaves empty, side by side, under one data dir.

    async with EmbeddedStack(config, on_progress=print_progress) as urls:
        ...  # urls.database_url, urls.redis_url, urls.search_url, urls.search_api_key

`stop()` is synchronous, idempotent and safe to call from a signal handler or another thread, also
while the pieces are still starting (a piece that finishes starting afterwards is stopped at once).

On SIGTERM/SIGINT, let the signal end the `async with` block (Python's default SIGTERM action
would end the process without stopping anything; a later start then stops what was left):

    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with EmbeddedStack(config, on_progress=report) as urls:
        ...  # serve until stop.is_set()
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

import attrs

from revenge_app.config import Config
from revenge_app.embedded.lock import DataDirLock
from revenge_app.embedded.pieces import PIECE_NAMES, Piece, Service, Started, embedded_pieces
from revenge_app.embedded.process import PieceFailed

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, str], None]


@attrs.frozen
class ServiceUrls:
    """Where the services are: started here, or the configured ones."""

    database_url: str
    redis_url: str
    search_url: str  # empty when search is disabled
    search_api_key: str = attrs.field(repr=False)


class EmbeddedStack:
    def __init__(
        self,
        config: Config,
        on_progress: ProgressCallback | None = None,
        *,
        pieces: Sequence[Piece] | None = None,
    ) -> None:
        """`on_progress(piece_name, message)` is called on the event loop; `pieces` replaces the
        ones derived from the config (a seam for tests)."""
        self._config = config
        self._data_dir = config.data_dir.expanduser().absolute()
        self._on_progress = on_progress or _ignore
        self._pieces = list(embedded_pieces(config) if pieces is None else pieces)
        self._lock = DataDirLock(self._data_dir)
        self._started: dict[Service, Started] = {}
        # Reentrant: a signal handler may call stop() while this thread is inside it.
        self._guard = threading.RLock()
        self._stopping = False

    async def __aenter__(self) -> ServiceUrls:
        return await self.start()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await asyncio.to_thread(self.stop)

    async def start(self) -> ServiceUrls:
        """Start every piece at once; on any failure stop the others and raise PieceFailed."""
        if self._stopping:
            raise RuntimeError("a stopped embedded stack cannot start again; make a new one")
        self._report_configured()
        if not self._pieces:
            return self._urls()
        _make_private_dir(self._data_dir)
        self._lock.acquire()
        atexit.register(self.stop)  # a last resort when the process ends without stop()
        tasks = [asyncio.ensure_future(self._start_piece(piece)) for piece in self._pieces]
        try:
            await asyncio.wait(tasks)
        except BaseException:
            self.stop()  # cancelled: pieces still starting stop themselves when they finish
            raise
        failures = [error for task in tasks if (error := task.exception()) is not None]
        if failures:
            self.stop()
            raise failures[0]
        return self._urls()

    def stop(self) -> None:
        """Stop every running piece (in parallel) and release the data dir; idempotent."""
        with self._guard:
            if self._stopping:
                return  # pieces that come up later stop themselves (see _run_start)
            self._stopping = True
            running = list(self._started.items())
            self._started.clear()
        if running:
            with ThreadPoolExecutor(len(running), thread_name_prefix="embedded-stop") as pool:
                for service, started in running:
                    pool.submit(_stop_piece, PIECE_NAMES[service], started)
        self._lock.release()
        atexit.unregister(self.stop)

    def running(self) -> dict[Service, Started]:
        """The pieces started here and not stopped (a snapshot)."""
        with self._guard:
            return dict(self._started)

    def restart(self, service: Service) -> None:
        """Stop what is left of a piece and start it again at the same URL; blocking.

        Raises PieceFailed when it does not start; a later call tries again."""
        with self._guard:
            if self._stopping:
                return
            old = self._started[service]  # kept until replaced, so stop() still sees it
        _stop_piece(PIECE_NAMES[service], old)
        piece = next(piece for piece in self._pieces if piece.service == service)
        self._run_start(attrs.evolve(piece, start=old.again or piece.start), expected_url=old.url)

    async def _start_piece(self, piece: Piece) -> None:
        self._on_progress(piece.name, "starting")
        began = time.monotonic()
        await asyncio.to_thread(self._run_start, piece)
        self._on_progress(piece.name, f"ready in {time.monotonic() - began:.1f} s")

    def _run_start(self, piece: Piece, expected_url: str | None = None) -> None:
        try:
            started = piece.start(self._data_dir)
        except PieceFailed:
            raise
        except Exception as exc:
            raise PieceFailed(piece.name, f"{type(exc).__name__}: {exc}") from exc
        if expected_url is not None and started.url != expected_url:
            _stop_piece(piece.name, started)
            raise PieceFailed(piece.name, f"came up at {started.url}, not at {expected_url}")
        with self._guard:
            if not self._stopping:
                self._started[piece.service] = started
                return
        _stop_piece(piece.name, started)
        raise PieceFailed(piece.name, "the stack was stopped while it was starting")

    def _report_configured(self) -> None:
        embedded = {piece.service for piece in self._pieces}
        search = self._config.search
        configured: dict[Service, str] = {
            "database": "database.url" if self._config.database.url else "",
            "cache": "cache.url" if self._config.cache.url else "",
            "search": "search.url" if search.url else "",
        }
        for service, setting in configured.items():
            if service not in embedded and setting:
                self._on_progress(PIECE_NAMES[service], f"using the configured server ({setting})")
        if not search.enabled:
            self._on_progress(PIECE_NAMES["search"], "disabled (search.enabled = false)")

    def _urls(self) -> ServiceUrls:
        config, started = self._config, self._started
        database = started.get("database")
        cache = started.get("cache")
        search = started.get("search")
        if not config.search.enabled:
            search_url, search_key = "", ""
        elif search is not None:
            search_url, search_key = search.url, search.api_key
        else:
            search_url, search_key = config.search.url, config.search.api_key
        return ServiceUrls(
            database_url=database.url if database else config.database.url,
            redis_url=cache.url if cache else config.cache.url,
            search_url=search_url,
            search_api_key=search_key,
        )


def _stop_piece(name: str, started: Started) -> None:
    try:
        started.stop()
    except Exception:
        log.exception("could not stop the embedded piece", extra={"fields": {"piece": name}})


def _make_private_dir(directory: Path) -> None:
    if not directory.exists():
        directory.mkdir(parents=True)
        directory.chmod(0o700)


def _ignore(piece: str, message: str) -> None:
    pass
