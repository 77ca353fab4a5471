"""Provider values as TMDb's adapter would give them."""

from __future__ import annotations

import datetime as dt

from revenge_domain.metadata import model as m

TMDB = "tmdb"


def movie(language: str = "en", **changes: object) -> m.Movie:
    english = language == "en"
    values: dict[str, object] = {
        "provider": TMDB,
        "id": "603",
        "title": "The Matrix" if english else "Matrix",
        "language": language,
        "original_title": "The Matrix",
        "original_language": "en",
        "imdb_id": "tt0133093",
        "tagline": "Welcome to the Real World." if english else "Willkommen in der Wirklichkeit.",
        "overview": "A hacker learns the truth." if english else "Ein Hacker erfährt die Wahrheit.",
        "release_date": dt.date(1999, 3, 30),
        "runtime": 136,
        "status": "Released",
        "poster_path": "/matrix-poster.jpg",
        "backdrop_path": "/matrix-backdrop.jpg",
        "vote_average": 8.2,
        "vote_count": 26000,
        "popularity": 83.5,
        "genres": (
            m.Genre("28", "Action"),
            m.Genre("878", "Science Fiction" if english else "Science-Fiction"),
        ),
        "credits": m.Credits(
            cast=(
                m.CastMember("6384", "Keanu Reeves", "Neo", 0, "/keanu.jpg"),
                m.CastMember("2975", "Laurence Fishburne", "Morpheus", 1, "/laurence.jpg"),
            ),
            crew=(
                m.CrewMember("9340", "Lana Wachowski", "Director", "Directing", "/lana.jpg"),
                m.CrewMember("9340", "Lana Wachowski", "Director", "Directing", "/lana.jpg"),
            ),
        ),
        "collection": m.CollectionRef("2344", "The Matrix Collection", "/collection.jpg"),
        "release_dates": (
            m.ReleaseDate("US", "R", dt.date(1999, 3, 31), 3),
            m.ReleaseDate("US", "NR", dt.date(1999, 3, 24), 1),
            m.ReleaseDate("DE", "16", dt.date(1999, 6, 17), 3),
        ),
    }
    values.update(changes)
    return m.Movie(**values)  # type: ignore[arg-type]


def series(language: str = "en", **changes: object) -> m.Series:
    values: dict[str, object] = {
        "provider": TMDB,
        "id": "1399",
        "name": "Game of Thrones",
        "language": language,
        "original_name": "Game of Thrones",
        "original_language": "en",
        "overview": "Seven noble families fight for control." if language == "en" else None,
        "first_air_date": dt.date(2011, 4, 17),
        "status": "Ended",
        "poster_path": "/got-poster.jpg",
        "vote_average": 8.4,
        "vote_count": 22000,
        "genres": (m.Genre("18", "Drama"),),
        "networks": (m.Network("49", "HBO", "/hbo.png", "US"),),
        "credits": m.Credits(cast=(m.CastMember("22970", "Peter Dinklage", "Tyrion", 0),)),
        "external_ids": m.ExternalIds(imdb_id="tt0944947", tvdb_id="121361"),
    }
    values.update(changes)
    return m.Series(**values)  # type: ignore[arg-type]


def season(number: int = 1, episodes: int = 3, language: str = "en") -> m.Season:
    return m.Season(
        provider=TMDB,
        id=f"35{number}",
        series_id="1399",
        season_number=number,
        language=language,
        name=f"Season {number}" if language == "en" else f"Staffel {number}",
        overview=f"Season {number} overview",
        poster_path=f"/season-{number}.jpg",
        episodes=tuple(
            m.EpisodeSummary(
                id=f"6{number}{e}",
                season_number=number,
                episode_number=e,
                name=f"Chapter {e}" if language == "en" else f"Kapitel {e}",
                overview=f"Episode {e} happens.",
                runtime=60,
                still_path=f"/still-{number}-{e}.jpg",
            )
            for e in range(1, episodes + 1)
        ),
    )


def person(language: str = "en", biography: str | None = "Born in Beirut.") -> m.Person:
    return m.Person(
        provider=TMDB,
        id="6384",
        name="Keanu Reeves",
        language=language,
        biography=biography,
        birthday=dt.date(1964, 9, 2),
        place_of_birth="Beirut, Lebanon",
        profile_path="/keanu.jpg",
        gender=2,
        known_for_department="Acting",
    )
