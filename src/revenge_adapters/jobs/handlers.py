"""Which async function handles each job kind, and how a handler says a job cannot succeed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from revenge_domain.jobs import Job

J = TypeVar("J", bound=Job)
JobHandler = Callable[[Any], Awaitable[None]]


class PermanentFailure(Exception):
    """Raised by a handler when trying again cannot help: the job goes straight to dead letters."""


class DuplicateHandler(ValueError):
    pass


class JobHandlers:
    """Which async function handles each job kind."""

    def __init__(self) -> None:
        self._by_kind: dict[str, JobHandler] = {}

    def register(self, job_type: type[J], handler: Callable[[J], Awaitable[None]]) -> None:
        if job_type.kind in self._by_kind:
            raise DuplicateHandler(f"job kind {job_type.kind!r} already has a handler")
        self._by_kind[job_type.kind] = handler

    def get(self, kind: str) -> JobHandler | None:
        return self._by_kind.get(kind)

    def kinds(self) -> frozenset[str]:
        return frozenset(self._by_kind)
