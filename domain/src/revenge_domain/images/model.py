"""Artwork as clients ask for it: a type, a size and a path naming where the original lives.

The `{path}` of `/api/v1/images/{type}/{size}/{path}` names one of:

- `abc.jpg`, `/abc.jpg` or `tmdb/abc.jpg`: a TMDb file (TMDb keeps its paths as `/abc.jpg`);
- `fanart/<path>`: a file under the Fanart.tv image host (e.g. `fanart/movies/603/x.jpg`);
- `tvdb/<path>`: a file under TheTVDB's artwork host (e.g. `tvdb/banners/posters/1.jpg`);
- `local/<library id>/<path>`: artwork beside the videos, relative to one of the library's
  folders (e.g. `local/8c1.../The Matrix (1999)/poster.jpg`).

Nothing else is accepted: no `.` or `..` segments, no empty segments, no backslashes, no
percent signs, no control characters.
"""

from __future__ import annotations

import enum
import posixpath
import re
from collections.abc import Sequence
from uuid import UUID

import attrs

from revenge_domain.errors import DomainError, InvalidInput, NotFound

MAX_PATH_LENGTH = 1024
LOCAL_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
_PROVIDER_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\%]")


class ImageType(enum.Enum):
    POSTER = "poster"
    BACKDROP = "backdrop"
    PROFILE = "profile"
    LOGO = "logo"


class ImageSize(enum.Enum):
    """`wN` fits the width to N pixels, `hN` the height; `original` keeps the pixels."""

    W45 = "w45"
    W185 = "w185"
    W300 = "w300"
    W342 = "w342"
    W500 = "w500"
    W780 = "w780"
    W1280 = "w1280"
    H632 = "h632"
    ORIGINAL = "original"

    @property
    def width(self) -> int | None:
        return int(self.value[1:]) if self.value.startswith("w") else None

    @property
    def height(self) -> int | None:
        return int(self.value[1:]) if self.value.startswith("h") else None


class Provider(enum.Enum):
    TMDB = "tmdb"
    FANART = "fanart"
    TVDB = "tvdb"


@attrs.frozen
class ProviderImage:
    """A file on a provider's image host, relative to that provider's configured base URL."""

    provider: Provider
    path: str


@attrs.frozen
class LocalImage:
    """A file relative to one of a library's folders."""

    library_id: UUID
    path: str


ImageSource = ProviderImage | LocalImage


@attrs.frozen
class EncodedImage:
    """Image bytes as served, and their MIME type."""

    content: bytes
    content_type: str


@attrs.frozen
class ServedImage:
    """What a client gets: the bytes, their type and a strong entity tag (a content hash)."""

    content: bytes
    content_type: str
    etag: str


class InvalidImagePath(InvalidInput):
    code = "invalid_image_path"


class ImageNotFound(NotFound):
    code = "image_not_found"


class ImageSourceFailed(DomainError):
    """The original could not be had: the provider is down, answered badly, or refused."""

    code = "image_source_failed"


def _refused(reason: str) -> InvalidImagePath:
    return InvalidImagePath(f"invalid image path: {reason}", {"field": "path", "reason": reason})


def parse_type(value: str) -> ImageType:
    try:
        return ImageType(value)
    except ValueError:
        raise InvalidInput("unknown image type", {"field": "type"}) from None


def parse_size(value: str) -> ImageSize:
    try:
        return ImageSize(value)
    except ValueError:
        raise InvalidInput("unknown image size", {"field": "size"}) from None


def parse_image_path(text: str) -> ImageSource:
    """The source `text` names; InvalidImagePath for anything outside the grammar above."""
    segments = _segments(text)
    head, rest = segments[0], segments[1:]
    if not rest:
        return ProviderImage(Provider.TMDB, _provider_path(segments))
    if head == "local":
        return _local(rest)
    try:
        provider = Provider(head)
    except ValueError:
        raise _refused("unknown image source") from None
    return ProviderImage(provider, _provider_path(rest))


def local_image_path(library_id: UUID, folders: Sequence[str], file_path: str) -> str | None:
    """The `{path}` that serves the artwork file at absolute `file_path`, when it lies inside
    one of the library's `folders` (else None)."""
    target = posixpath.normpath(file_path)
    for folder in folders:
        root = posixpath.normpath(folder)
        if posixpath.isabs(target) and target.startswith(root.rstrip("/") + "/"):
            return f"local/{library_id}/{target[len(root.rstrip('/')) + 1 :]}"
    return None


def _segments(text: str) -> list[str]:
    if not text or len(text) > MAX_PATH_LENGTH:
        raise _refused(f"must be 1-{MAX_PATH_LENGTH} characters")
    if _FORBIDDEN.search(text):
        raise _refused("must not contain control characters, backslashes or percent signs")
    segments = text.removeprefix("/").split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        raise _refused("must not contain empty, '.' or '..' segments")
    return segments


def _provider_path(segments: list[str]) -> str:
    if not all(_PROVIDER_SEGMENT.fullmatch(segment) for segment in segments):
        raise _refused("provider paths use letters, digits, '.', '_' and '-'")
    return "/".join(segments)


def _local(segments: list[str]) -> LocalImage:
    if len(segments) < 2:
        raise _refused("local artwork is local/<library id>/<file>")
    try:
        library_id = UUID(segments[0])
    except ValueError:
        raise _refused("local artwork needs a library id") from None
    if not segments[-1].lower().endswith(LOCAL_EXTENSIONS):
        raise _refused("local artwork is a .jpg, .jpeg, .png or .webp file")
    return LocalImage(library_id, "/".join(segments[1:]))
