"""The `NameParser` port: the common layouts read by a few patterns, everything else by
`guessit` (slow, so it runs in a worker thread).

Fast layouts: `Title (Year)/...` or `Title (Year).ext` for movies, and `... S01E02 ...` (also
`S01E01E02`, `S01E01-E03`) for episodes; a test checks they agree with guessit.
"""

from __future__ import annotations

import asyncio
import posixpath
import re
from typing import Any

from guessit import guessit

from revenge_domain.scanning.model import ParsedName

_TITLE_YEAR = re.compile(r"^(?P<title>[^()\[\]]+?) \((?P<year>(?:18|19|20)\d{2})\)$")
_EPISODE = re.compile(
    r"(?:^|[ ._\-\[])[Ss](?P<season>\d{1,3})(?P<episodes>(?:[ ._]?[Ee]\d{1,4})+(?:-[Ee]?\d{1,4})?)"
    r"(?=$|[ ._\-\]])"
)
_EPISODE_TITLE = re.compile(r"^ - (?P<title>.+?)(?: - | \[|$)")
_NUMBER = re.compile(r"\d+")


def _stem(relative: str) -> str:
    return posixpath.splitext(posixpath.basename(relative))[0]


def fast_movie(relative: str) -> ParsedName | None:
    folder = posixpath.basename(posixpath.dirname(relative))
    for name in (folder, _stem(relative)):
        found = _TITLE_YEAR.match(name)
        if found:
            return ParsedName(title=found["title"].strip(), year=int(found["year"]))
    return None


def fast_episode(relative: str) -> ParsedName | None:
    stem = _stem(relative)
    found = _EPISODE.search(stem)
    if found is None:
        return None
    numbers = [int(n) for n in _NUMBER.findall(found["episodes"])]
    if "-" in found["episodes"] and len(numbers) == 2 and numbers[0] < numbers[1]:
        numbers = list(range(numbers[0], numbers[1] + 1))
    title = stem[: found.start()].replace(".", " ").replace("_", " ").strip(" -[")
    after = _EPISODE_TITLE.match(stem[found.end() :])
    return ParsedName(
        title=title or None,
        season=int(found["season"]),
        episodes=tuple(numbers),
        episode_title=after["title"].strip() if after else None,
    )


def _int(value: Any) -> int | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, int) else None


def _ints(value: Any) -> tuple[int, ...]:
    values = value if isinstance(value, list) else [value]
    return tuple(v for v in values if isinstance(v, int))


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return str(value) if value else None


def guessed(relative: str, kind: str) -> ParsedName:
    found = dict(guessit(relative, {"type": kind}))
    return ParsedName(
        title=_text(found.get("title")),
        year=_int(found.get("year")),
        season=_int(found.get("season")),
        episodes=_ints(found.get("episode")),
        episode_title=_text(found.get("episode_title")),
    )


class GuessitNames:
    async def movie(self, relative_path: str) -> ParsedName:
        fast = fast_movie(relative_path)
        return fast if fast else await asyncio.to_thread(guessed, relative_path, "movie")

    async def episode(self, relative_path: str) -> ParsedName:
        fast = fast_episode(relative_path)
        return fast if fast else await asyncio.to_thread(guessed, relative_path, "episode")
