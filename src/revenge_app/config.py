"""The server's typed configuration: defaults, then an optional TOML file, then REVENGE_* env vars.

Every leaf setting `section.name` has the environment name `REVENGE_SECTION_NAME`; the top-level
`data_dir` is `REVENGE_DATA_DIR`. Empty service URLs mean "start the embedded piece".
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import limits
import platformdirs

from revenge_adapters.metadata.registry import PROVIDERS

ENV_PREFIX = "REVENGE_"
LOG_LEVELS = ("debug", "info", "warning", "error")
LOG_FORMATS = ("auto", "json", "text")
DB_DRIVER_SCHEME = "postgresql+asyncpg"


class ConfigError(ValueError):
    """A setting is missing, unknown or has a bad value; the message names it."""


def _port(inst: object, attr: attrs.Attribute[int], value: int) -> None:
    if not 0 <= value <= 65535:
        raise ConfigError(f"{attr.name} must be a port number (0-65535), got {value}")


def _positive(inst: object, attr: attrs.Attribute[Any], value: float) -> None:
    if value <= 0:
        raise ConfigError(f"{attr.name} must be positive, got {value}")


def _one_of(*choices: str) -> typing.Callable[[object, attrs.Attribute[str], str], None]:
    def check(inst: object, attr: attrs.Attribute[str], value: str) -> None:
        if value not in choices:
            raise ConfigError(f"{attr.name} must be one of {', '.join(choices)}, got {value!r}")

    return check


def _url(*schemes: str) -> typing.Callable[[object, attrs.Attribute[str], str], None]:
    def check(inst: object, attr: attrs.Attribute[str], value: str) -> None:
        if value and value.split("://", 1)[0] not in schemes:
            raise ConfigError(f"{attr.name} must be a {'/'.join(schemes)} URL, got a different one")

    return check


def _rates(inst: object, attr: attrs.Attribute[str], value: str) -> None:
    try:
        if value:
            limits.parse_many(value)
    except ValueError:
        raise ConfigError(
            f"{attr.name} must be rates like '10/minute' or '10/minute;100/hour', got {value!r}"
        ) from None


def _networks(inst: object, attr: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    for network in value:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ConfigError(
                f"{attr.name} must list addresses or networks, got {network!r}"
            ) from None


@attrs.frozen
class ServerConfig:
    host: str = "0.0.0.0"  # noqa: S104 - a media server is reached from the home network
    port: int = attrs.field(default=8096, validator=_port)
    metrics_port: int = attrs.field(default=9096, validator=_port)
    public_url: str = attrs.field(default="", validator=_url("http", "https"))
    cors_allowed_origins: tuple[str, ...] = ()
    max_body_bytes: int = attrs.field(default=10 * 1024 * 1024, validator=_positive)
    shutdown_timeout_s: float = attrs.field(default=10.0, validator=_positive)
    cookie_secure: bool = False
    # Proxies (addresses or networks, e.g. 10.0.0.0/8) whose X-Forwarded-For names the client.
    trusted_proxies: tuple[str, ...] = attrs.field(default=(), validator=_networks)

    def effective_public_url(self) -> str:
        if self.public_url:
            return self.public_url.rstrip("/")
        host = "localhost" if self.host in ("0.0.0.0", "::", "127.0.0.1") else self.host  # noqa: S104
        return f"http://{host}:{self.port}"


@attrs.frozen
class DatabaseConfig:
    url: str = attrs.field(
        default="", validator=_url("postgresql", "postgres", "postgresql+asyncpg")
    )
    pool_size: int = attrs.field(default=10, validator=_positive)
    max_overflow: int = 10
    pool_timeout_s: float = attrs.field(default=10.0, validator=_positive)


@attrs.frozen
class CacheConfig:
    url: str = attrs.field(default="", validator=_url("redis", "rediss", "unix"))
    key_prefix: str = "revenge:"
    l1_max_size: int = attrs.field(default=10_000, validator=_positive)
    l1_ttl_s: float = attrs.field(default=300.0, validator=_positive)


@attrs.frozen
class SearchConfig:
    enabled: bool = True
    url: str = attrs.field(default="", validator=_url("http", "https"))
    api_key: str = attrs.field(default="", repr=False)
    collection_prefix: str = "revenge_"  # before every alias/collection name: servers can share
    timeout_s: float = attrs.field(default=3.0, validator=_positive)


@attrs.frozen
class JobsConfig:
    run_in_server: bool = True
    concurrency_critical: int = attrs.field(default=20, validator=_positive)
    concurrency_high: int = attrs.field(default=15, validator=_positive)
    concurrency_default: int = attrs.field(default=10, validator=_positive)
    concurrency_low: int = attrs.field(default=5, validator=_positive)
    concurrency_bulk: int = attrs.field(default=3, validator=_positive)
    backoff_base_s: float = attrs.field(default=1.0, validator=_positive)
    backoff_max_s: float = attrs.field(default=3600.0, validator=_positive)
    # A job whose worker stopped beating (a third of this, while it runs) is delivered again.
    redeliver_after_s: float = attrs.field(default=60.0, validator=_positive)
    poll_interval_s: float = attrs.field(default=1.0, validator=_positive)
    dead_letter_retention_days: int = attrs.field(default=30, validator=_positive)

    def concurrency(self, queue: str) -> int:
        return int(getattr(self, f"concurrency_{queue}"))


@attrs.frozen
class LoggingConfig:
    level: str = attrs.field(default="info", validator=_one_of(*LOG_LEVELS))
    format: str = attrs.field(default="auto", validator=_one_of(*LOG_FORMATS))


@attrs.frozen
class AuthConfig:
    # Empty: a secret is generated once and kept in the data directory (file `auth-secret`).
    jwt_secret: str = attrs.field(default="", repr=False)
    access_ttl_s: int = attrs.field(default=900, validator=_positive)
    refresh_ttl_s: int = attrs.field(default=604_800, validator=_positive)
    cookie_same_site: str = attrs.field(default="Lax", validator=_one_of("Lax", "Strict", "None"))
    cookie_domain: str = ""
    lockout_threshold: int = attrs.field(default=5, validator=_positive)
    lockout_window_s: int = attrs.field(default=900, validator=_positive)
    registration_enabled: bool = True
    # WebAuthn relying party: empty means the host of server.public_url (or localhost), and
    # the origin of that URL.
    webauthn_rp_id: str = ""
    webauthn_origins: tuple[str, ...] = ()


@attrs.frozen
class RateLimitsConfig:
    """Requests allowed per client (its address, or its account once signed in) and, where the
    request names one, per account; in the notation '10/minute', several joined by ';'. An empty
    value means no limit."""

    enabled: bool = True
    # Password, second factor, security key and OIDC sign-in.
    sign_in: str = attrs.field(default="20/minute;200/hour", validator=_rates)
    sign_in_account: str = attrs.field(default="10/minute;60/hour", validator=_rates)
    registration: str = attrs.field(default="10/hour", validator=_rates)
    # Forgot and reset password, email verification.
    recovery: str = attrs.field(default="10/hour", validator=_rates)
    recovery_account: str = attrs.field(default="3/hour", validator=_rates)
    search: str = attrs.field(default="120/minute", validator=_rates)
    images: str = attrs.field(default="1200/minute", validator=_rates)


def _hex_key(inst: object, attr: attrs.Attribute[str], value: str) -> None:
    if value and not (len(value) == 64 and all(c in "0123456789abcdefABCDEF" for c in value)):
        raise ConfigError(f"{attr.name} must be 64 hexadecimal characters (32 bytes)")


@attrs.frozen
class MfaConfig:
    # AES-256 key for TOTP secrets at rest. Empty: a key is generated once and kept in the data
    # directory (file `mfa-key`, mode 0600). Losing the key makes every TOTP enrolment unreadable.
    encryption_key: str = attrs.field(default="", repr=False, validator=_hex_key)


@attrs.frozen
class OidcConfig:
    # How long a sign-in may wait at the provider before its state expires.
    state_ttl_s: int = attrs.field(default=600, validator=_positive)
    # Requests to providers (discovery, token endpoint, key sets) and how long their discovery
    # documents and key sets are kept.
    http_timeout_s: float = attrs.field(default=10.0, validator=_positive)
    discovery_ttl_s: int = attrs.field(default=3600, validator=_positive)


@attrs.frozen
class ActivityConfig:
    # Activity log entries older than this many days are deleted by a daily job.
    retention_days: int = attrs.field(default=90, validator=_positive)


@attrs.frozen(init=False)
class MetadataConfig:
    """Metadata providers: the languages, and each registered provider's own settings
    `<provider>_<setting>` (declared by its plugin, `revenge_adapters.metadata.registry`), as
    `providers` by provider name. A provider without an API key is disabled."""

    # Texts are asked for in `language` (ISO 639-1, optionally with a region: `pt-BR`); what a
    # provider lacks in it comes in `fallback_language`.
    language: str = "en"
    fallback_language: str = "en"
    providers: Mapping[str, object] = attrs.field(factory=dict)

    def __init__(
        self, language: str = "en", fallback_language: str = "en", **settings: object
    ) -> None:
        try:
            providers = PROVIDERS.settings(settings)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        self.__attrs_init__(language, fallback_language, providers)

    @staticmethod
    def leaves() -> dict[str, type]:
        return {"language": str, "fallback_language": str, **PROVIDERS.setting_types()}


@attrs.frozen
class ImagesConfig:
    """Artwork served by /api/v1/images: where it is cached and which hosts it comes from."""

    # Empty: `<data_dir>/cache/images`.
    cache_dir: str = ""
    # Provider paths are relative to these; only their hosts are ever fetched from.
    tmdb_base_url: str = attrs.field(
        default="https://image.tmdb.org/t/p/original", validator=_url("http", "https")
    )
    fanart_base_url: str = attrs.field(
        default="https://assets.fanart.tv", validator=_url("http", "https")
    )
    tvdb_base_url: str = attrs.field(
        default="https://artworks.thetvdb.com", validator=_url("http", "https")
    )
    # True lets those hosts be loopback or home-network addresses (tests, a local mirror).
    allow_private_addresses: bool = False
    max_bytes: int = attrs.field(default=20 * 1024 * 1024, validator=_positive)
    max_pixels: int = attrs.field(default=50_000_000, validator=_positive)
    timeout_s: float = attrs.field(default=30.0, validator=_positive)
    # The least recently used images are removed when the cache grows past this.
    cache_max_bytes: int = attrs.field(default=10 * 1024**3, validator=_positive)


@attrs.frozen
class OutboundConfig:
    """URLs the server fetches (OIDC issuers, Radarr/Sonarr, metadata providers, image hosts)
    must be https and resolve to public addresses, unless these allow a home network."""

    allow_http: bool = False
    # Loopback, private, link-local and other special addresses: all of them, or only these hosts
    # (names or addresses, e.g. `radarr.lan`, `192.168.1.20`).
    allow_private_addresses: bool = False
    allowed_hosts: tuple[str, ...] = ()


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("revenge", appauthor=False))


@attrs.frozen
class IntegrationsConfig:
    """Radarr and Sonarr. Their webhooks are accepted only with the shared secret, sent as the
    `X-Webhook-Secret` header or as the basic-auth password of the webhook connection."""

    radarr_enabled: bool = False
    radarr_base_url: str = attrs.field(
        default="http://localhost:7878", validator=_url("http", "https")
    )
    radarr_api_key: str = attrs.field(default="", repr=False)
    radarr_webhook_secret: str = attrs.field(default="", repr=False)
    sonarr_enabled: bool = False
    sonarr_base_url: str = attrs.field(
        default="http://localhost:8989", validator=_url("http", "https")
    )
    sonarr_api_key: str = attrs.field(default="", repr=False)
    sonarr_webhook_secret: str = attrs.field(default="", repr=False)
    timeout_s: float = attrs.field(default=30.0, validator=_positive)


@attrs.frozen
class ScanningConfig:
    # Probe media info with ffprobe when it is installed (`ffprobe_path` is looked up on PATH).
    probe: bool = True
    ffprobe_path: str = "ffprobe"
    probe_timeout_s: float = attrs.field(default=30.0, validator=_positive)
    # Every enabled library is scanned this often (0: never; folder watchers and requests only).
    interval_s: float = attrs.field(default=21600.0, validator=attrs.validators.ge(0))
    # How often the folder watchers look for libraries that started or stopped being monitored.
    monitor_refresh_s: float = attrs.field(default=30.0, validator=_positive)
    # How often the server takes over scans whose run died and queues matches left undone.
    recovery_every_s: float = attrs.field(default=10.0, validator=_positive)
    # A file waiting this long for its match (its job lost with the queue) is queued again.
    match_relay_after_s: float = attrs.field(default=600.0, validator=_positive)


@attrs.frozen
class PlaybackConfig:
    # A session without a heartbeat for this long is over.
    session_timeout_s: float = attrs.field(default=1800.0, validator=_positive)
    # How often the cleanup job ends sessions whose heartbeats stopped.
    cleanup_interval_s: float = attrs.field(default=300.0, validator=_positive)
    # A comment line on every open event stream this often, so proxies keep it open.
    events_keepalive_s: float = attrs.field(default=30.0, validator=_positive)


def _half_the_cores() -> int:
    """A software 720p transcode at real time takes about one core (bench/streaming.py)."""
    return max(1, (os.cpu_count() or 2) // 2)


@attrs.frozen
class StreamingConfig:
    # Concurrent video transcodes (direct play and remux are not counted); over it: 503.
    max_transcodes: int = attrs.field(factory=_half_the_cores, validator=_positive)
    # Segment files live here ("" is <data_dir>/streams), at most this many bytes in all.
    segments_dir: str = ""
    max_cache_bytes: int = attrs.field(default=5 * 1024**3, validator=_positive)
    # An encoder nobody asked anything of for this long stops (its session lives on).
    idle_s: float = attrs.field(default=120.0, validator=_positive)
    # How often ended sessions lose their encoders and files, and the cache is trimmed.
    sweep_interval_s: float = attrs.field(default=10.0, validator=_positive)
    # The system's tools when found on PATH; else the ffmpeg of the imageio-ffmpeg wheel.
    ffmpeg_path: str = "ffmpeg"
    ffprobe_path: str = "ffprobe"


@attrs.frozen
class Config:
    data_dir: Path = attrs.field(factory=_default_data_dir)
    server: ServerConfig = attrs.field(factory=ServerConfig)
    database: DatabaseConfig = attrs.field(factory=DatabaseConfig)
    cache: CacheConfig = attrs.field(factory=CacheConfig)
    search: SearchConfig = attrs.field(factory=SearchConfig)
    jobs: JobsConfig = attrs.field(factory=JobsConfig)
    logging: LoggingConfig = attrs.field(factory=LoggingConfig)
    auth: AuthConfig = attrs.field(factory=AuthConfig)
    mfa: MfaConfig = attrs.field(factory=MfaConfig)
    activity: ActivityConfig = attrs.field(factory=ActivityConfig)
    rate_limits: RateLimitsConfig = attrs.field(factory=RateLimitsConfig)
    outbound: OutboundConfig = attrs.field(factory=OutboundConfig)
    oidc: OidcConfig = attrs.field(factory=OidcConfig)
    playback: PlaybackConfig = attrs.field(factory=PlaybackConfig)
    streaming: StreamingConfig = attrs.field(factory=StreamingConfig)
    integrations: IntegrationsConfig = attrs.field(factory=IntegrationsConfig)
    scanning: ScanningConfig = attrs.field(factory=ScanningConfig)
    metadata: MetadataConfig = attrs.field(factory=MetadataConfig)
    images: ImagesConfig = attrs.field(factory=ImagesConfig)

    @property
    def embedded(self) -> bool:
        """True when any piece (database, cache, search) is started by Revenge itself."""
        return not (
            self.database.url and self.cache.url and (self.search.url or not self.search.enabled)
        )


def load_config(
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, object] | None = None,
) -> Config:
    """Defaults < TOML file < environment < explicit overrides (CLI flags, dotted keys)."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    if path is not None:
        values.update(_flatten(_read_toml(path)))
    values.update(_from_env(environ))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return _build(values)


