from __future__ import annotations

from revenge_domain.scanning.model import ParsedName
from revenge_domain.scanning.naming import movie_name


def test_the_movies_own_folder_names_it_as_written() -> None:
    assert movie_name("Alien 1979/alien.1979.mkv", ParsedName("alien", 1979)) == ("Alien", 1979)
    assert movie_name("Sci-Fi/Alien (1979)/alien.mkv", ParsedName("alien")) == ("Alien", 1979)
    assert movie_name("Amélie/amelie.mkv", ParsedName("amelie", 2001)) == ("Amélie", 2001)


def test_a_scene_style_folder_or_a_sorting_folder_leaves_the_parsed_name() -> None:
    parsed = ParsedName("Heat", 1995)
    assert movie_name("heat.1995/Heat (1995).mkv", parsed) == ("Heat", 1995)
    assert movie_name("Action/heat.1995.mkv", ParsedName("heat", 1995)) == ("heat", 1995)
    assert movie_name("Heat (1995).mkv", parsed) == ("Heat", 1995)
