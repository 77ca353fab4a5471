"""Answers as JSON: read models through one cattrs converter, encoded with orjson.

The converter is configured here, once: ids as text, dates and times in ISO 8601, the fields
the contract leaves out rather than nulls, and the fields the API adds beside a model's own
(a value computed from the model, e.g. the web client's name for one of its fields). A list
the cache hands over as stored (`StoredList`) is written as stored when its models answer in
the shape they are cached in.
"""

from __future__ import annotations

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
from revenge_domain.cache_values import StoredList
from revenge_domain.identity import IssuedTokens, User
from revenge_domain.identity.account_ports import Profile
from revenge_domain.identity.api_keys import ApiKey
from revenge_domain.libraries import LibraryScan
from revenge_domain.playback.view import AudioTrack, SessionView
from revenge_domain.search import answers as search
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
    left_out_when_none: Iterable[str] = (),
    hidden: Iterable[str] = (),
    added: Mapping[str, Callable[[Any], object]] | None = None,
) -> None:
    """How `kind` answers: fields `left_out_when_none` (their default is None) are absent
    rather than null, `hidden` fields are never written, and each of `added` is written from
    the model."""
    _SHAPED.add(kind)
    overrides: dict[str, Any] = {
        name: override(omit_if_default=True) for name in left_out_when_none
    }
    overrides |= {name: override(omit=True) for name in hidden}
    own = make_dict_unstructure_fn(kind, converter, **overrides)
    if not added:
        converter.register_unstructure_hook(kind, own)
        return
    extra = dict(added)

    def unstructure(value: Any) -> dict[str, Any]:
        body = own(value)
        for name, get in extra.items():
            body[name] = converter.unstructure(get(value))
        return body

    converter.register_unstructure_hook(kind, unstructure)


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
answers(AudioTrack, left_out_when_none=["layout"])
answers(SessionView, left_out_when_none=["error", "play_method", "direct_url"])

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
    encoded = orjson.dumps(body, default=unstructured, option=orjson.OPT_NON_STR_KEYS)
    return web.Response(
        body=encoded, status=status, content_type="application/json", charset="utf-8"
    )


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
