from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar
from uuid import UUID, uuid4

import attrs
import pytest

from revenge_adapters.jobs.codec import UndecodableJob, decode_job, encode_job, job_digest
from revenge_domain.jobs import JOB_TYPES, DuplicateJobKind, Job, Queue


@attrs.frozen
class RefreshMovie(Job):
    kind: ClassVar[str] = "test_model_refresh_movie"
    queue: ClassVar[Queue] = Queue.HIGH

    movie_id: UUID
    languages: tuple[str, ...] = ()
    requested_at: datetime | None = None
    force: bool = False


def test_a_job_class_is_registered_under_its_kind() -> None:
    assert JOB_TYPES.get("test_model_refresh_movie") is RefreshMovie


def test_two_classes_cannot_share_a_kind() -> None:
    with pytest.raises(DuplicateJobKind, match="test_model_refresh_movie"):

        @attrs.frozen
        class Impostor(Job):
            kind: ClassVar[str] = "test_model_refresh_movie"

    assert JOB_TYPES.get("test_model_refresh_movie") is RefreshMovie


def test_a_base_without_a_kind_is_not_registered_and_cannot_be_encoded() -> None:
    @attrs.frozen
    class LibraryJob(Job):
        library_id: str

    assert LibraryJob not in JOB_TYPES.all().values()
    with pytest.raises(AttributeError):
        encode_job(LibraryJob("lib"))


def test_values_survive_a_round_trip_by_kind() -> None:
    job = RefreshMovie(
        movie_id=uuid4(),
        languages=("en", "de"),
        requested_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
        force=True,
    )
    payload = encode_job(job)
    assert payload["movie_id"] == str(job.movie_id)
    assert decode_job(job.kind, payload) == job


def test_decoding_an_unknown_kind_or_bad_values_is_a_permanent_failure() -> None:
    with pytest.raises(UndecodableJob, match="unknown job kind"):
        decode_job("test_model_nothing", {})
    with pytest.raises(UndecodableJob, match="do not fit"):
        decode_job(RefreshMovie.kind, {"movie_id": "not-a-uuid"})


def test_equal_jobs_have_equal_digests() -> None:
    movie_id = uuid4()
    assert job_digest(RefreshMovie(movie_id)) == job_digest(RefreshMovie(movie_id))
    assert job_digest(RefreshMovie(movie_id)) != job_digest(RefreshMovie(movie_id, force=True))
