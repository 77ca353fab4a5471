"""Search ranks as people expect, on every search endpoint and on both backends (Typesense, and
PostgreSQL when no engine runs): a title holding every word of the query (typos forgiven) comes
before titles holding fewer; word order, a title's beginning, punctuation and accents do not
matter. The catalogue is seeded, with a few known titles among titles that share their words."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.client.conftest import App

CASES = [
    # (what is typed, the title that must come first)
    ("Bright Frontier", "Bright Frontier"),
    ("Alien", "Alien"),
    ("Brght Frontir", "Bright Frontier"),
    ("Brigth Fronteir", "Bright Frontier"),
    ("Intrstellar", "Interstellar"),
    ("Frontier Bright", "Bright Frontier"),
    ("spider man", "Spider-Man: Homecoming"),
    ("spiderman homecoming", "Spider-Man: Homecoming"),
    ("homecoming spider-man", "Spider-Man: Homecoming"),
    ("amelie", "Amélie"),
    ("Amélie", "Amélie"),
    ("AMELIE", "Amélie"),
]
PREFIXES = [("Interst", "Interstellar"), ("Bright Fron", "Bright Frontier"), ("amél", "Amélie")]


@pytest.fixture(params=["typesense", "postgres"])
def served(request: pytest.FixtureRequest) -> App:
    name = "app" if request.param == "typesense" else "fallback_app"
    found: App = request.getfixturevalue(name)
    return found


async def search(app: App, path: str, **params: Any) -> Any:
    response = await app.client.get(f"/api/v1/search{path}", params=params, headers=app.headers)
    assert response.status == 200, await response.text()
    return response.headers["X-Search-Backend"], await response.json()


def titles(group: dict[str, Any]) -> list[str]:
    return [hit["document"]["title"] for hit in group["hits"]]


@pytest.mark.parametrize(("typed", "title"), CASES)
async def test_the_title_holding_every_word_comes_first(
    served: App, typed: str, title: str, request: pytest.FixtureRequest
) -> None:
    backend, found = await search(served, "/movies", q=typed)
    assert backend == request.node.callspec.params["served"]
    assert titles(found)[:1] == [title], titles(found)[:5]
    _, multi = await search(served, "/multi", q=typed, limit=5)
    assert titles(multi["movies"])[:1] == [title], titles(multi["movies"])
    assert title in [hit["document"].get("title") for hit in multi["top"]]


@pytest.mark.parametrize(("typed", "title"), PREFIXES + CASES[:2])
async def test_autocomplete_offers_the_title_first(served: App, typed: str, title: str) -> None:
    _, found = await search(served, "/movies/autocomplete", q=typed, limit=5)
    assert found["suggestions"][:1] == [title], found["suggestions"]
    _, found = await search(served, "/movies", q=typed)
    assert titles(found)[:1] == [title], titles(found)[:5]


async def test_titles_holding_fewer_words_come_after_whatever_else_they_hold(
    served: App,
) -> None:
    """ "Frontier" and "The Last Frontier" hold every word in their overviews."""
    for typed in ("Brght Frontier", "Bright Frontier", "bright frontir"):
        _, found = await search(served, "/movies", q=typed, per_page=50)
        shown = titles(found)
        assert shown[0] == "Bright Frontier", shown[:5]
        _, multi = await search(served, "/multi", q=typed, limit=5)
        assert titles(multi["movies"])[0] == "Bright Frontier"
