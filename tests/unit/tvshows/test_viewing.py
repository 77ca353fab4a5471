"""The viewing use cases with an in-memory record: percentages, not-found answers, bounds."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from uuid import UUID

import attrs
import pytest

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.libraries import ALL, Readable
from revenge_domain.tvshows import (
    AiredEpisode,
    Episode,
    EpisodeFile,
    ResumePoint,
    SeriesStats,
    TVViewing,
    UserStats,
)
from tests.unit.tvshows.fakes import FixedAccess
from tests.unit.tvshows.test_watching import caller

NOW = datetime(2026, 1, 1, tzinfo=UTC)
READABLE = uuid.uuid4()


@attrs.define
class InMemoryViewingRecord:
    """Episodes by library; marks kept as (user, episode, duration) triples."""

    episodes: dict[UUID, UUID] = attrs.Factory(dict)
    marks: list[tuple[UUID, UUID, int | None]] = attrs.Factory(list)

    def _readable(self, readable: Readable, episode_id: UUID) -> bool:
        library = self.episodes.get(episode_id)
        return library is not None and (readable is ALL or library in readable)

    async def series_episodes(self, readable: Readable, series_id: UUID) -> list[Episode] | None:
        return None

    async def episode_files(self, readable: Readable, episode_id: UUID) -> list[EpisodeFile] | None:
        return [] if self._readable(readable, episode_id) else None

    async def aired(
        self, readable: Readable, upcoming: bool, limit: int, offset: int
    ) -> list[AiredEpisode]:
        return []

    async def resume_points(
        self, user_id: UUID, readable: Readable, limit: int
    ) -> list[ResumePoint]:
        return []

    async def series_stats(
        self, user_id: UUID, readable: Readable, series_id: UUID
    ) -> SeriesStats | None:
        return None

    async def user_stats(self, user_id: UUID, readable: Readable) -> UserStats:
        return UserStats(user_id, 0, 0, 0, 0, 0)

    async def mark_episode(
        self, user_id: UUID, readable: Readable, episode_id: UUID, duration_seconds: int | None
    ) -> bool:
        if not self._readable(readable, episode_id):
            return False
        self.marks.append((user_id, episode_id, duration_seconds))
        return True


def viewing() -> tuple[TVViewing, InMemoryViewingRecord, UUID, UUID]:
    shown, hidden = uuid.uuid4(), uuid.uuid4()
    record = InMemoryViewingRecord({shown: READABLE, hidden: uuid.uuid4()})
    return TVViewing(FixedAccess(frozenset({READABLE})), record), record, shown, hidden


def resume(progress: int, duration: int) -> ResumePoint:
    ids = uuid.uuid4()
    return ResumePoint(ids, "Show", ids, "Pilot", 1, 1, progress, duration, NOW)


def test_progress_and_completion_are_percentages_safe_for_zero() -> None:
    assert resume(600, 2400).progress_percent == 25.0
    assert resume(3000, 2400).progress_percent == 100.0
    assert resume(10, 0).progress_percent == 0.0
    assert SeriesStats(uuid.uuid4(), 4, 1, 160, 40).completion_percent == 25.0
    assert SeriesStats(uuid.uuid4(), 0, 0, 0, 0).completion_percent == 0.0


async def test_marking_a_readable_episode_keeps_the_given_duration() -> None:
    cases, record, shown, _ = viewing()
    viewer = caller()
    await cases.mark_episode(viewer, shown, None)
    await cases.mark_episode(viewer, shown, 1800)
    assert record.marks == [(viewer.user_id, shown, None), (viewer.user_id, shown, 1800)]


async def test_an_unreadable_episode_is_not_found_and_a_bad_duration_refused() -> None:
    cases, record, shown, hidden = viewing()
    with pytest.raises(NotFound):
        await cases.mark_episode(caller(), hidden, None)
    with pytest.raises(NotFound):
        await cases.episode_files(caller(), hidden)
    assert await cases.episode_files(caller(), shown) == []
    with pytest.raises(InvalidInput):
        await cases.mark_episode(caller(), shown, 0)
    assert record.marks == []


async def test_absent_series_are_not_found_and_pages_are_bounded() -> None:
    cases, _, _, _ = viewing()
    with pytest.raises(NotFound):
        await cases.series_episodes(caller(), uuid.uuid4())
    with pytest.raises(NotFound):
        await cases.series_stats(caller(), uuid.uuid4())
    for limit, offset in ((0, 0), (101, 0), (20, -1)):
        with pytest.raises(InvalidInput):
            await cases.recent(caller(), limit, offset)
        with pytest.raises(InvalidInput):
            await cases.upcoming(caller(), limit, offset)
    with pytest.raises(InvalidInput):
        await cases.continue_watching(caller(), 0)
