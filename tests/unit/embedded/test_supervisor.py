import asyncio
from collections.abc import Callable
from pathlib import Path

import attrs

from revenge_app.config import Config
from revenge_app.embedded.pieces import Piece, Service, Started
from revenge_app.embedded.process import PieceFailed
from revenge_app.embedded.stack import EmbeddedStack
from revenge_app.embedded.supervisor import RESTARTS, Supervisor


@attrs.define
class MortalPiece:
    """A piece that can be killed, and made to fail its next `failures` starts."""

    service: Service
    url: str = "fake://here"
    failures: int = 0
    starts: int = 0
    running: bool = False

    def start(self, data_dir: Path) -> Started:
        self.starts += 1
        if self.failures:
            self.failures -= 1
            raise PieceFailed(self.service, "exited with 1")
        self.running = True
        return Started(self.url, self.stop, alive=lambda: self.running)

    def stop(self) -> None:
        self.running = False

    def piece(self) -> Piece:
        return Piece(self.service, self.start)


def restarts(piece: str, outcome: str) -> float:
    return RESTARTS.labels(piece, outcome)._value.get()


async def until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    for _ in range(int(timeout_s / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("not seen in time")


def quick(stack: EmbeddedStack) -> Supervisor:
    return Supervisor(stack, check_every_s=0.01, first_backoff_s=0.01, max_backoff_s=0.05)


async def supervising(stack: EmbeddedStack) -> asyncio.Task[None]:
    await stack.start()
    return asyncio.create_task(quick(stack).run())


async def stopped(stack: EmbeddedStack, task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    stack.stop()


async def test_a_dead_piece_is_started_again_and_counted(tmp_path: Path) -> None:
    cache, search = MortalPiece("cache"), MortalPiece("search")
    stack = EmbeddedStack(Config(data_dir=tmp_path), pieces=[cache.piece(), search.piece()])
    before = restarts("Redis", "restarted")
    task = await supervising(stack)
    try:
        cache.running = False
        await until(lambda: cache.running)
        assert (cache.starts, search.starts) == (2, 1)
        assert restarts("Redis", "restarted") == before + 1
    finally:
        await stopped(stack, task)
    assert not cache.running
    assert not search.running


async def test_a_piece_that_fails_to_start_is_tried_again(tmp_path: Path) -> None:
    database = MortalPiece("database")
    stack = EmbeddedStack(Config(data_dir=tmp_path), pieces=[database.piece()])
    failed = restarts("PostgreSQL", "failed")
    task = await supervising(stack)
    try:
        database.failures, database.running = 3, False
        await until(lambda: database.running)
        assert database.starts == 5
        assert restarts("PostgreSQL", "failed") == failed + 3
    finally:
        await stopped(stack, task)


async def test_a_piece_that_comes_back_elsewhere_is_refused(tmp_path: Path) -> None:
    database = MortalPiece("database")
    stack = EmbeddedStack(Config(data_dir=tmp_path), pieces=[database.piece()])
    failed = restarts("PostgreSQL", "failed")
    task = await supervising(stack)
    try:
        database.url, database.running = "fake://elsewhere", False
        await until(lambda: restarts("PostgreSQL", "failed") >= failed + 2)
        assert not database.running  # each start at the wrong URL was stopped again
        database.url = "fake://here"
        await until(lambda: database.running)
    finally:
        await stopped(stack, task)


async def test_a_crash_loop_waits_longer_each_time(tmp_path: Path) -> None:
    cache = MortalPiece("cache")
    stack = EmbeddedStack(Config(data_dir=tmp_path), pieces=[cache.piece()])
    await stack.start()
    supervisor = Supervisor(stack, check_every_s=0.01, first_backoff_s=0.2, max_backoff_s=0.4)
    task = asyncio.create_task(supervisor.run())
    try:
        cache.running = False
        await until(lambda: cache.running)  # the first restart does not wait
        assert cache.starts == 2
        cache.running = False
        await asyncio.sleep(0.1)
        assert cache.starts == 2  # died again soon after: waits its backoff first
        await until(lambda: cache.running)
        assert cache.starts == 3
    finally:
        await stopped(stack, task)