def env_name(dotted: str) -> str:
    return ENV_PREFIX + dotted.replace(".", "_").upper()


def setting_names() -> dict[str, type]:
    """Every leaf setting as `section.name` (or `data_dir`) with its type."""
    out: dict[str, type] = {}
    hints = typing.get_type_hints(Config)
    for field in attrs.fields(Config):
        kind = hints[field.name]
        if attrs.has(kind):
            for leaf, leaf_kind in _leaves(kind).items():
                out[f"{field.name}.{leaf}"] = leaf_kind
        else:
            out[field.name] = kind
    return out


def _leaves(section: type) -> dict[str, type]:
    """A section's settings: its fields, or what its `leaves()` declares."""
    declared: typing.Callable[[], dict[str, type]] | None = getattr(section, "leaves", None)
    if declared is not None:
        return declared()
    hints = typing.get_type_hints(section)
    return {leaf.name: hints[leaf.name] for leaf in attrs.fields(section)}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc


def _flatten(doc: Mapping[str, Any], prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in doc.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, dotted + "."))
        else:
            out[dotted] = value
    return out


def _from_env(environ: Mapping[str, str]) -> dict[str, object]:
    by_env = {env_name(name): name for name in setting_names()}
    return {by_env[key]: value for key, value in environ.items() if key in by_env}


