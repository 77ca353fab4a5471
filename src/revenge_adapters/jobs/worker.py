"""The job worker: one Taskiq receiver per queue, each with its own concurrency limit."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Mapping
from typing import Any

import attrs
from taskiq.receiver import Receiver

from revenge_adapters.jobs.broker import JobStreamBroker, leave_pending
from revenge_adapters.jobs.keys import RUN_JOB_TASK, JobKeys
from revenge_adapters.jobs.runner import Delivery, JobRunner
from revenge_adapters.metrics import JOB_DURATION, JOBS
from revenge_domain.jobs import Queue

log = logging.getLogger(__name__)

ABANDON_WAIT_S = 5.0


@attrs.frozen
class WorkerSettings:
    redis_url: str
    keys: JobKeys
    concurrency: Mapping[Queue, int]
    redeliver_after_s: float = 600.0
    poll_interval_s: float = 1.0
    # How long a stopping worker lets running jobs finish; the rest are left for redelivery.
    shutdown_wait_s: float = 10.0
    queues: tuple[Queue, ...] = tuple(Queue)


class JobWorker:
    def __init__(self, settings: WorkerSettings, runner: JobRunner) -> None:
        self._settings, self._runner = settings, runner
        self._consumer = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._running: set[asyncio.Task[Any]] = set()

    async def run(self, stop: asyncio.Event) -> None:
        """Run jobs from every queue until `stop` is set."""
        brokers = {queue: self._broker(queue) for queue in self._settings.queues}
        log.info("job worker started", extra={"fields": {"consumer": self._consumer}})
        try:
            async with asyncio.TaskGroup() as group:
                for queue, broker in brokers.items():
                    group.create_task(self._receiver(queue, broker).listen(stop))
        finally:
            await self._abandon_running()
            for broker in brokers.values():
                await broker.shutdown()
            log.info("job worker stopped", extra={"fields": {"consumer": self._consumer}})

    def _broker(self, queue: Queue) -> JobStreamBroker:
        keys = self._settings.keys
        broker = JobStreamBroker(
            self._settings.redis_url,
            stream=keys.stream(queue),
            delayed=keys.delayed(queue),
            consumer=self._consumer,
            poll_interval_s=self._settings.poll_interval_s,
            redeliver_after_s=self._settings.redeliver_after_s,
        )
        broker.is_worker_process = True

        async def run_job(envelope: dict[str, Any]) -> None:
            await self._run(Delivery.from_dict(envelope))

        broker.register_task(run_job, task_name=RUN_JOB_TASK)
        return broker

    def _receiver(self, queue: Queue, broker: JobStreamBroker) -> Receiver:
        return Receiver(
            broker,
            max_async_tasks=self._settings.concurrency[queue],
            max_prefetch=0,
            propagate_exceptions=False,
            wait_tasks_timeout=self._settings.shutdown_wait_s,
        )

    async def _run(self, delivery: Delivery) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._running.add(task)
        started = time.monotonic()
        try:
            outcome = await self._runner.run(delivery)
        except Exception:
            # Retry or dead letter could not be recorded: keep the message for redelivery.
            log.exception(
                "job bookkeeping failed; the job will be delivered again",
                extra={"fields": {"job_id": delivery.id, "kind": delivery.kind}},
            )
            leave_pending.set(True)
            return
        finally:
            self._running.discard(task)
        JOBS.labels(delivery.kind, str(delivery.queue), str(outcome)).inc()
        JOB_DURATION.labels(delivery.kind).observe(time.monotonic() - started)

    async def _abandon_running(self) -> None:
        """Stop jobs still running after the shutdown wait; their messages stay pending."""
        tasks = list(self._running)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=ABANDON_WAIT_S)
