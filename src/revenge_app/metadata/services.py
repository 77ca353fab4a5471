"""What the metadata handlers read from the app."""

from __future__ import annotations

import attrs
from aiohttp import web

from revenge_domain.metadata.lookup import MetadataLookup
from revenge_domain.metadata.refresh import RefreshRequests


@attrs.frozen
class Metadata:
    # Reads from the metadata providers (search, details, credits, images).
    lookup: MetadataLookup
    # The refresh endpoints of movies and TV shows: they queue refresh jobs.
    refresh: RefreshRequests


METADATA = web.AppKey("metadata", Metadata)
