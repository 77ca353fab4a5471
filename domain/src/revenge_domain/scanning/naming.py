"""Rules on paths that need no disk: which files are videos, extras or samples, and where a
show's folder is."""

from __future__ import annotations

import posixpath
import re

from revenge_domain.scanning.model import VIDEO_EXTENSIONS, ParsedName
from revenge_domain.search.relevance import words

# Folder names and file-name suffixes that Plex, Jellyfin and Kodi users give to extras.
EXTRA_FOLDERS = frozenset(
    {
        "extras",
        "extra",
        "featurettes",
        "behind the scenes",
        "deleted scenes",
        "interviews",
        "scenes",
        "shorts",
        "trailers",
        "samples",
        "sample",
        "other",
        "bonus",
    }
)
_EXTRA_SUFFIX = re.compile(
    r"[-_. ](trailer|featurette|behindthescenes|deleted|deletedscene|interview|scene|short|"
    r"other|extra|sample)$",
    re.IGNORECASE,
)
_SAMPLE = re.compile(r"(^|[-_. \[(])sample([-_. \])]|$)", re.IGNORECASE)
_SEASON_FOLDER = re.compile(r"^(?:season|series|staffel|saison)[ ._-]*(\d{1,4})$", re.IGNORECASE)
_SPECIALS_FOLDER = re.compile(r"^specials?$", re.IGNORECASE)
_YEAR_SUFFIX = re.compile(r"[ ._]*[(\[]?((?:19|20)\d{2})[)\]]?$")
# `alien.1979`, `the_matrix_1999`: words joined by dots or underscores, no space.
_SCENE_STYLE = re.compile(r"^[^ ]*[._][^ ]*$")


def is_video(path: str) -> bool:
    return posixpath.splitext(path)[1].lower() in VIDEO_EXTENSIONS


def relative_to_root(path: str, roots: tuple[str, ...]) -> tuple[str, str] | None:
    """(root, path below it) for the library folder holding `path`, or None."""
    for root in sorted(roots, key=len, reverse=True):
        base = root.rstrip("/")
        if path.startswith(base + "/"):
            return base, path[len(base) + 1 :]
    return None


def is_extra(relative: str) -> bool:
    """True for trailers, featurettes, samples and the like, which are not titles."""
    *folders, name = relative.split("/")
    if any(folder.lower() in EXTRA_FOLDERS for folder in folders):
        return True
    stem = posixpath.splitext(name)[0]
    return bool(_EXTRA_SUFFIX.search(stem) or _SAMPLE.search(stem))


def show_folder(relative: str) -> str | None:
    """The folder of a show below the library root: the first folder, unless the file sits
    directly in the root."""
    parts = relative.split("/")
    return parts[0] if len(parts) > 1 else None


def season_of_folder(relative: str) -> int | None:
    """The season a `Season NN` (or `Specials`: 0) folder holding the file stands for."""
    parts = relative.split("/")
    if len(parts) < 3:
        return None
    folder = parts[-2]
    if _SPECIALS_FOLDER.match(folder):
        return 0
    found = _SEASON_FOLDER.match(folder)
    return int(found.group(1)) if found else None


def title_and_year(folder: str) -> tuple[str, int | None]:
    """`Show Name (2005)` -> ("Show Name", 2005); dots and underscores become spaces."""
    found = _YEAR_SUFFIX.search(folder)
    year = int(found.group(1)) if found and found.start() > 0 else None
    title = folder[: found.start()] if year is not None and found else folder
    if " " not in title:
        title = title.replace(".", " ").replace("_", " ")
    return title.strip(" -_."), year


def movie_name(relative: str, parsed: ParsedName) -> tuple[str | None, int | None]:
    """A movie's title and year: those of its own folder's name as the user wrote it
    (`Alien 1979/alien.1979.mkv` is "Alien", 1979), else those parsed from its path.

    The folder is the movie's own when its name holds the parsed title, or a year, or nothing
    was parsed; a folder named scene-style (`alien.1979`) or a library's top folder named
    otherwise (`Action/...`) leaves the parsed name."""
    parts = relative.split("/")
    if len(parts) < 2 or _SCENE_STYLE.match(parts[-2]):
        return parsed.title, parsed.year
    title, year = title_and_year(parts[-2])
    own = parsed.title is None or year is not None or words(title) == words(parsed.title)
    if not own or not title:
        return parsed.title, parsed.year
    return title, year or parsed.year
