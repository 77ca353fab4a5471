"""What other sites rate a title: as a ratings provider tells it and as the catalogue keeps it."""

from __future__ import annotations

import attrs


@attrs.frozen
class ExternalRating:
    source: str  # "Internet Movie Database", "Rotten Tomatoes", "Metacritic"
    value: str  # as the site shows it: "8.8/10", "87%", "66/100"
    score: float  # 0-100
