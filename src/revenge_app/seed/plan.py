"""What to seed, the rows it becomes, and the seeded random draws every generator shares."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs

from revenge_app.seed import words

T = TypeVar("T")
Row = tuple[Any, ...]


@attrs.frozen
class SeedPlan:
    movies: int = 10_000
    series: int = 1_000
    episodes_per_series: int = 50
    users: int = 50
    seed: int = 0
    movie_root: Path = Path("seed/movies")
    tv_root: Path = Path("seed/tv")
    password_hash: str = ""
    # Watch times and air dates count back from here, so a plan gives the same rows every run.
    now: datetime = datetime(2026, 1, 1, tzinfo=UTC)

    @property
    def episodes(self) -> int:
        return self.series * self.episodes_per_series

    @property
    def people(self) -> int:
        return max(50, self.movies + 2 * self.series)


@attrs.define
class Table:
    """Rows for one table, in the order of `columns`; unlisted columns take their defaults."""

    schema: str
    name: str
    columns: tuple[str, ...]
    rows: list[Row] = attrs.Factory(list)

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"


class Draw:
    """Seeded random values shaped like a real catalogue's."""

    def __init__(self, seed: int) -> None:
        # Not for secrets: repeatable draws are the point.
        self.rng = random.Random(seed)  # noqa: S311

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def pick(self, choices: tuple[T, ...]) -> T:
        return choices[int(self.rng.random() * len(choices))]

    def popular(self, count: int) -> int:
        """An index below `count`, small indexes far more likely (a few stars, a long tail)."""
        return int(count * self.rng.random() ** 3)

    def title(self) -> str:
        roll = self.rng.random()
        noun, adjective = self.pick(words.NOUNS), self.pick(words.ADJECTIVES)
        if roll < 0.4:
            return f"The {adjective} {noun}"
        if roll < 0.7:
            return f"{adjective} {noun}"
        if roll < 0.9:
            return f"{noun} of {self.pick(words.PLACES)}"
        return f"{self.pick(words.NOUNS)} & {noun}"

    def person_name(self) -> str:
        return f"{self.pick(words.FIRST_NAMES)} {self.pick(words.LAST_NAMES)}"

    def year(self, newest: int) -> int:
        """Recent years more likely, none before 1930."""
        return newest - min(int(self.rng.expovariate(1 / 14)), newest - 1930)

    def day_in(self, year: int) -> date:
        return date(year, 1, 1) + timedelta(days=int(self.rng.random() * 365))

    def vote_average(self) -> Decimal:
        score = min(max(self.rng.gauss(6.4, 1.1), 1.0), 9.8)
        return Decimal(f"{score:.1f}")

    def vote_count(self) -> int:
        """Log-normal: most titles have a few hundred votes, a few have hundreds of thousands."""
        return min(int(self.rng.lognormvariate(5.5, 1.8)), 2_000_000)

    def popularity(self) -> Decimal:
        return Decimal(f"{min(self.rng.lognormvariate(2.0, 1.3), 9_999_999):.3f}")

    def genres(self) -> list[tuple[str, str]]:
        return self.rng.sample(words.GENRES, 1 + int(self.rng.random() ** 2 * 4))

    def sentence(self, subject: str) -> str:
        return (
            f"{self.person_name()}, a {self.pick(words.ROLES).lower()} from "
            f"{self.pick(words.PLACES)}, is drawn into {subject.lower()}."
        )
