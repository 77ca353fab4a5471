import asyncio
import os
import signal
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import psutil
import pytest

from revenge_app.config import CacheConfig, Config
from revenge_app.embedded.lock import DataDirLock
from revenge_app.embedded.pieces import embedded_pieces
from revenge_app.embedded.process import MAX_SOCKET_PATH_BYTES, PieceFailed
from revenge_app.embedded.stack import EmbeddedStack
from tests.integration.embedded.probes import (
    config_without_search,
    pg_value,
    postgres_pid,
    read_marks,
    redis_pid,
    redis_ping,
    write_marks,
)

pytestmark = pytest.mark.embedded

REPO_ROOT = Path(__file__).resolve().parents[3]


async def test_data_survives_a_stop_and_a_start(data_root: Path) -> None:
    config = config_without_search(data_root / "data")
    async with EmbeddedStack(config) as urls:
        await write_marks(urls)

    async with EmbeddedStack(config) as urls:
        assert await read_marks(urls) == ("row", b"key", None)


async def test_a_configured_redis_replaces_the_embedded_one(
    data_root: Path, redis_url: str
) -> None:
    config = config_without_search(data_root / "data", cache=CacheConfig(url=redis_url))
    async with EmbeddedStack(config) as urls:
        assert urls.redis_url == redis_url
        assert await pg_value(urls.database_url, "SELECT 1") == 1
        children = psutil.Process().children(recursive=True)
        assert not any(str(config.data_dir / "redis") in " ".join(c.cmdline()) for c in children)
    assert not (config.data_dir / "redis").exists()


async def test_a_failing_piece_is_named_with_its_log_and_the_others_stop(data_root: Path) -> None:
    broken = data_root / "broken-typesense"
    broken.write_text("#!/bin/sh\necho 'cannot open the data dir: disk on fire'\nexit 1\n")
    broken.chmod(0o755)
    config = Config(data_dir=data_root / "data")
    stack = EmbeddedStack(config, pieces=embedded_pieces(config, typesense_binary=broken))

    with pytest.raises(PieceFailed) as failure:
        await stack.start()

    assert failure.value.piece == "Typesense"
    assert "exited with 1" in str(failure.value)
    assert "disk on fire" in str(failure.value)
    assert not (config.data_dir / "postgres" / "data" / "postmaster.pid").exists()
    assert not (config.data_dir / "redis" / "redis.pid").exists()
    lock = DataDirLock(config.data_dir)
    lock.acquire()  # released too
    lock.release()


async def test_a_data_dir_too_long_for_unix_sockets_works(data_root: Path) -> None:
    data_dir = data_root / ("long-folder-name-" * 6) / "data"
    assert len(os.fsencode(data_dir / "redis" / "redis.sock")) > MAX_SOCKET_PATH_BYTES
    async with EmbeddedStack(config_without_search(data_dir)) as urls:
        assert await pg_value(urls.database_url, "SELECT 1") == 1
        assert await redis_ping(urls.redis_url)
        socket_dirs = [
            Path(parse_qs(urlsplit(urls.database_url).query)["host"][0]),
            Path(unquote(urlsplit(urls.redis_url).path)).parent,
        ]
        assert all(str(d).startswith("/tmp/revenge-") for d in socket_dirs)
    assert not any(d.exists() for d in socket_dirs)  # removed with their servers


STACK_UNTIL_SIGTERM = """
import asyncio, signal, sys
from pathlib import Path
from revenge_app.config import Config, SearchConfig
from revenge_app.embedded.stack import EmbeddedStack

async def main():
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    config = Config(data_dir=Path(sys.argv[1]), search=SearchConfig(enabled=False))
    async with EmbeddedStack(config):
        print("ready", flush=True)
        await stop.wait()

asyncio.run(main())
"""


async def test_sigterm_stops_every_child(data_root: Path) -> None:
    data_dir = data_root / "data"
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-c", STACK_UNTIL_SIGTERM, str(data_dir), stdout=asyncio.subprocess.PIPE
    )
    assert server.stdout is not None
    assert await asyncio.wait_for(server.stdout.readline(), 60) == b"ready\n"
    children = [psutil.Process(postgres_pid(data_dir)), psutil.Process(redis_pid(data_dir))]

    server.send_signal(signal.SIGTERM)

    assert await asyncio.wait_for(server.wait(), 60) == 0
    assert not any(_alive(process) for process in children)


STACK_THEN_DIE = """
import asyncio, os, signal, sys
from pathlib import Path
import psutil
from revenge_app.config import Config
from revenge_app.embedded import process
from revenge_app.embedded.stack import EmbeddedStack
from tests.integration.embedded.probes import write_marks

if sys.argv[2] == "without-death-signal":  # as servers started by an older Revenge
    process._die_with_parent = lambda signum: None

async def main():
    urls = await EmbeddedStack(Config(data_dir=Path(sys.argv[1]))).start()
    await write_marks(urls)
    print(*(child.pid for child in psutil.Process().children(recursive=True)), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(main())
"""


async def test_servers_left_by_a_killed_process_are_replaced_and_keep_the_data(
    data_root: Path,
) -> None:
    data_dir = data_root / "data"
    died = await asyncio.create_subprocess_exec(
        sys.executable, "-c", STACK_THEN_DIE, str(data_dir), "without-death-signal", cwd=REPO_ROOT
    )
    assert await asyncio.wait_for(died.wait(), 60) == -signal.SIGKILL
    leftovers = [
        psutil.Process(pid)
        for pid in (
            postgres_pid(data_dir),
            redis_pid(data_dir),
            int((data_dir / "typesense" / "server.pid").read_text()),
        )
    ]
    assert all(process.is_running() for process in leftovers)

    async with EmbeddedStack(Config(data_dir=data_dir)) as urls:
        assert not any(_alive(process) for process in leftovers)
        assert await read_marks(urls) == ("row", b"key", "kept")


async def test_the_servers_die_with_a_killed_process(data_root: Path) -> None:
    data_dir = data_root / "data"
    died = await asyncio.create_subprocess_exec(
        sys.executable,
        *("-c", STACK_THEN_DIE, str(data_dir), "as-is"),
        cwd=REPO_ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    assert died.stdout is not None
    pids = [int(pid) for pid in (await asyncio.wait_for(died.stdout.readline(), 90)).split()]
    assert await asyncio.wait_for(died.wait(), 60) == -signal.SIGKILL
    assert len(pids) >= 3  # PostgreSQL (and its processes), Redis, Typesense

    for _ in range(100):
        if not any(map(_pid_alive, pids)):
            break
        await asyncio.sleep(0.1)
    assert [pid for pid in pids if _pid_alive(pid)] == []

    async with EmbeddedStack(Config(data_dir=data_dir)) as urls:
        assert await read_marks(urls) == ("row", b"key", "kept")


def _pid_alive(pid: int) -> bool:
    try:
        return _alive(psutil.Process(pid))
    except psutil.NoSuchProcess:
        return False


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
