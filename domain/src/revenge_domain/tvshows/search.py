"""Searching the titles of the series a caller may read."""

from __future__ import annotations

from revenge_domain.text_search import TitleIndex, TitleSearch
from revenge_domain.tvshows.model import Series

SeriesTitleSearch = TitleIndex[Series]
TVShowSearch = TitleSearch[Series]
