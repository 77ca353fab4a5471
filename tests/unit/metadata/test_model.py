"""Images grouped by kind and filtered by language; texts filled from the fallback language."""

from __future__ import annotations

from revenge_adapters.metadata.fallback import filled, lacks_texts
from revenge_adapters.metadata.omdb import ratings_of
from revenge_domain.metadata.model import Image, ImageKind, Images, Movie


def test_images_are_grouped_and_filtered_keeping_those_without_text() -> None:
    images = Images.of(
        [
            Image(ImageKind.POSTER, "/en.jpg", language="en"),
            Image(ImageKind.POSTER, "/de.jpg", language="de"),
            Image(ImageKind.BACKDROP, "/plain.jpg"),
            Image(ImageKind.DISC, "/disc.png", language="en"),
        ]
    )

    assert [i.file_path for i in images.posters] == ["/en.jpg", "/de.jpg"]
    assert [i.file_path for i in images.others] == ["/disc.png"]
    german = images.in_language("de-AT")
    assert [i.file_path for i in german.all] == ["/de.jpg", "/plain.jpg"]
    assert images.in_language(None) is images


def test_only_missing_texts_are_filled_and_the_language_follows_the_overview() -> None:
    german = Movie("tmdb", "603", "Matrix", "de", overview="Neo erwacht.", tagline="")
    english = Movie("tmdb", "603", "The Matrix", "en", overview="Neo wakes.", tagline="Hi")

    assert lacks_texts(german)
    completed = filled(german, english, "en")
    assert (completed.title, completed.overview, completed.tagline) == (
        "Matrix",
        "Neo erwacht.",
        "Hi",
    )
    assert completed.language == "de"

    untranslated = Movie("tmdb", "603", "The Matrix", "fr")
    assert filled(untranslated, english, "en").language == "en"


def test_omdb_values_that_are_not_available() -> None:
    ratings = ratings_of(
        {
            "imdbID": "tt0000001",
            "imdbRating": "N/A",
            "imdbVotes": "N/A",
            "Metascore": "N/A",
            "Ratings": [{"Source": "Internet Movie Database", "Value": "N/A"}],
        }
    )

    assert ratings.ratings == ()
    assert (ratings.imdb_rating, ratings.imdb_votes, ratings.metascore) == (None, None, None)
