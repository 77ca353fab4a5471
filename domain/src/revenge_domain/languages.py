"""The language catalogue texts are read in: movie and series titles, overviews and taglines.

The caller's choice is their saved `metadata_language` preference, else the language their
client asked for (`Accept-Language`), else English. Texts missing in that language fall back
to English, then to the title's original language, then to the plain columns.
"""

from __future__ import annotations

import re
from typing import Protocol
from uuid import UUID

import attrs

from revenge_domain.identity.access import Principal

DEFAULT_LANGUAGE = "en"
_PRIMARY_SUBTAG = re.compile(r"[a-z]{2,3}")


def primary_language(tag: str | None) -> str | None:
    """The ISO 639 code of a language tag (`de-DE` -> `de`); None when it is not one."""
    if not tag:
        return None
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return primary if _PRIMARY_SUBTAG.fullmatch(primary) else None


class LanguagePreferences(Protocol):
    """Each user's saved choice of catalogue language."""

    async def metadata_language(self, user_id: UUID) -> str | None:
        """The saved `metadata_language`; None when the user never saved preferences."""
        ...

    async def forget(self, user_id: UUID) -> None:
        """Drop what is known of the user's choice (after their preferences change)."""
        ...


class NoPreferences:
    """Nobody has saved a choice: the client's language, else English, applies."""

    async def metadata_language(self, user_id: UUID) -> str | None:
        return None

    async def forget(self, user_id: UUID) -> None:
        return None


@attrs.frozen
class CatalogLanguage:
    """Which language a caller reads the catalogue in."""

    preferences: LanguagePreferences = attrs.field(factory=NoPreferences)

    async def of(self, principal: Principal, requested: str | None) -> str:
        saved = await self.preferences.metadata_language(principal.user_id)
        return primary_language(saved) or primary_language(requested) or DEFAULT_LANGUAGE
