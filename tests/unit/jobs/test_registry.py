"""Every job kind the code can enqueue must have a handler, or its jobs would be lost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import attrs
import pytest

from revenge_app.jobs.kinds import defined_job_types
from revenge_domain.jobs import JOB_TYPES, Job
from tests.unit.whole_app import unit_app


async def unhandled_kinds() -> list[str]:
    """The kinds no feature registers a handler for."""
    async with unit_app() as (_, features):
        return sorted(set(defined_job_types()) - features.jobs.kinds())


async def test_every_job_kind_in_the_code_has_a_handler() -> None:
    assert "dead_letter_prune" in defined_job_types()
    assert await unhandled_kinds() == []


@attrs.frozen
class Forgotten(Job):
    kind: ClassVar[str] = "test_registry_forgotten"


@pytest.fixture
def forgotten_kind_in_the_app() -> Iterator[None]:
    """As if someone had added a job class to the app and no handler for it."""
    Forgotten.__module__ = "revenge_app.jobs.forgotten"
    yield
    JOB_TYPES.remove(Forgotten)


@pytest.mark.usefixtures("forgotten_kind_in_the_app")
async def test_a_kind_added_without_a_handler_is_reported() -> None:
    assert await unhandled_kinds() == ["test_registry_forgotten"]
