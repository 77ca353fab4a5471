from __future__ import annotations

from typing import Any

from revenge_domain.search.relevance import by_relevance, distance, fold, title_words, word_typos


def test_folding_drops_case_accents_and_punctuation() -> None:
    assert fold("Amélie") == "amelie"
    assert fold("Spider-Man: Homecoming!") == "spider man homecoming"
    assert title_words("Spider-Man: Homecoming") == {"spider", "man", "spiderman", "homecoming"}


def test_distance_counts_edits_and_neighbour_swaps_up_to_a_limit() -> None:
    assert distance("brght", "bright", 2) == 1
    assert distance("fronteir", "frontier", 2) == 1
    assert distance("frontier", "frontier", 2) == 0
    assert distance("alien", "attic", 1) == 2


def test_a_word_matches_with_typos_by_its_length_and_the_last_as_a_beginning() -> None:
    held = title_words("Interstellar Odyssey")
    assert word_typos("intrstellar", held, last=False) == 1
    assert word_typos("intr", held, last=False) is None
    assert word_typos("inter", held, last=True) == 0
    assert word_typos("odysey", held, last=False) == 1
    assert word_typos("cat", {"car"}, last=False) is None


def test_titles_holding_every_word_come_first_then_fewer_typos_then_shorter() -> None:
    titles = [
        "Frontier",
        "The Last Frontier",
        "Bright Frontier of Berlin",
        "Bright Frontier",
        "Bright Lights",
        "Brigt Frontier",
    ]
    documents: list[dict[str, Any]] = [{"title": t} for t in titles]
    ranked = by_relevance(documents, "Bright Frontier", ("title",), lambda d: d)
    assert [d["title"] for d in ranked] == [
        "Bright Frontier",
        "Bright Frontier of Berlin",
        "Brigt Frontier",
        "Frontier",
        "Bright Lights",
        "The Last Frontier",
    ]


def test_an_exact_title_comes_before_one_it_begins() -> None:
    documents = [{"title": "Aliens in the Attic"}, {"title": "Alien"}]
    assert by_relevance(documents, "alien", ("title",), lambda d: d)[0]["title"] == "Alien"


def test_the_best_of_several_title_fields_counts() -> None:
    documents = [{"title": "Le Fabuleux", "original_title": "Amélie"}, {"title": "Amen"}]
    ranked = by_relevance(documents, "amelie", ("title", "original_title"), lambda d: d)
    assert ranked[0]["original_title"] == "Amélie"
