"""Answers as JSON: read models through one cattrs converter, encoded with orjson.

The converter is configured here, once: ids as text, dates and times in ISO 8601, the fields
the contract leaves out rather than nulls, the fields it names otherwise, the providers' ids it
shows as numbers, the models it writes flattened into their owner, and the fields the API adds
beside a model's own (a value computed from the model, e.g. the web client's name for one of
its fields). A list
the cache hands over as stored (`StoredList`) is written as stored when its models answer in
the shape they are cached in.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import attrs
import cattrs
import orjson
from aiohttp import web
from cattrs.gen import make_dict_unstructure_fn, override

from revenge_domain import movies, tvshows
from revenge_domain.activity import ActivityEntry, ActivityEvent, ActivityPage, ActivityStats
from revenge_domain.cache_values import StoredList
from revenge_domain.identity import IssuedTokens, Session, User
from revenge_domain.identity.account_ports import Profile
from revenge_domain.identity.api_keys import ApiKey
from revenge_domain.identity.rbac import Role
from revenge_domain.integrations.model import QualityProfile, RootFolder
from revenge_domain.libraries import Library, LibraryGrant, LibraryScan, LibrarySettings
from revenge_domain.metadata import model as meta
from revenge_domain.mfa.login import SecondFactorNeeded
from revenge_domain.mfa.webauthn import WebAuthnCredential
from revenge_domain.oidc import LinkView, OidcLink, OidcProvider
from revenge_domain.playback.view import AudioTrack, SessionView
from revenge_domain.search import answers as search
from revenge_domain.settings import Setting, SettingDefinition
from revenge_domain.tvshows.viewing import AiredEpisode, ResumePoint, SeriesStats

converter = cattrs.Converter()
converter.register_unstructure_hook(UUID, str)
converter.register_unstructure_hook(date, date.isoformat)
converter.register_unstructure_hook(datetime, datetime.isoformat)
# Models that answer otherwise than the cache keeps them (see `answers`).
_SHAPED: set[type[Any]] = set()


def answers(
    kind: type[Any],
    *,
    shown: Iterable[str] | None = None,
    left_out_when_none: Iterable[str] = (),
    hidden: Iterable[str] = (),
    renamed: Mapping[str, str] | None = None,
    numbers: Iterable[str] = (),
    flattened: Iterable[str] = (),
    added: Mapping[str, Callable[[Any], object]] | None = None,
) -> None:
    """How `kind` answers: only its `shown` fields when given, fields `left_out_when_none`
    (their default is None) are absent rather than null, `hidden` fields are never written,
    `renamed` ones are written under another name, `numbers` (provider ids) as numbers when
    they are digits, the fields of each `flattened` model beside the model's own, and each of
    `added` is written from the model."""
    _SHAPED.add(kind)
    inner = list(flattened)
    fields: dict[str, dict[str, Any]] = {name: {} for name in attrs.fields_dict(kind)}
    for name in left_out_when_none:
        fields[name]["omit_if_default"] = True
    if shown is not None:
        hidden = [*hidden, *(name for name in fields if name not in set(shown))]
    for name in [*hidden, *inner]:
        fields[name]["omit"] = True
    for name, written in (renamed or {}).items():
        fields[name]["rename"] = written
    for name in numbers:
        fields[name]["unstruct_hook"] = number_id
    overrides: dict[str, Any] = {name: override(**given) for name, given in fields.items() if given}
    own = make_dict_unstructure_fn(kind, converter, **overrides)
    if not (added or inner):
        converter.register_unstructure_hook(kind, own)
        return
    extra = dict(added or {})

    def unstructure(value: Any) -> dict[str, Any]:
        body = own(value)
        for name in inner:
            body.update(converter.unstructure(getattr(value, name)))
        for name, get in extra.items():
            body[name] = converter.unstructure(get(value))
        return body

    converter.register_unstructure_hook(kind, unstructure)


def number_id(value: str | None) -> int | str | None:
    """Provider ids are numbers for TMDb and TheTVDB; the JSON says them as numbers."""
    if value is None:
        return None
    return int(value) if value.isdigit() else value


def _title(item: Any) -> object:
    return item.title


def _progress_seconds(item: Any) -> object:
    return item.progress_seconds


# Hooks apply to subclasses too: each model of a family that answers differently is named.
answers(movies.Credit, left_out_when_none=["tmdb_person_id"])
answers(movies.SimilarMovie, left_out_when_none=["tmdb_id"])
answers(movies.WatchRecord, added={"position_seconds": _progress_seconds})
answers(tvshows.Network, left_out_when_none=["tmdb_id"])
answers(
    tvshows.Series,
    hidden=["library_id"],
    added={"library_added_at": lambda series: series.created_at},
)
answers(tvshows.Episode, added={"name": _title})
answers(AiredEpisode, added={"name": _title})
answers(
    tvshows.Progress,
    added={
        "watched_at": lambda progress: progress.last_watched_at if progress.is_completed else None,
        "position_seconds": _progress_seconds,
    },
)
answers(ResumePoint, added={"progress_percent": lambda point: point.progress_percent})
answers(SeriesStats, added={"completion_percent": lambda stats: stats.completion_percent})
answers(ApiKey, hidden=["key_hash"])  # a key answers with everything but its secret
answers(
    User,
    hidden=["password_hash", "updated_at", "deleted_at"],
    left_out_when_none=["display_name", "last_login_at"],
)
answers(IssuedTokens, hidden=["session"])
# The contract has strings there, not null: what is not known yet is left out.
answers(
    LibraryScan,
    hidden=["heartbeat_at"],
    left_out_when_none=["error_message", "started_at", "completed_at"],
)
# A session answers with what it is; whether it is live and the caller's is added by the caller.
answers(
    Session,
    hidden=["user_id", "revoked_at", "revoke_reason"],
    left_out_when_none=["user_agent", "device_name"],
)
answers(SecondFactorNeeded, renamed={"token": "mfa_token"}, added={"mfa_required": lambda _: True})
# What is not known of an event, and empty changes or metadata, are left out.
answers(
    ActivityEvent,
    renamed={"occurred_at": "created_at"},
    left_out_when_none=[
        *("user_id", "username", "resource_type", "resource_id", "changes", "metadata"),
        *("ip_address", "user_agent", "error_message"),
    ],
)

answers(ActivityEntry, flattened=["event"])
answers(
    ActivityPage,
    hidden=["offset"],
    renamed={"limit": "page_size"},
    added={"page": lambda p: p.page},
)
answers(ActivityStats, left_out_when_none=["oldest_entry", "newest_entry"])


def permission_answer(permission: str) -> dict[str, str]:
    """A permission (`resource:action`) as its two parts."""
    resource, _, action = permission.partition(":")
    return {"resource": resource, "action": action}


answers(
    Role,
    renamed={"built_in": "is_built_in"},
    hidden=["permissions"],
    added={"permissions": lambda role: [permission_answer(p) for p in sorted(role.permissions)]},
)
# A security key answers with what its owner may see; one without a name has an empty name.
answers(
    WebAuthnCredential,
    shown=[
        *("id", "created_at", "backup_eligible", "backup_state", "clone_detected"),
        "last_used_at",
    ],
    left_out_when_none=["last_used_at"],
    added={"name": lambda credential: credential.name or ""},
)
answers(
    OidcProvider,
    hidden=["client_secret_encrypted"],
    renamed={"userinfo_endpoint": "user_info_endpoint"},
)
_provider_settings = converter.get_unstructure_hook(OidcProvider)
# An endpoint left empty is not configured (the discovered one is used): it is left out.
_ENDPOINTS = frozenset(
    {
        "authorization_endpoint",
        "token_endpoint",
        "user_info_endpoint",
        "jwks_uri",
        "end_session_endpoint",
    }
)


def _oidc_provider(provider: OidcProvider) -> dict[str, Any]:
    """Every setting of the provider but the client secret, which never leaves the server."""
    body: dict[str, Any] = _provider_settings(provider)
    return {name: value for name, value in body.items() if value or name not in _ENDPOINTS}


converter.register_unstructure_hook(OidcProvider, _oidc_provider)
answers(
    OidcLink,
    shown=["id", "created_at", "email", "last_login_at"],
    renamed={"created_at": "linked_at"},
    left_out_when_none=["email", "last_login_at"],
)
answers(LinkView, flattened=["link"])
# Optional in the contract but never null: left out when unknown.
answers(LibrarySettings, left_out_when_none=["metadata_provider", "scanner_config"])
answers(Library, flattened=["settings"], left_out_when_none=["latest_scan"])
answers(LibraryGrant, renamed={"access": "permission"})
answers(
    SettingDefinition,
    shown=["description", "category", "data_type", "is_secret", "is_public"],
)
answers(Setting, flattened=["definition"], added={"key": lambda setting: setting.key})
# Radarr's and Sonarr's own objects are camelCase; what they do not say is left out.
answers(
    QualityProfile,
    renamed={"upgrade_allowed": "upgradeAllowed", "min_format_score": "minFormatScore"},
    left_out_when_none=["upgrade_allowed", "cutoff", "min_format_score"],
)
answers(RootFolder, renamed={"free_space": "freeSpace"}, left_out_when_none=["free_space"])
answers(AudioTrack, left_out_when_none=["layout"])
answers(SessionView, left_out_when_none=["error", "play_method", "direct_url"])

# What the metadata providers tell (/metadata/*): their ids as numbers, a title's own as `tmdb_id`.
_TMDB_ID = {"id": "tmdb_id"}
_SHOW_ID = {"series_id": "tmdb_show_id"}
_ART_AND_VOTES = ("poster_path", "backdrop_path", "vote_average", "vote_count", "popularity")


def _collection_part(movie: meta.MovieResult) -> dict[str, Any]:
    """A movie of a collection answers with its id as `id`, not `tmdb_id`."""
    body: dict[str, Any] = unstructured(movie)
    del body["tmdb_id"]
    return {"id": number_id(movie.id), **body}


answers(meta.Genre, numbers=["id"])
answers(meta.Network, hidden=["origin_country"], numbers=["id"])
answers(meta.ExternalIds, numbers=["tmdb_id", "tvdb_id"])
answers(meta.Image, hidden=["kind", "season_number"])
answers(meta.Images, hidden=["others"])
answers(meta.CastMember, shown=["id", "name", "character", "order", "profile_path"], numbers=["id"])
answers(meta.CrewMember, shown=["id", "name", "job", "department", "profile_path"], numbers=["id"])
answers(
    meta.MovieResult,
    hidden=["original_language", "genre_ids", "adult"],
    renamed=_TMDB_ID,
    numbers=["id"],
)
answers(
    meta.SeriesResult,
    hidden=["original_language", "origin_country", "genre_ids"],
    renamed=_TMDB_ID,
    numbers=["id"],
)
answers(meta.MediaRef, renamed=_TMDB_ID, numbers=["id"])
answers(meta.PersonResult, renamed=_TMDB_ID, numbers=["id"])
answers(
    meta.Collection,
    numbers=["id"],
    hidden=["parts"],
    added={"parts": lambda collection: [_collection_part(p) for p in collection.parts]},
)
# A movie's collection answers as a collection would, without its overview and parts.
answers(
    meta.CollectionRef, numbers=["id"], added={"overview": lambda _: None, "parts": lambda _: []}
)
answers(
    meta.Movie,
    shown=[
        *("id", "imdb_id", "title", "original_title", "tagline", "overview", "release_date"),
        *("runtime", "status", "budget", "revenue", *_ART_AND_VOTES, "genres", "collection"),
        "credits",
    ],
    renamed={**_TMDB_ID, "collection": "belongs_to_collection"},
    numbers=["id"],
    flattened=["credits"],
)
answers(meta.SeasonSummary, hidden=["vote_average"], numbers=["id"])
answers(
    meta.Series,
    shown=[
        *("id", "imdb_id", "tvdb_id", "name", "original_name", "tagline", "overview"),
        *("first_air_date", "last_air_date", "status", "type", "number_of_seasons"),
        *("number_of_episodes", "episode_run_time", *_ART_AND_VOTES, "networks", "genres"),
        "seasons",
    ],
    renamed=_TMDB_ID,
    numbers=["id", "tvdb_id"],
)
answers(meta.EpisodeSummary, hidden=["season_number", "production_code"], numbers=["id"])
answers(
    meta.Season,
    shown=[
        *("id", "series_id", "season_number", "name", "overview", "air_date", "poster_path"),
        "episodes",
    ],
    renamed=_SHOW_ID,
    numbers=["id", "series_id"],
)
answers(
    meta.Episode,
    shown=[
        *("id", "series_id", "season_number", "episode_number", "name", "overview", "air_date"),
        *("runtime", "still_path", "vote_average", "vote_count", "crew", "guest_stars"),
    ],
    renamed=_SHOW_ID,
    numbers=["id", "series_id"],
)
answers(
    meta.Person,
    hidden=["provider", "language", "adult", "external_ids", "images"],
    renamed=_TMDB_ID,
    numbers=["id"],
)
answers(meta.MediaCredit, renamed=_TMDB_ID, numbers=["id"])
answers(meta.PersonCredits, renamed={"person_id": "tmdb_id"}, numbers=["person_id"])

# Search documents keep these as Unix seconds; the contract shows them as dates.
_DATE_FIELDS = ("release_date", "first_air_date")
# Which name a facet field has in the facet endpoints' answer.
_FACET_NAMES = {"year": "years"}
# The multi-search shows these collections' full results, the others' hits and total only.
_FULL_GROUPS = frozenset({"movies", "tvshows"})


def _shown_document(document: Mapping[str, Any]) -> dict[str, Any]:
    shown = dict(document)
    for name in _DATE_FIELDS:
        value = shown.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            shown[name] = datetime.fromtimestamp(value, UTC).date().isoformat()
    return shown


answers(search.Hit, added={"document": lambda hit: _shown_document(hit.document)})
answers(search.TopHit, added={"document": lambda hit: _shown_document(hit.document)})


def _facet_lists(lists: search.FacetLists) -> dict[str, Any]:
    return {_FACET_NAMES.get(name, name): unstructured(v) for name, v in lists.counts.items()}


def _multi_results(multi: search.MultiResults) -> dict[str, Any]:
    body = {name: _group(name, group) for name, group in multi.groups.items()}
    return {**body, "top": unstructured(multi.top)}


def _group(name: str, group: search.Results) -> Any:
    if name in _FULL_GROUPS:
        return unstructured(group)
    return {"hits": unstructured(group.hits), "total_hits": group.total_hits}


def _profile(profile: Profile) -> dict[str, Any]:
    """The user, with the address of its avatar when it has one."""
    body: dict[str, Any] = unstructured(profile.user)
    if profile.avatar_url is not None:
        body["avatar_url"] = profile.avatar_url
    return body


converter.register_unstructure_hook(Profile, _profile)
converter.register_unstructure_hook(search.FacetLists, _facet_lists)
converter.register_unstructure_hook(search.MultiResults, _multi_results)


_AS_CACHED: dict[Any, bool] = {}


def answers_as_cached(kind: Any) -> bool:
    """Whether `kind` answers in the shape the cache keeps it in: neither it nor a model in its
    fields answers otherwise."""
    known = _AS_CACHED.get(kind)
    if known is None:
        known = _AS_CACHED[kind] = _as_cached(kind)
    return known


def _as_cached(kind: Any) -> bool:
    if isinstance(kind, type) and any(issubclass(kind, shaped) for shaped in _SHAPED):
        return False
    inner = list(typing.get_args(kind))
    if attrs.has(kind) and not inner:
        inner = list(typing.get_type_hints(kind).values())
    return all(answers_as_cached(part) for part in inner)


def _stored(items: StoredList[Any]) -> list[Any]:
    if answers_as_cached(items.kind):
        return items.stored
    return [converter.unstructure(item) for item in items]


converter.register_unstructure_hook(StoredList, _stored)


def unstructured(value: object) -> Any:
    """`value` (read models, lists and dicts of them, plain JSON values) as plain JSON values."""
    return converter.unstructure(value)


def json_response(body: object, status: int = 200) -> web.Response:
    """`body` as an application/json response: orjson writes plain values itself and hands
    read models to the converter."""
    try:
        encoded = orjson.dumps(body, default=unstructured, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        # Only free-form values a user stored (preferences, settings) can hold an integer
        # past 64 bits, which orjson refuses; the standard encoder writes it as it came.
        encoded = json.dumps(body, default=_plain).encode()
    return web.Response(
        body=encoded, status=status, content_type="application/json", charset="utf-8"
    )


def _plain(value: object) -> object:
    """What the standard encoder cannot write itself, as orjson would write it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return unstructured(value)


def listed_movies(page: movies.MoviePage) -> list[dict[str, Any]]:
    """The page's movies, each with the reader's `progress`."""
    bodies: list[dict[str, Any]] = unstructured(page.items)
    return [
        {**body, "progress": unstructured(progress)}
        for body, progress in zip(bodies, page.progress, strict=True)
    ]


def page_answer(
    page: movies.Page[Any] | movies.MoviePage | tvshows.Page[Any], limit: int, offset: int
) -> Any:
    """A page in the contract's envelope."""
    items = listed_movies(page) if isinstance(page, movies.MoviePage) else page.items
    return {
        "items": items,
        "total": page.total,
        "page": offset // limit + 1,
        "page_size": limit,
    }
