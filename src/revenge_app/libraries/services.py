"""What the library handlers read from the app."""

from __future__ import annotations

import attrs
from aiohttp import web

from revenge_domain.libraries import Libraries, LibraryPermissions


@attrs.frozen
class LibraryServices:
    libraries: Libraries
    permissions: LibraryPermissions


LIBRARIES = web.AppKey("libraries", LibraryServices)
