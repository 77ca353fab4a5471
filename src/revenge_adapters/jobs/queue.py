"""The job queue port over Taskiq: a job becomes a Taskiq message on its queue's Redis stream."""

from __future__ import annotations

import time
import uuid

from redis.asyncio import Redis
from redis.exceptions import RedisError
from taskiq import AsyncBroker, BrokerMessage
from taskiq.message import TaskiqMessage

from revenge_adapters.jobs.codec import job_digest
from revenge_adapters.jobs.keys import RUN_JOB_TASK, JobKeys
from revenge_adapters.jobs.runner import Delivery
from revenge_adapters.metrics import JOBS
from revenge_domain.jobs import Job, JobQueueUnavailable

# An equal job's id while its claim holds; else the message goes on the stream (or the delayed
# set, when due later) and the claim is taken, in one step. A failed write leaves no claim.
SEND_UNIQUE = """
local earlier = redis.call('GET', KEYS[1])
if earlier then
  return earlier
end
if tonumber(ARGV[4]) > 0 then
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
else
  redis.call('XADD', KEYS[2], '*', 'data', ARGV[3])
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
"""


class TaskiqJobQueue:
    """Enqueues jobs (the `JobQueue` port) and puts failed deliveries back (`JobRetries`)."""

    def __init__(self, broker: AsyncBroker, redis: Redis, keys: JobKeys) -> None:
        self._broker, self._redis, self._keys = broker, redis, keys
        self._send_claimed = redis.register_script(SEND_UNIQUE)

    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        job_id = uuid.uuid4().hex
        delivery = Delivery.of(job, job_id)
        unique_key = self._keys.unique(job.kind, job_digest(job)) if job.unique_for_s else None
        try:
            if unique_key is not None and job.unique_for_s is not None:
                earlier = await self._send_unique(delivery, delay_s, unique_key, job.unique_for_s)
                if earlier is not None:
                    return earlier
            else:
                await self._send(delivery, delay_s)
        except (RedisError, OSError) as exc:
            raise JobQueueUnavailable("the job queue cannot be reached") from exc
        JOBS.labels(job.kind, str(job.queue), "enqueued").inc()
        return job_id

    async def retry_later(self, delivery: Delivery, delay_s: float) -> None:
        await self._send(delivery, delay_s)

    async def _send_unique(
        self, delivery: Delivery, delay_s: float, key: str, window_s: float
    ) -> str | None:
        """The id of an equal job enqueued within the window, or None after sending this one:
        the claim and the message are written together (a process dying in between would
        leave a claim with no job, and every equal job dropped for the window)."""
        queue = delivery.queue
        due = time.time() + delay_s if delay_s > 0 else 0
        earlier = await self._send_claimed(
            keys=[key, self._keys.stream(queue), self._keys.delayed(queue)],
            args=[delivery.id, max(1, int(window_s * 1000)), self._message(delivery).message, due],
        )
        return earlier.decode() if isinstance(earlier, bytes) else earlier

    def _message(self, delivery: Delivery) -> BrokerMessage:
        stream = self._keys.stream(delivery.queue)
        return self._broker.formatter.dumps(
            TaskiqMessage(
                task_id=delivery.id,
                task_name=RUN_JOB_TASK,
                labels={"queue_name": stream},
                args=[],
                kwargs={"envelope": delivery.as_dict()},
            )
        )

    async def _send(self, delivery: Delivery, delay_s: float) -> None:
        message = self._message(delivery)
        if delay_s > 0:
            due = time.time() + delay_s
            await self._redis.zadd(self._keys.delayed(delivery.queue), {message.message: due})
        else:
            await self._broker.kick(message)
