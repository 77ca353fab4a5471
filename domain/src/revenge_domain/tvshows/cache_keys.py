"""Where cached TV catalogue answers live: each key starts with what it depends on, so a change
drops exactly those (`tvshow:series:<id>:`, `tvshow:season:<id>:` ...) and the families that
gather many (`tvshow:list:`, every season list, every episode list)."""

from __future__ import annotations

from uuid import UUID

PREFIX = "tvshow:"
LIST = f"{PREFIX}list:"
SERIES = f"{PREFIX}series:"
SEASONS = f"{PREFIX}seasons:"
CREDITS = f"{PREFIX}credits:"
SEASON = f"{PREFIX}season:"
EPISODES = f"{PREFIX}episodes:"
EPISODE = f"{PREFIX}episode:"


def of(family: str, owner: UUID | None = None) -> str:
    """The prefix of a family's keys, or of one owner's keys in it (`of(SERIES, id)`)."""
    return family if owner is None else f"{family}{owner}:"
