"""What a metadata provider is to the server: a plugin with a name, what it supplies, its own
settings and a factory of its adapters. The server knows the providers only through a registry
of plugins (`revenge_adapters.metadata.registry`).

A plugin's settings are an attrs class; each field `x` is the setting `metadata.<name>_x`
(environment `REVENGE_METADATA_<NAME>_X`). An empty `api_key` leaves the provider disabled.
"""

from __future__ import annotations

import typing
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

import attrs

from revenge_adapters.metadata.client import ProviderSettings
from revenge_adapters.outbound import OutboundPolicy
from revenge_domain.metadata.model import Capability, ProviderStatus
from revenge_domain.metadata.ports import (
    ArtworkProvider,
    MovieProvider,
    PersonProvider,
    RatingsProvider,
    TVProvider,
)

S = TypeVar("S", bound="ServiceSettings")


def positive(inst: object, attr: attrs.Attribute[Any], value: float) -> None:
    if value <= 0:
        raise ValueError(f"{attr.name} must be positive, got {value}")


def http_url(inst: object, attr: attrs.Attribute[str], value: str) -> None:
    if value and value.split("://", 1)[0] not in ("http", "https"):
        raise ValueError(f"{attr.name} must be a http/https URL, got a different one")


@attrs.frozen
class ServiceSettings:
    """The settings every provider reached over HTTP has; a plugin subclasses it to give its
    defaults and add its own."""

    api_key: str = attrs.field(default="", repr=False)
    base_url: str = attrs.field(default="", validator=http_url)
    timeout_s: float = attrs.field(default=10.0, validator=positive)
    rate_per_s: float = attrs.field(default=1.0, validator=positive)


@attrs.frozen
class ProviderAdapters:
    """What one provider's adapter serves, by port, and how to release it."""

    close: Callable[[], Awaitable[None]]
    movies: MovieProvider | None = None
    series: TVProvider | None = None
    people: PersonProvider | None = None
    ratings: RatingsProvider | None = None
    artwork: ArtworkProvider | None = None


@attrs.frozen
class ProviderPlugin(Generic[S]):
    """`name` is the provider's id in the API and the prefix of its settings."""

    name: str
    title: str
    capabilities: tuple[Capability, ...]
    settings: type[S]
    factory: Callable[[ProviderSettings, S], ProviderAdapters]

    def setting_types(self) -> dict[str, type]:
        hints = typing.get_type_hints(self.settings)
        return {f"{self.name}_{f.name}": hints[f.name] for f in attrs.fields(self.settings)}

    def connection(
        self,
        settings: S,
        language: str,
        fallback_language: str,
        policy: OutboundPolicy | None = None,
    ) -> ProviderSettings:
        """How the adapter reaches the provider: its service settings, the languages and which
        destinations it may reach."""
        return ProviderSettings(
            name=self.name,
            base_url=settings.base_url,
            api_key=settings.api_key,
            timeout_s=settings.timeout_s,
            rate_per_s=settings.rate_per_s,
            burst=max(1, int(settings.rate_per_s * 2)),
            language=language,
            fallback_language=fallback_language,
            policy=policy or OutboundPolicy(),
        )


@attrs.frozen
class MetadataProviders:
    """The enabled providers' adapters by provider name, uncached."""

    by_name: Mapping[str, ProviderAdapters] = attrs.field(factory=dict)

    def movies(self) -> dict[str, MovieProvider]:
        return {n: a.movies for n, a in self.by_name.items() if a.movies is not None}

    def series(self) -> dict[str, TVProvider]:
        return {n: a.series for n, a in self.by_name.items() if a.series is not None}

    def people(self) -> dict[str, PersonProvider]:
        return {n: a.people for n, a in self.by_name.items() if a.people is not None}

    def ratings(self) -> dict[str, RatingsProvider]:
        return {n: a.ratings for n, a in self.by_name.items() if a.ratings is not None}

    def artwork(self) -> dict[str, ArtworkProvider]:
        return {n: a.artwork for n, a in self.by_name.items() if a.artwork is not None}

    async def close(self) -> None:
        for adapters in self.by_name.values():
            await adapters.close()


class ProviderRegistry:
    """The known provider plugins, in the order `/metadata/providers` lists them."""

    def __init__(self, plugins: tuple[ProviderPlugin[Any], ...] = ()) -> None:
        self._plugins: dict[str, ProviderPlugin[Any]] = {}
        for plugin in plugins:
            self.register(plugin)

    def register(self, plugin: ProviderPlugin[Any]) -> None:
        if plugin.name in self._plugins:
            raise ValueError(f"a metadata provider named {plugin.name!r} is already registered")
        self._plugins[plugin.name] = plugin

    def unregister(self, name: str) -> None:
        del self._plugins[name]

    def __iter__(self) -> Iterator[ProviderPlugin[Any]]:
        return iter(tuple(self._plugins.values()))

    def setting_types(self) -> dict[str, type]:
        """Every provider's settings as `<name>_<setting>` with its type."""
        return {key: kind for plugin in self for key, kind in plugin.setting_types().items()}

    def settings(self, flat: Mapping[str, object]) -> dict[str, object]:
        """Each provider's settings value from the flat `<name>_<setting>` values (defaults for
        the rest). Raises ValueError naming the flat setting a value is bad for."""
        unknown = sorted(set(flat) - set(self.setting_types()))
        if unknown:
            raise TypeError(f"unknown metadata setting {unknown[0]!r}")
        return {plugin.name: _settings_of(plugin, flat) for plugin in self}

    def statuses(self, settings: Mapping[str, object]) -> tuple[ProviderStatus, ...]:
        return tuple(
            ProviderStatus(p.name, p.title, p.capabilities, _of(p, settings).api_key != "")
            for p in self
        )

    def build(
        self,
        settings: Mapping[str, object],
        language: str,
        fallback_language: str,
        policy: OutboundPolicy | None = None,
    ) -> MetadataProviders:
        """The adapters of the providers that have an API key."""
        built: dict[str, ProviderAdapters] = {}
        for plugin in self:
            own = _of(plugin, settings)
            if own.api_key:
                connection = plugin.connection(own, language, fallback_language, policy)
                built[plugin.name] = plugin.factory(connection, own)
        return MetadataProviders(built)


def _settings_of(plugin: ProviderPlugin[Any], flat: Mapping[str, object]) -> ServiceSettings:
    prefix = f"{plugin.name}_"
    given = {k.removeprefix(prefix): v for k, v in flat.items() if k in plugin.setting_types()}
    try:
        settings: ServiceSettings = plugin.settings(**given)
    except ValueError as exc:
        raise ValueError(prefix + str(exc)) from None
    return settings


def _of(plugin: ProviderPlugin[S], settings: Mapping[str, object]) -> S:
    """The plugin's settings value, its defaults when `settings` predate its registration."""
    own = settings.get(plugin.name)
    return own if isinstance(own, plugin.settings) else plugin.settings()
