"""Job values to and from JSON-ready dicts, by kind."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from uuid import UUID

from cattrs.preconf.json import make_converter

from revenge_adapters.jobs.handlers import PermanentFailure
from revenge_domain.jobs import JOB_TYPES, Job

_converter = make_converter()
_converter.register_unstructure_hook(UUID, str)
_converter.register_structure_hook(UUID, lambda value, _: UUID(str(value)))


class UndecodableJob(PermanentFailure):
    """A stored job whose kind is unknown or whose values no longer fit its class."""


def encode_job(job: Job) -> dict[str, Any]:
    """The job's values as a JSON-ready dict; its class must be the one registered for its kind."""
    if JOB_TYPES.get(job.kind) is not type(job):
        raise TypeError(f"{type(job).__qualname__} is not the registered class of {job.kind!r}")
    payload: dict[str, Any] = _converter.unstructure(job)
    return payload


def decode_job(kind: str, payload: dict[str, Any]) -> Job:
    job_type = JOB_TYPES.get(kind)
    if job_type is None:
        raise UndecodableJob(f"unknown job kind {kind!r}")
    try:
        job: Job = _converter.structure(payload, job_type)
    except Exception as exc:
        raise UndecodableJob(f"job {kind!r} has values that do not fit it: {exc}") from exc
    return job


def job_digest(job: Job) -> str:
    """A stable fingerprint of kind and values (for uniqueness windows)."""
    text = json.dumps([job.kind, encode_job(job)], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]
