"""Job values: what to do later, on which queue, with how many attempts."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from revenge_domain.errors import DependencyUnavailable


class Queue(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    DEFAULT = "default"
    LOW = "low"
    BULK = "bulk"


class RetryLater(Exception):
    """Raised by a handler when the work can succeed after `delay_s` seconds (a remote service's
    Retry-After): the next attempt waits that long instead of the usual backoff."""

    def __init__(self, message: str, delay_s: float) -> None:
        super().__init__(message)
        self.delay_s = max(0.0, delay_s)


class JobQueueUnavailable(DependencyUnavailable):
    code = "job_queue_unavailable"


class DuplicateJobKind(TypeError):
    pass


class JobRegistry:
    """Every job class by kind, so tests and tools can list what the code can enqueue."""

    def __init__(self) -> None:
        self._types: dict[str, type[Job]] = {}

    def add(self, job_type: type[Job]) -> None:
        kind = job_type.kind
        known = self._types.get(kind)
        # attrs rebuilds a slotted class under the same name; that is the same job, not a clash.
        if known is not None and _name(known) != _name(job_type):
            raise DuplicateJobKind(
                f"job kind {kind!r} is defined twice: {_name(known)} and {_name(job_type)}"
            )
        self._types[kind] = job_type

    def remove(self, job_type: type[Job]) -> None:
        """Forget a kind (tests that define throwaway kinds clean up with this)."""
        if self._types.get(job_type.kind) is job_type:
            del self._types[job_type.kind]

    def get(self, kind: str) -> type[Job] | None:
        return self._types.get(kind)

    def all(self) -> dict[str, type[Job]]:
        return dict(self._types)


def _name(job_type: type) -> str:
    return f"{job_type.__module__}.{job_type.__qualname__}"


JOB_TYPES = JobRegistry()


class Job:
    """Base of job values. Subclasses are `@attrs.frozen` and set the class-level settings.

    A subclass that sets `kind` in its own body is registered in `JOB_TYPES`; one that does not
    is an abstract base and cannot be enqueued.
    """

    __slots__ = ()

    kind: ClassVar[str]
    queue: ClassVar[Queue] = Queue.DEFAULT
    max_attempts: ClassVar[int] = 5
    timeout_s: ClassVar[float] = 300.0
    # Same kind and same values within this many seconds are enqueued once (None: no limit).
    unique_for_s: ClassVar[float | None] = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" not in cls.__dict__:
            return
        if not cls.kind or cls.max_attempts < 1 or cls.timeout_s <= 0:
            raise TypeError(f"{_name(cls)}: kind, max_attempts >= 1 and timeout_s > 0 are required")
        JOB_TYPES.add(cls)
