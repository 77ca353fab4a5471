"""The `Sidecars` port: Kodi-style .nfo files (parsed with defusedxml, so no entity or external
reference tricks) and local artwork next to the video."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from datetime import date
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from revenge_domain.scanning.model import Artwork, Nfo

MAX_NFO_BYTES = 1024 * 1024
IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".webp")
POSTERS = ("poster", "folder", "cover")
FANARTS = ("fanart", "backdrop", "background")
_IMDB = re.compile(r"^tt\d{5,10}$")


def _text(root: Element, *tags: str) -> str | None:
    for tag in tags:
        found = root.findtext(tag)
        if found and found.strip():
            return found.strip()
    return None


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    with contextlib.suppress(ValueError):
        return int(value.split(".", 1)[0])
    return None


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    with contextlib.suppress(ValueError):
        return date.fromisoformat(value[:10])
    return None


def _unique_id(root: Element, kind: str) -> str | None:
    for element in root.iter("uniqueid"):
        if element.get("type", "").lower() == kind and element.text and element.text.strip():
            return element.text.strip()
    return _text(root, f"{kind}id")


def _root(data: bytes) -> Element | None:
    """The first element; a multi-episode .nfo has several top-level elements."""
    for candidate in (data, b"<nfo>" + re.sub(rb"<\?xml[^>]*\?>", b"", data) + b"</nfo>"):
        with contextlib.suppress(ElementTree.ParseError, DefusedXmlException, ValueError):
            root: Element = ElementTree.fromstring(candidate)
            return root if root.tag != "nfo" else next(iter(root), None)
    return None


def parse_nfo(data: bytes) -> Nfo | None:
    root = _root(data)
    if root is None:
        return None
    imdb = _unique_id(root, "imdb") or _text(root, "id")
    return Nfo(
        title=_text(root, "title"),
        original_title=_text(root, "originaltitle"),
        year=_int(_text(root, "year")),
        plot=_text(root, "plot", "outline"),
        tagline=_text(root, "tagline"),
        runtime_min=_int(_text(root, "runtime")),
        premiered=_date(_text(root, "premiered", "aired", "releasedate")),
        tmdb_id=_int(_unique_id(root, "tmdb")),
        tvdb_id=_int(_unique_id(root, "tvdb")),
        imdb_id=imdb if imdb and _IMDB.match(imdb) else None,
        season=_int(_text(root, "season")),
        episode=_int(_text(root, "episode")),
    )


def _read_nfo(*candidates: str) -> Nfo | None:
    for path in candidates:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_NFO_BYTES)
        except OSError:
            continue
        return parse_nfo(data)
    return None


def _first_image(folder: str, stems: tuple[str, ...]) -> str | None:
    for stem in stems:
        for suffix in IMAGE_TYPES:
            path = os.path.join(folder, stem + suffix)
            if os.path.isfile(path):
                return path
    return None


def _artwork(folder: str | None, video_path: str | None) -> Artwork:
    poster = fanart = None
    if video_path is not None:
        base, own = os.path.splitext(video_path)[0], os.path.dirname(video_path)
        name = os.path.basename(base)
        poster = _first_image(own, (f"{name}-poster",))
        fanart = _first_image(own, (f"{name}-fanart",))
    if folder is not None:
        poster = poster or _first_image(folder, POSTERS)
        fanart = fanart or _first_image(folder, FANARTS)
    return Artwork(poster=poster, fanart=fanart)


class LocalSidecars:
    async def movie_nfo(self, video_path: str) -> Nfo | None:
        beside = os.path.splitext(video_path)[0] + ".nfo"
        folder_nfo = os.path.join(os.path.dirname(video_path), "movie.nfo")
        return await asyncio.to_thread(_read_nfo, beside, folder_nfo)

    async def episode_nfo(self, video_path: str) -> Nfo | None:
        return await asyncio.to_thread(_read_nfo, os.path.splitext(video_path)[0] + ".nfo")

    async def series_nfo(self, show_folder: str) -> Nfo | None:
        return await asyncio.to_thread(_read_nfo, os.path.join(show_folder, "tvshow.nfo"))

    async def artwork(self, folder: str | None, video_path: str | None = None) -> Artwork:
        return await asyncio.to_thread(_artwork, folder, video_path)
