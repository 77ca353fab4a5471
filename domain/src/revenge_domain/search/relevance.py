"""How well a title answers what was typed, as people judge it: the more words of the query the
title holds (a typo or two forgiven, the last word as a beginning), the better; then fewer typos,
then fewer words the title has beyond the query. Case, accents, punctuation and word order do not
matter ("spider man" and "spiderman" find "Spider-Man", "amelie" finds "Amélie").

Both backends' best-first answers are put in this order (stable: equally good hits keep the
backend's order), so the engine and the database fallback agree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

T = TypeVar("T")
# The engine's defaults: one typo from 4 letters on, two from 7.
ONE_TYPO_FROM = 4
TWO_TYPOS_FROM = 7


def fold(text: str) -> str:
    """Lower case, accents dropped, every run of other characters than letters and digits
    made one space."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def words(text: str) -> list[str]:
    """The folded words of `text`."""
    return fold(text).split()


def title_words(title: str) -> set[str]:
    """A title's words, and each word written with punctuation inside it also joined up
    ("Spider-Man" gives spider, man and spiderman)."""
    found = set(words(title))
    for part in title.split():
        joined = "".join(words(part))
        if joined:
            found.add(joined)
    return found


def allowed_typos(word: str) -> int:
    return 2 if len(word) >= TWO_TYPOS_FROM else 1 if len(word) >= ONE_TYPO_FROM else 0


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insertion, deletion, substitution, swap of neighbours) from `a` to `b`, or
    `limit + 1` when more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return min(previous[-1], limit + 1)


def word_typos(typed: str, title: set[str], last: bool) -> int | None:
    """The fewest typos with which `typed` matches a word of `title` (the last word typed may
    be a word's beginning), or None."""
    if typed in title or (last and any(word.startswith(typed) for word in title)):
        return 0
    limit = allowed_typos(typed)
    best = min((distance(typed, word, limit) for word in title), default=limit + 1)
    if last and best > limit:
        best = min((distance(typed, w[: len(typed)], limit) for w in title), default=best)
    return best if best <= limit else None


@attrs.frozen(order=True)
class Relevance:
    """Greater is better."""

    matched: int
    fewer_typos: int
    exact: bool
    fewer_extra_words: int


def relevance(typed: Sequence[str], title: str) -> Relevance:
    held = title_words(title)
    found = [word_typos(word, held, i == len(typed) - 1) for i, word in enumerate(typed)]
    typos = [t for t in found if t is not None]
    extra = max(len(words(title)) - len(typed), 0)
    return Relevance(len(typos), -sum(typos), words(title) == list(typed), -extra)


def best_relevance(
    typed: Sequence[str], document: Mapping[str, Any], fields: Iterable[str]
) -> Relevance:
    """The relevance of the document's best title among `fields`."""
    titles = [document.get(field) for field in fields]
    return max(
        (relevance(typed, title) for title in titles if isinstance(title, str) and title),
        default=Relevance(0, 0, False, 0),
    )


def by_relevance(
    items: Iterable[T],
    q: str,
    fields: Sequence[str],
    document: Callable[[T], Mapping[str, Any]],
) -> list[T]:
    """`items` best first for `q` (equally good ones keep their order); `document(item)` is the
    document whose `fields` hold its titles."""
    typed = words(q)
    if not typed:
        return list(items)

    def key(item: T) -> Relevance:
        return best_relevance(typed, document(item), fields)

    return sorted(items, key=key, reverse=True)
