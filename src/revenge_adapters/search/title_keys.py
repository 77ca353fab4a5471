"""The title word index: every word of a movie's or series' titles, folded as
`revenge_domain.search.relevance.fold` folds, with each of its one-letter deletions, kept in step
with the titles by triggers. A query word and its deletions are looked up by equality (the last
word typed by range, as a beginning), so one typo each is found without scanning the titles
(the symmetric-delete idea); the few candidates are then checked by a regular expression.

PostgreSQL's own `lower` and `[[:alnum:]]` follow the database's locale (the embedded one has
none: ASCII only), so the SQL `shared.fold_title` is built from Python's Unicode tables instead.
"""

# Fragments are constants of this module; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from typing import Any

from revenge_adapters.search.word_match import MAX_WORDS, variants
from revenge_domain.search.relevance import ONE_TYPO_FROM, words

KEY_TABLES = {"movie.movies": "movie.movie_title_keys", "tvshow.series": "tvshow.series_title_keys"}
# Upper bounds of a key range: a key equal to the low end, or one beginning with it. Folded
# words hold neither character.
_EXACT, _BEGINNING = "\x01", "\U0010ffff"


def _ranges(holds: Callable[[str], bool]) -> str:
    """A regular expression bracket's contents: the characters that `holds`, as ranges."""
    found: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF or not holds(chr(code)):
            continue
        if found and found[-1][1] == code - 1:
            found[-1] = (found[-1][0], code)
        else:
            found.append((code, code))
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in found)


