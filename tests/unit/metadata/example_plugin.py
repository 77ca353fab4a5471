"""A metadata provider that exists only in the tests: one module, registered once."""

from __future__ import annotations

import attrs

from revenge_adapters.metadata.client import ProviderSettings
from revenge_adapters.metadata.plugin import ProviderAdapters, ProviderPlugin, ServiceSettings
from revenge_domain.metadata.model import Capability, Ratings
from revenge_domain.ratings import ExternalRating


@attrs.frozen
class ExampleSettings(ServiceSettings):
    base_url: str = "https://ratings.example"
    region: str = "GB"


class ExampleRatings:
    """Implements `RatingsProvider`: every title has the same rating, in the configured region."""

    def __init__(self, connection: ProviderSettings, region: str) -> None:
        self.connection, self.region = connection, region
        self.closed = False

    async def ratings(self, imdb_id: str, language: str) -> Ratings | None:
        return Ratings(imdb_id, (ExternalRating(f"Example {self.region}", "7/10", 70.0),))

    async def close(self) -> None:
        self.closed = True


def _adapters(connection: ProviderSettings, settings: ExampleSettings) -> ProviderAdapters:
    adapter = ExampleRatings(connection, settings.region)
    return ProviderAdapters(adapter.close, ratings=adapter)


EXAMPLE = ProviderPlugin(
    name="example",
    title="Example Ratings",
    capabilities=(Capability.RATINGS,),
    settings=ExampleSettings,
    factory=_adapters,
)
