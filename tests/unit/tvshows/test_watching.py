"""The next-episode rule and the rules of marking episodes watched, with in-memory ports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.identity import USER, AuthMethod, Principal
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.tvshows import (
    MAX_BULK,
    Episode,
    TVWatching,
    WatchedEpisode,
    bulk_ids,
    is_completed,
    next_episode,
)
from tests.unit.tvshows.fakes import FixedAccess, InMemoryWatchState

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SERIES, SEASON = uuid.uuid4(), uuid.uuid4()
READABLE, HIDDEN = uuid.uuid4(), uuid.uuid4()


def episode(season: int, number: int, series_id: uuid.UUID = SERIES) -> Episode:
    return Episode(uuid.uuid4(), series_id, SEASON, season, number, f"E{number}", NOW, NOW)


def caller() -> Principal:
    return Principal(
        uuid.uuid4(), "viewer", frozenset({USER}), DEFAULT_GRANTS[USER], None, AuthMethod.BEARER
    )


def test_next_is_the_first_uncompleted_in_season_and_episode_order() -> None:
    s2e1, s1e2, s1e1 = episode(2, 1), episode(1, 2), episode(1, 1)
    given = [WatchedEpisode(s2e1, False), WatchedEpisode(s1e2, False), WatchedEpisode(s1e1, True)]
    assert next_episode(given) == s1e2


def test_an_earlier_gap_comes_before_later_episodes() -> None:
    first, second, third = episode(1, 1), episode(1, 2), episode(1, 3)
    given = [
        WatchedEpisode(third, False),
        WatchedEpisode(second, True),
        WatchedEpisode(first, False),
    ]
    assert next_episode(given) == first


def test_specials_are_never_next_and_nothing_is_next_when_all_are_done() -> None:
    special, last = episode(0, 1), episode(1, 1)
    assert next_episode([WatchedEpisode(special, False), WatchedEpisode(last, False)]) == last
    assert next_episode([WatchedEpisode(special, False), WatchedEpisode(last, True)]) is None


def test_completion_starts_past_ninety_percent() -> None:
    assert not is_completed(90, 100)
    assert is_completed(91, 100)


def test_bulk_ids_are_distinct_in_order_and_bounded() -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    assert bulk_ids([a, b, a]) == [a, b]
    assert len(bulk_ids([uuid.uuid4() for _ in range(MAX_BULK)])) == MAX_BULK
    for wrong in ([], [uuid.uuid4() for _ in range(MAX_BULK + 1)]):
        with pytest.raises(InvalidInput):
            bulk_ids(wrong)


def watching() -> tuple[TVWatching, InMemoryWatchState, list[Episode]]:
    state = InMemoryWatchState()
    shown = [episode(1, number) for number in (1, 2)]
    for item in shown:
        state.add(READABLE, item)
    state.add(HIDDEN, episode(1, 1, series_id=uuid.uuid4()))
    return TVWatching(FixedAccess(frozenset({READABLE})), state), state, shown


async def test_bulk_marks_only_readable_episodes_once_each() -> None:
    cases, state, shown = watching()
    hidden = next(e.id for library, e in state.episodes.values() if library == HIDDEN)
    marked = await cases.mark_episodes(caller(), [shown[0].id, shown[0].id, hidden])
    assert marked == 1
    assert state.mark_calls == [[shown[0].id, hidden]]


async def test_next_episode_moves_on_after_a_season_is_marked() -> None:
    cases, _, shown = watching()
    viewer = caller()
    assert await cases.next_episode(viewer, SERIES) == shown[0]
    assert await cases.mark_season(viewer, SEASON) == 2
    with pytest.raises(NotFound):
        await cases.next_episode(viewer, SERIES)


async def test_next_episode_of_an_unreadable_series_is_not_found() -> None:
    cases, state, _ = watching()
    hidden_series = next(e.series_id for library, e in state.episodes.values() if library == HIDDEN)
    with pytest.raises(NotFound):
        await cases.next_episode(caller(), hidden_series)