def _lower_table() -> tuple[str, str]:
    """The letters beyond ASCII that Python lowers to one letter, and those lower ones."""
    chars = (chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    kept = [(c, c.lower()) for c in chars if len(c.lower()) == 1 and c.lower() != c]
    return "".join(p[0] for p in kept), "".join(p[1] for p in kept)


def fold_function() -> str:
    """`shared.fold_title(text)`: what `relevance.fold` gives, in SQL (`translate` only for
    text beyond ASCII: it is slow with a long table)."""
    upper, lower = _lower_table()
    marks = _ranges(lambda c: unicodedata.combining(c) != 0)
    letters = _ranges(str.isalnum)
    lowered = (
        f"CASE WHEN octet_length(value) = char_length(value) THEN lower(value)"
        f" ELSE translate(lower(value), '{upper}', '{lower}') END"
    )
    plain = f"regexp_replace(normalize({lowered}, NFKD), '[{marks}]+', '', 'g')"
    return f"""
        CREATE OR REPLACE FUNCTION shared.fold_title(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fold$
            SELECT btrim(regexp_replace({plain}, '[^{letters}]+', ' ', 'g'))
        $fold$
    """


def keys_function() -> str:
    """`shared.title_keys(titles)`: the words of the titles (`relevance.title_words`: words
    written with punctuation inside also joined up) and, from 4 letters, their deletions."""
    spaces = _ranges(str.isspace)
    return f"""
        CREATE OR REPLACE FUNCTION shared.title_keys(titles text[])
        RETURNS TABLE (deletion boolean, key text, word text)
        LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 40 SET jit = off AS $keys$
            WITH parts AS (
                SELECT shared.fold_title(part) AS folded
                FROM unnest(titles) AS title, regexp_split_to_table(title, '[{spaces}]+') AS part
            ), held AS (
                SELECT piece AS word FROM parts, regexp_split_to_table(folded, ' ') AS piece
                UNION SELECT replace(folded, ' ', '') FROM parts
            )
            SELECT false, word, word FROM held WHERE word <> ''
            UNION
            SELECT true, left(word, at - 1) || substr(word, at + 1), word
            FROM held, generate_series(1, length(word)) AS at
            WHERE length(word) >= {ONE_TYPO_FROM}
        $keys$
    """


INDEX_TRIGGER_FUNCTION = """
    CREATE OR REPLACE FUNCTION shared.index_title_keys() RETURNS trigger
    LANGUAGE plpgsql AS $index$
    BEGIN
        EXECUTE format('DELETE FROM %s WHERE title_id = $1', TG_ARGV[0]) USING NEW.id;
        EXECUTE format('INSERT INTO %s (title_id, deletion, key, word) '
                       'SELECT $1, k.deletion, k.key, k.word '
                       'FROM shared.title_keys(ARRAY[$2, $3]) AS k', TG_ARGV[0])
            USING NEW.id, NEW.title, NEW.original_title;
        RETURN NULL;
    END
    $index$
"""


def key_table_statements(table: str) -> list[str]:
    """The key table of `table`, its indexes, its triggers and its rows for the titles there."""
    keys = KEY_TABLES[table]
    name = keys.split(".")[1]
    index = f"shared.index_title_keys('{keys}')"
    changed = (
        "OLD.title IS DISTINCT FROM NEW.title"
        " OR OLD.original_title IS DISTINCT FROM NEW.original_title"
    )
    return [
        f"""CREATE TABLE {keys} (
            title_id uuid NOT NULL REFERENCES {table} (id) ON DELETE CASCADE,
            deletion boolean NOT NULL,
            key text NOT NULL,
            word text NOT NULL
        )""",
        f"CREATE INDEX idx_{name}_key ON {keys} (deletion, key text_pattern_ops)"
        " INCLUDE (title_id, word)",
        f"CREATE INDEX idx_{name}_title ON {keys} (title_id)",
        f"CREATE TRIGGER {name}_inserted AFTER INSERT ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {index}",
        f"CREATE TRIGGER {name}_updated AFTER UPDATE OF title, original_title ON {table}"
        f" FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {index}",
        f"""INSERT INTO {keys} (title_id, deletion, key, word)
            SELECT t.id, k.deletion, k.key, k.word
            FROM {table} t, shared.title_keys(ARRAY[t.title, t.original_title]) AS k""",
        f"ANALYZE {keys}",
    ]


def title_hits(table: str, alias: str, where: str) -> str:
    """A SELECT of `(id, matched, best)`: the rows of `table` (as `alias`) passing `where`
    whose titles hold a word of the query, with how many words they hold, and the most any
    such row holds. Binds those of `key_values`."""
    return f"""
        SELECT k.title_id AS id, count(DISTINCT r.word) AS matched,
               max(count(DISTINCT r.word)) OVER () AS best
        FROM unnest(CAST(:key_words AS integer[]), CAST(:key_lows AS text[]),
                    CAST(:key_highs AS text[]), CAST(:key_deletions AS boolean[]))
             AS r(word, low, high, deletion)
        JOIN {KEY_TABLES[table]} k
          ON k.deletion = r.deletion AND k.key ~>=~ r.low AND k.key ~<~ r.high
        JOIN {table} {alias} ON {alias}.id = k.title_id
        WHERE k.word ~ (CAST(:key_checks AS text[]))[r.word + 1] AND {where}
        GROUP BY k.title_id
    """


def word_count(text: str) -> int:
    return len(words(text)[:MAX_WORDS])


def key_values(text: str) -> dict[str, Any]:
    """The key ranges looked up for each word of `text` (the word and its deletions, among
    words and among deletions of words), and the expression checking each candidate word."""
    typed = words(text)[:MAX_WORDS]
    lookups: list[tuple[int, str, str, bool]] = []
    checks = []
    for at, word in enumerate(typed):
        last = at == len(typed) - 1
        typos = len(word) >= ONE_TYPO_FROM
        end = _BEGINNING if last else _EXACT
        for key in dict.fromkeys([word, *(_deletions(word) if typos else ())]):
            kinds = (False, True) if typos else (False,)
            lookups.extend((at, key, key + end, deletion) for deletion in kinds)
        checks.append(_check(word, typos, last))
    unique = list(dict.fromkeys(lookups))
    return {
        "key_words": [row[0] for row in unique],
        "key_lows": [row[1] for row in unique],
        "key_highs": [row[2] for row in unique],
        "key_deletions": [row[3] for row in unique],
        "key_checks": checks,
    }


def _check(word: str, typos: bool, last: bool) -> str:
    """The word or one of its one-typo variants, whole (the last one: as a beginning)."""
    forms = [word, *(variants(word) if typos else ())]
    return "^(" + "|".join(dict.fromkeys(forms)) + ")" + ("" if last else "$")


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]
