"""The two lists of people a movie or a series credits."""

from __future__ import annotations

import enum


class CreditKind(enum.Enum):
    CAST = "cast"
    CREW = "crew"
