"""A job worker in its own process whose `Block` jobs never finish (killed by the test)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_app.jobs.runtime import run_until_signalled, run_worker
from tests.integration.jobs.support import Block, fast_config


async def block_forever(job: Block) -> None:
    Path(f"{job.marker}.started").touch()  # noqa: ASYNC240 - one tiny file, the test waits on it
    await asyncio.Event().wait()


def main() -> None:
    redis_url, key_prefix = sys.argv[1], sys.argv[2]
    handlers = JobHandlers()
    handlers.register(Block, block_forever)
    config = fast_config(key_prefix)
    run_until_signalled(lambda stop: run_worker(config, redis_url, stop, handlers))


if __name__ == "__main__":
    main()
