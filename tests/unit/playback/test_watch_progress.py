"""A session's position as watch progress: through the movie and TV use cases, only for callers
holding playback:progress, only when the duration is known."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from revenge_domain.identity import GUEST, USER, AuthMethod, Principal
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.libraries import ALL
from revenge_domain.movies import MovieWatching
from revenge_domain.playback import MediaType, PlayableFile, PlaybackSession, WatchProgress
from revenge_domain.tvshows import TVWatching
from tests.unit.movies.fakes import InMemoryMovieCatalog, InMemoryWatchStore
from tests.unit.tvshows.fakes import FixedAccess, InMemoryWatchState

LIBRARY, MOVIE = uuid.uuid4(), uuid.uuid4()


def principal(role: str = USER) -> Principal:
    return Principal(
        uuid.uuid4(), role, frozenset({role}), DEFAULT_GRANTS[role], None, AuthMethod.BEARER
    )


def session_of(
    user: Principal, media_id: uuid.UUID, position_s: int, duration_s: int | None
) -> PlaybackSession:
    now = datetime.now(UTC)
    file = PlayableFile(uuid.uuid4(), duration_s=duration_s)
    return PlaybackSession(
        uuid.uuid4(), user.user_id, MediaType.MOVIE, media_id, file, position_s, 0, None, now, now
    )


@pytest.fixture
def watch() -> InMemoryWatchStore:
    return InMemoryWatchStore()


@pytest.fixture
def progress(watch: InMemoryWatchStore) -> WatchProgress:
    catalog, access = InMemoryMovieCatalog(), FixedAccess(ALL)
    catalog.add(LIBRARY, MOVIE, "Heat")
    return WatchProgress(
        MovieWatching(catalog, watch, access), TVWatching(access, InMemoryWatchState())
    )


async def test_a_position_becomes_the_movie_progress(
    progress: WatchProgress, watch: InMemoryWatchStore
) -> None:
    alice = principal()
    await progress.record(alice, session_of(alice, MOVIE, 5500, 6000))
    saved = watch.records[(alice.user_id, MOVIE)]
    assert (saved.progress_seconds, saved.duration_seconds) == (5500, 6000)
    assert saved.is_completed


async def test_guests_and_unknown_durations_record_nothing(
    progress: WatchProgress, watch: InMemoryWatchStore
) -> None:
    guest, alice = principal(GUEST), principal()
    await progress.record(guest, session_of(guest, MOVIE, 100, 6000))
    await progress.record(alice, session_of(alice, MOVIE, 100, None))
    assert watch.records == {}


async def test_a_title_gone_meanwhile_records_nothing_and_fails_nothing(
    progress: WatchProgress, watch: InMemoryWatchStore
) -> None:
    alice = principal()
    await progress.record(alice, session_of(alice, uuid.uuid4(), 100, 6000))
    assert watch.records == {}
