"""A Taskiq stream broker for one queue that never loses a job to a dead worker.

A message stays in the consumer group's pending list until its job has finished. This broker
adds what the stock stream broker lacks: a reclaim of messages left pending by a dead worker
that runs on a timer (not only after new traffic), a heartbeat that keeps the messages of jobs
still running from being reclaimed, the move of delayed jobs onto the stream when they are due,
and acknowledgement that deletes the finished message.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any

import attrs
from redis.asyncio import Redis
from redis.commands.core import AsyncScript
from redis.exceptions import RedisError, ResponseError
from taskiq import AckableMessage
from taskiq_redis import RedisStreamBroker

from revenge_adapters.jobs.keys import CONSUMER_GROUP

log = logging.getLogger(__name__)

# Set inside a job's task when its bookkeeping failed: the message must stay pending.
leave_pending: contextvars.ContextVar[bool] = contextvars.ContextVar("leave_pending", default=False)

# Moves due members of a delayed set onto the stream, atomically so no job is lost or doubled.
PROMOTE_DUE = """
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, message in ipairs(due) do
  redis.call('XADD', KEYS[2], '*', 'data', message)
  redis.call('ZREM', KEYS[1], message)
end
return #due
"""
PROMOTE_BATCH = 100


@attrs.frozen
class Fetched:
    message_id: bytes
    message: AckableMessage


class JobStreamBroker(RedisStreamBroker):
    def __init__(
        self,
        url: str,
        *,
        stream: str,
        delayed: str,
        consumer: str,
        poll_interval_s: float,
        redeliver_after_s: float,
    ) -> None:
        super().__init__(
            url,
            queue_name=stream,
            consumer_group_name=CONSUMER_GROUP,
            consumer_name=consumer,
            consumer_id="0",  # a group created after jobs were queued still sees them
            xread_count=1,
            idle_timeout=int(redeliver_after_s * 1000),
        )
        self.stream, self.delayed = stream, delayed
        self.poll_interval_s = poll_interval_s
        self.redeliver_after_s = redeliver_after_s
        self._held: dict[bytes, None] = {}
        self._heartbeat: asyncio.Task[None] | None = None
        self._step: asyncio.Future[Fetched | None] | None = None
        self._stopping = asyncio.Event()
        self._next_reclaim = 0.0
        self._reclaim_cursor: bytes | str = "0-0"

    async def startup(self) -> None:
        try:
            await super().startup()
        except (RedisError, OSError):
            log.warning(
                "job queue unreachable at start; will keep trying",
                extra={"fields": {"stream": self.stream}},
                exc_info=True,
            )

    async def shutdown(self) -> None:
        self._stopping.set()
        if self._step is not None:
            await self._release_late(self._step)
        if self._heartbeat is not None:
            await self._heartbeat
        await super().shutdown()

    async def listen(self) -> AsyncGenerator[AckableMessage, None]:
        if self._heartbeat is None:
            self._heartbeat = asyncio.create_task(self._keep_held_alive())
        redis = Redis(connection_pool=self.connection_pool)
        promote = redis.register_script(PROMOTE_DUE)
        while True:
            # Each step's Redis calls run in a task of their own that a stopping worker does
            # not cancel: redis-py can hang when cancelled in the middle of reading a reply.
            # The step is short (its blocking read lasts one poll interval).
            self._step = asyncio.ensure_future(self._next_message(redis, promote))
            fetched = await asyncio.shield(self._step)
            self._step = None
            if fetched is not None:
                yield fetched.message

    async def _next_message(self, redis: Redis, promote: AsyncScript) -> Fetched | None:
        try:
            await promote(keys=[self.delayed, self.stream], args=[time.time(), PROMOTE_BATCH])
            return await self._reclaim_one(redis) or await self._read_one(redis)
        except Exception as exc:
            await self._recover(exc)
            return None

    async def _release_late(self, step: asyncio.Future[Fetched | None]) -> None:
        """A message read while the worker stopped goes back at once for another worker."""
        await asyncio.wait([step], timeout=self.poll_interval_s + 2)
        if not step.done() or step.cancelled() or step.exception() or step.result() is None:
            return
        fetched = step.result()
        assert fetched is not None
        self._held.pop(fetched.message_id, None)
        with contextlib.suppress(RedisError, OSError):
            async with Redis(connection_pool=self.connection_pool) as redis:
                await redis.xclaim(
                    self.stream,
                    CONSUMER_GROUP,
                    self.consumer_name,
                    min_idle_time=0,
                    message_ids=[fetched.message_id],
                    idle=int(self.redeliver_after_s * 1000),
                    justid=True,
                )

    async def _read_one(self, redis: Redis) -> Fetched | None:
        fetched: Any = await redis.xreadgroup(
            CONSUMER_GROUP,
            self.consumer_name,
            {self.stream: ">"},
            count=1,
            block=max(1, int(self.poll_interval_s * 1000)),
        )
        for _stream, messages in fetched or []:
            for message_id, fields in messages:
                return self._hold(message_id, fields)
        return None

    async def _reclaim_one(self, redis: Redis) -> Fetched | None:
        """Take over one message a dead worker left pending, at most every poll interval."""
        if time.monotonic() < self._next_reclaim:
            return None
        reply: Any = await redis.xautoclaim(
            self.stream,
            CONSUMER_GROUP,
            self.consumer_name,
            min_idle_time=int(self.redeliver_after_s * 1000),
            start_id=self._reclaim_cursor,
            count=1,
        )
        self._reclaim_cursor, claimed = reply[0], reply[1]
        for message_id, fields in claimed:
            if fields:
                log.info(
                    "redelivering a job whose worker stopped",
                    extra={"fields": {"stream": self.stream}},
                )
                return self._hold(message_id, fields)
            await self._ack(redis, message_id)  # a message deleted under us: nothing to run
        if self._reclaim_cursor in (b"0-0", "0-0"):
            self._next_reclaim = time.monotonic() + self.poll_interval_s
        return None

    def _hold(self, message_id: bytes, fields: dict[bytes, bytes]) -> Fetched:
        self._held[message_id] = None
        # A message without data fails to parse in the receiver, which then drops it.
        data = fields.get(b"data", b"")
        message = AckableMessage(data=data, ack=self._acknowledger(message_id))
        return Fetched(message_id, message)

    def _acknowledger(self, message_id: bytes) -> Callable[[], Awaitable[None]]:
        async def ack() -> None:
            self._held.pop(message_id, None)
            task = asyncio.current_task()
            if leave_pending.get() or (task is not None and task.cancelling()):
                return  # the job did not finish: another worker will get it again
            async with Redis(connection_pool=self.connection_pool) as redis:
                await self._ack(redis, message_id)

        return ack

    async def _ack(self, redis: Redis, message_id: bytes) -> None:
        async with redis.pipeline(transaction=True) as pipe:
            pipe.xack(self.stream, CONSUMER_GROUP, message_id)
            pipe.xdel(self.stream, message_id)
            await pipe.execute()

    async def _keep_held_alive(self) -> None:
        """Claim our own running messages again so their idle time never reaches the reclaim."""
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.redeliver_after_s / 3)
                return
            held: Any = list(self._held)
            if not held:
                continue
            try:
                async with Redis(connection_pool=self.connection_pool) as redis:
                    await redis.xclaim(
                        self.stream,
                        CONSUMER_GROUP,
                        self.consumer_name,
                        min_idle_time=0,
                        message_ids=held,
                        justid=True,
                    )
            except (RedisError, OSError):
                log.warning("job heartbeat failed", exc_info=True)

    async def _recover(self, exc: BaseException) -> None:
        if isinstance(exc, ResponseError) and "NOGROUP" in str(exc):
            with contextlib.suppress(RedisError, OSError):
                await self._declare_consumer_group()
            return
        log.warning(
            "job queue read failed; retrying",
            extra={"fields": {"stream": self.stream}},
            exc_info=exc,
        )
        await asyncio.sleep(max(self.poll_interval_s, 1.0))
