"""How a document is shown to one caller: a person's titles and characters per library."""

from __future__ import annotations

import uuid

from revenge_domain.libraries import ALL
from revenge_domain.search.answers import document_view

LIB_A, LIB_B = uuid.uuid4(), uuid.uuid4()


def person() -> dict[str, object]:
    return {
        "id": "p1",
        "name": "Ada",
        "library_ids": [str(LIB_A), str(LIB_B)],
        "library_known_for": [
            *(f"{LIB_B}:B{n}" for n in range(4)),
            f"{LIB_A}:Both",
            f"{LIB_B}:Both",
            *(f"{LIB_A}:A{n}" for n in range(5)),
        ],
        "library_characters": [f"{LIB_A}:Hero", f"{LIB_B}:Villain"],
    }


def test_a_reader_of_one_library_sees_its_titles_and_characters_only() -> None:
    view = document_view(person(), frozenset({LIB_A}))
    assert view["known_for"] == ["Both", "A0", "A1", "A2", "A3"]
    assert view["characters"] == ["Hero"]
    assert view["library_ids"] == [str(LIB_A)]
    assert "library_known_for" not in view
    assert "library_characters" not in view


def test_a_reader_of_every_library_sees_the_best_five_titles_once_each() -> None:
    view = document_view(person(), ALL)
    assert view["known_for"] == ["B0", "B1", "B2", "B3", "Both"]
    assert view["characters"] == ["Hero", "Villain"]
    assert view["library_ids"] == [str(LIB_A), str(LIB_B)]


def test_a_person_indexed_before_titles_had_libraries_shows_none() -> None:
    old = {"id": "p1", "name": "Ada", "known_for": ["Secret"], "characters": ["Spy"]}
    view = document_view(old, frozenset({LIB_A}))
    assert (view["known_for"], view["characters"]) == ([], [])
