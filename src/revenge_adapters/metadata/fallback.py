"""Language fallback: texts a provider lacks in the wanted language come from the fallback one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")

# The texts of each model type that a translation may lack; the first one decides the
# `language` the value says it is in.
TEXTS: dict[str, tuple[str, ...]] = {
    "Movie": ("overview", "tagline"),
    "Series": ("overview", "tagline", "name"),
    "Season": ("overview", "name"),
    "Episode": ("overview", "name"),
    "Person": ("biography",),
    "Collection": ("overview", "name"),
}


def lacks_texts(value: object) -> bool:
    return any(not getattr(value, name) for name in TEXTS.get(type(value).__name__, ()))


def filled(primary: T, fallback: T, fallback_language: str) -> T:
    """`primary` with each empty text taken from `fallback`."""
    names = TEXTS.get(type(primary).__name__, ())
    changes: dict[str, Any] = {
        name: getattr(fallback, name)
        for name in names
        if not getattr(primary, name) and getattr(fallback, name)
    }
    if names and names[0] in changes and hasattr(primary, "language"):
        changes["language"] = fallback_language
    return attrs.evolve(primary, **changes) if changes else primary  # type: ignore[misc]


async def with_fallback(
    fetch: Callable[[str, bool], Awaitable[T | None]], language: str, fallback_language: str
) -> T | None:
    """`fetch(language, full=True)`, completed from `fetch(fallback_language, full=False)` when
    texts are missing and the languages differ."""
    primary = await fetch(language, True)
    if primary is None or language == fallback_language or not lacks_texts(primary):
        return primary
    fallback = await fetch(fallback_language, False)
    return primary if fallback is None else filled(primary, fallback, fallback_language)
