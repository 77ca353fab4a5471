"""The job queue port over Taskiq: a job becomes a Taskiq message on its queue's Redis stream."""

from __future__ import annotations

import contextlib
import time
import uuid

from redis.asyncio import Redis
from redis.exceptions import RedisError
from taskiq import AsyncBroker
from taskiq.message import TaskiqMessage

from revenge_adapters.jobs.keys import RUN_JOB_TASK, JobKeys
from revenge_adapters.metrics import JOBS
from revenge_domain.jobs import Delivery, Job, JobQueueUnavailable, job_digest


class TaskiqJobQueue:
    """Enqueues jobs (the `JobQueue` port) and puts failed deliveries back (`JobRetries`)."""

    def __init__(self, broker: AsyncBroker, redis: Redis, keys: JobKeys) -> None:
        self._broker, self._redis, self._keys = broker, redis, keys

    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        job_id = uuid.uuid4().hex
        delivery = Delivery.of(job, job_id)
        unique_key = self._keys.unique(job.kind, job_digest(job)) if job.unique_for_s else None
        try:
            if unique_key is not None and job.unique_for_s is not None:
                earlier = await self._claim_unique(unique_key, job_id, job.unique_for_s)
                if earlier is not None:
                    return earlier
            await self._send(delivery, delay_s)
        except (RedisError, OSError) as exc:
            if unique_key is not None:
                with contextlib.suppress(RedisError, OSError):
                    await self._redis.delete(unique_key)
            raise JobQueueUnavailable("the job queue cannot be reached") from exc
        JOBS.labels(job.kind, str(job.queue), "enqueued").inc()
        return job_id

    async def retry_later(self, delivery: Delivery, delay_s: float) -> None:
        await self._send(delivery, delay_s)

    async def _claim_unique(self, key: str, job_id: str, window_s: float) -> str | None:
        """The id of an equal job enqueued within the window, or None after claiming it."""
        if await self._redis.set(key, job_id, nx=True, px=max(1, int(window_s * 1000))):
            return None
        earlier = await self._redis.get(key)
        return earlier.decode() if isinstance(earlier, bytes) else earlier

    async def _send(self, delivery: Delivery, delay_s: float) -> None:
        stream = self._keys.stream(delivery.queue)
        message = self._broker.formatter.dumps(
            TaskiqMessage(
                task_id=delivery.id,
                task_name=RUN_JOB_TASK,
                labels={"queue_name": stream},
                args=[],
                kwargs={"envelope": delivery.as_dict()},
            )
        )
        if delay_s > 0:
            due = time.time() + delay_s
            await self._redis.zadd(self._keys.delayed(delivery.queue), {message.message: due})
        else:
            await self._broker.kick(message)
