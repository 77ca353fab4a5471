"""Word matching on PostgreSQL without extensions (no pg_trgm, no unaccent): how many words of
the query a row's text holds, as `revenge_domain.search.relevance` counts them, one typo per word
forgiven and the last word typed matching a word's beginning.

Each word of the query (folded by `relevance.fold`) becomes one case-insensitive regular
expression of its one-typo variants, each letter standing for its accented forms (from the same
Unicode tables), matched against the stored text: nothing is folded per row. A word typed as one
("spiderman") that the title writes with punctuation inside is left to the relevance order.
"""

# Fragments are constants of this module; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from revenge_domain.search.relevance import ONE_TYPO_FROM, words

# How many words of a query are matched one by one (the rest still count through ILIKE).
MAX_WORDS = 8


def _accent_table() -> tuple[str, str]:
    """Letters of Latin-1 and Latin Extended-A/B, both cases (`lower` may leave capitals
    outside ASCII alone, by the database's locale), with the plain lower-case letter of each."""
    source, target = [], []
    for code in range(0xC0, 0x250):
        char = chr(code)
        decomposed = unicodedata.normalize("NFKD", char.lower())
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(plain) == 1 and plain.isascii() and plain.isalpha() and plain != char:
            source.append(char)
            target.append(plain)
    return "".join(source), "".join(target)


ACCENTED, PLAIN = _accent_table()


def _letter_classes() -> dict[str, str]:
    """Each plain letter with its accented forms, as a regular expression class."""
    forms: dict[str, str] = {}
    for accented, plain in zip(ACCENTED, PLAIN, strict=True):
        forms[plain] = forms.get(plain, plain) + accented
    return {plain: f"[{chars}]" for plain, chars in forms.items()}


LETTERS = _letter_classes()
WORD_START, WORD_END = r"\m", r"\M"  # PostgreSQL's word boundaries


def matched_words(columns: Sequence[str], text: str) -> str:
    """How many words of `text` the columns hold (a number; binds those of `word_values`).
    Each word is a case-insensitive regular expression on the columns as stored, so nothing
    is computed per row but the match."""
    count = len(words(text)[:MAX_WORDS])
    if count == 0:
        return "CAST(0 AS integer)"  # an expression: a bare 0 in ORDER BY names a column
    held = (
        "(" + " OR ".join(f"coalesce({column}, '') ~* :word_{i}" for column in columns) + ")::int"
        for i in range(count)
    )
    return "(" + " + ".join(held) + ")"


def enough_words(columns: Sequence[str], text: str, source: str, where: str) -> str:
    """Whether the row holds every word of `text`, or, when no row of `source` that passes
    `where` does, at least one (the engine drops words so only when nothing holds them all)."""
    count = len(words(text)[:MAX_WORDS])
    if count == 0:
        return "false"
    matched = matched_words(columns, text)
    every = f"EXISTS(SELECT 1 FROM {source} WHERE {where} AND {matched} = {count})"
    return f"{matched} >= (SELECT CASE WHEN {every} THEN {count} ELSE 1 END)"


def word_values(text: str) -> dict[str, Any]:
    typed = words(text)[:MAX_WORDS]
    last = len(typed) - 1
    return {f"word_{i}": _pattern(word, i == last) for i, word in enumerate(typed)}


def _pattern(word: str, last: bool) -> str:
    """The word or one of its variants as a whole word (the last one: a word's beginning),
    every letter standing for its accented forms too."""
    forms = [word, *(variants(word) if len(word) >= ONE_TYPO_FROM else ())]
    accented = "|".join(dict.fromkeys("".join(_letter(c) for c in form) for form in forms))
    end = "" if last else WORD_END
    return f"{WORD_START}({accented}){end}"


def _letter(char: str) -> str:
    return LETTERS.get(char, char)


def variants(word: str) -> list[str]:
    """The word with one letter dropped, changed, added, or two neighbours swapped; `.` stands
    for any letter."""
    found = []
    for i in range(len(word) + 1):
        found.append(word[:i] + "." + word[i:])
        if i < len(word):
            found.append(word[:i] + word[i + 1 :])
            found.append(word[:i] + "." + word[i + 1 :])
        if i < len(word) - 1:
            found.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return found
