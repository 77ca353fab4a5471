import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from revenge_app.config import CacheConfig, Config, DatabaseConfig, SearchConfig
from revenge_app.embedded.lock import DataDirInUse
from revenge_app.embedded.pieces import Piece, Service, Started, embedded_pieces
from revenge_app.embedded.process import PieceFailed
from revenge_app.embedded.stack import EmbeddedStack, ServiceUrls


@attrs.define
class FakePiece:
    """A piece that 'runs' in memory; it can fail, or wait for a gate before it is up."""

    service: Service
    fail: bool = False
    gate: threading.Event | None = None
    entered: threading.Event = attrs.field(factory=threading.Event)
    running: bool = False
    stops: int = 0

    def start(self, data_dir: Path) -> Started:
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(5)
        if self.fail:
            raise PieceFailed(self.service, "exited with 1")
        self.running = True
        return Started(f"fake://{self.service}", self.stop, api_key=f"key-{self.service}")

    def stop(self) -> None:
        self.running = False
        self.stops += 1

    def piece(self) -> Piece:
        return Piece(self.service, self.start)


def config_in(tmp_path: Path, **sections: object) -> Config:
    return Config(data_dir=tmp_path / "data", **sections)  # type: ignore[arg-type]


async def test_started_pieces_give_their_urls_and_stop_with_the_stack(tmp_path: Path) -> None:
    fakes = [FakePiece("database"), FakePiece("cache"), FakePiece("search")]
    stack = EmbeddedStack(config_in(tmp_path), pieces=[f.piece() for f in fakes])

    async with stack as urls:
        assert urls == ServiceUrls("fake://database", "fake://cache", "fake://search", "key-search")
        assert all(f.running for f in fakes)

    assert [f.stops for f in fakes] == [1, 1, 1]


async def test_progress_names_each_piece_starting_then_ready(tmp_path: Path) -> None:
    seen: list[tuple[str, str]] = []
    stack = EmbeddedStack(
        config_in(tmp_path),
        on_progress=lambda piece, message: seen.append((piece, message)),
        pieces=[FakePiece("database").piece()],
    )
    async with stack:
        pass
    assert seen[0] == ("PostgreSQL", "starting")
    assert seen[1][0] == "PostgreSQL"
    assert seen[1][1].startswith("ready in ")
    assert seen[1][1].endswith(" s")


def test_configured_urls_replace_their_pieces_independently(tmp_path: Path) -> None:
    config = config_in(tmp_path, cache=CacheConfig(url="redis://127.0.0.1:6379/0"))
    assert [piece.service for piece in embedded_pieces(config)] == ["database", "search"]
    disabled = config_in(tmp_path, search=SearchConfig(enabled=False))
    assert [piece.service for piece in embedded_pieces(disabled)] == ["database", "cache"]


async def test_configured_values_are_returned_for_configured_pieces(tmp_path: Path) -> None:
    seen: list[tuple[str, str]] = []
    config = config_in(
        tmp_path,
        cache=CacheConfig(url="redis://127.0.0.1:6379/0"),
        search=SearchConfig(url="http://search:8108", api_key="secret"),
    )
    stack = EmbeddedStack(
        config,
        on_progress=lambda piece, message: seen.append((piece, message)),
        pieces=[FakePiece("database").piece()],
    )
    async with stack as urls:
        assert urls == ServiceUrls(
            "fake://database", "redis://127.0.0.1:6379/0", "http://search:8108", "secret"
        )
    assert ("Redis", "using the configured server (cache.url)") in seen


async def test_nothing_embedded_needs_no_data_dir(tmp_path: Path) -> None:
    config = config_in(
        tmp_path,
        database=DatabaseConfig(url="postgresql://db/revenge"),
        cache=CacheConfig(url="redis://cache:6379/0"),
        search=SearchConfig(enabled=False),
    )
    async with EmbeddedStack(config) as urls:
        assert urls == ServiceUrls("postgresql://db/revenge", "redis://cache:6379/0", "", "")
    assert not config.data_dir.exists()


async def test_a_failed_piece_is_raised_and_the_others_are_stopped(tmp_path: Path) -> None:
    database, cache = FakePiece("database"), FakePiece("cache")
    stack = EmbeddedStack(
        config_in(tmp_path),
        pieces=[database.piece(), cache.piece(), FakePiece("search", fail=True).piece()],
    )
    with pytest.raises(PieceFailed, match="search failed to start: exited with 1"):
        await stack.start()
    assert not database.running
    assert not cache.running
    # the data dir was released
    async with EmbeddedStack(config_in(tmp_path), pieces=[FakePiece("cache").piece()]):
        pass


async def test_an_unexpected_error_is_reported_as_the_piece_failing(tmp_path: Path) -> None:
    def broken(data_dir: Path) -> Started:
        raise FileNotFoundError("no such binary")

    stack = EmbeddedStack(config_in(tmp_path), pieces=[Piece("search", broken)])
    with pytest.raises(
        PieceFailed, match="Typesense failed to start: FileNotFoundError: no such binary"
    ):
        await stack.start()


async def test_stop_is_idempotent(tmp_path: Path) -> None:
    fake = FakePiece("cache")
    stack = EmbeddedStack(config_in(tmp_path), pieces=[fake.piece()])
    await stack.start()
    stack.stop()
    stack.stop()
    assert fake.stops == 1
    with pytest.raises(RuntimeError, match="cannot start again"):
        await stack.start()


async def test_a_piece_that_comes_up_after_stop_is_stopped_at_once(tmp_path: Path) -> None:
    gate = threading.Event()
    slow = FakePiece("search", gate=gate)
    stack = EmbeddedStack(config_in(tmp_path), pieces=[slow.piece()])
    starting = asyncio.ensure_future(stack.start())
    assert await asyncio.to_thread(slow.entered.wait, 5)
    stack.stop()  # as a signal handler would, while the piece is still starting
    gate.set()
    with pytest.raises(PieceFailed, match="stopped while it was starting"):
        await starting
    assert not slow.running
    assert slow.stops == 1


async def test_a_second_stack_on_the_same_data_dir_is_refused(tmp_path: Path) -> None:
    async with EmbeddedStack(config_in(tmp_path), pieces=[FakePiece("cache").piece()]):
        with pytest.raises(DataDirInUse, match="in use by another Revenge server"):
            await EmbeddedStack(config_in(tmp_path), pieces=[FakePiece("cache").piece()]).start()


async def test_the_data_dir_is_made_private(tmp_path: Path) -> None:
    config = config_in(tmp_path)
    async with EmbeddedStack(config, pieces=[FakePiece("cache").piece()]):
        assert config.data_dir.stat().st_mode & 0o777 == 0o700


async def test_cancelling_the_start_stops_a_piece_that_comes_up_later(tmp_path: Path) -> None:
    gate = threading.Event()
    slow, quick = FakePiece("search", gate=gate), FakePiece("cache")
    stack = EmbeddedStack(config_in(tmp_path), pieces=[slow.piece(), quick.piece()])
    starting = asyncio.ensure_future(stack.start())
    assert await asyncio.to_thread(slow.entered.wait, 5)
    starting.cancel()  # Ctrl-C while starting
    with pytest.raises(asyncio.CancelledError):
        await starting
    assert not quick.running
    gate.set()
    await asyncio.to_thread(_wait_until, lambda: slow.stops == 1)
    assert not slow.running


def _wait_until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