def _build(values: Mapping[str, object]) -> Config:
    known = setting_names()
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]!r}")
    sections: dict[str, dict[str, Any]] = {}
    top: dict[str, Any] = {}
    for name, raw in values.items():
        value = _coerce(name, raw, known[name])
        section, _, leaf = name.partition(".")
        if leaf:
            sections.setdefault(section, {})[leaf] = value
        else:
            top[section] = value
    hints = typing.get_type_hints(Config)
    try:
        built: dict[str, Any] = {name: hints[name](**fields) for name, fields in sections.items()}
        return Config(**top, **built)
    except ConfigError as exc:
        raise ConfigError(_qualify(str(exc), sections)) from None


def _qualify(message: str, sections: Mapping[str, Mapping[str, object]]) -> str:
    leaf = message.split(" ", 1)[0]
    for section, fields in sections.items():
        if leaf in fields:
            name = f"{section}.{leaf}"
            return f"{name} ({env_name(name)}): {message.split(' ', 1)[1]}"
    return message


def _coerce(name: str, raw: object, kind: type) -> object:
    where = f"{name} ({env_name(name)})"
    if not isinstance(raw, str):
        if kind is float and isinstance(raw, int) and not isinstance(raw, bool):
            return float(raw)
        if typing.get_origin(kind) is tuple and isinstance(raw, list):
            return tuple(str(item) for item in raw)
        expected = typing.get_origin(kind) or kind
        if isinstance(expected, type) and not isinstance(raw, expected):
            raise ConfigError(f"{where}: expected {_describe(kind)}, got {raw!r}")
        return Path(str(raw)).expanduser() if kind is Path else raw
    return _parse_text(where, raw.strip(), kind)


def _parse_text(where: str, text: str, kind: type) -> object:
    try:
        if kind is bool:
            return _parse_bool(text)
        if kind is int:
            return int(text)
        if kind is float:
            return float(text)
    except ValueError:
        raise ConfigError(f"{where}: expected {_describe(kind)}, got {text!r}") from None
    if kind is Path:
        return Path(text).expanduser()
    if typing.get_origin(kind) is tuple:
        return tuple(part.strip() for part in text.split(",") if part.strip())
    return text


def _parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)


def _describe(kind: type) -> str:
    if typing.get_origin(kind) is tuple:
        return "a list of strings"
    if isinstance(kind, types.GenericAlias):
        return str(kind)
    return {bool: "true or false", int: "an integer", float: "a number"}.get(kind, kind.__name__)
