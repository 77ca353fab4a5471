"""Searching the catalogue: one collection, autocomplete, facets, and all collections at once.

Every engine query carries the caller's library filter, so hits, totals, facets and pages count
only what the caller may read; a caller who may read no library gets an empty answer without a
query. Engine answers are cached briefly under a key holding the caller's readable libraries.
When the engine is down, or the collection is missing or empty, the database answers instead
(`Backend.POSTGRES`, never cached, so searches return to the engine as soon as it is back);
an empty collection whose database finds nothing either keeps the engine's (empty) answer.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from revenge_domain.cache_values import from_cache, to_cache
from revenge_domain.identity.access import Principal
from revenge_domain.libraries import LibraryAccess
from revenge_domain.movies.cached import readable_key
from revenge_domain.ports.cache import Cache, key_hash
from revenge_domain.ports.search import SearchIndex
from revenge_domain.search import answers
from revenge_domain.search.answers import (
    Answer,
    Backend,
    FacetLists,
    FallbackPage,
    MultiResults,
    Results,
    Suggestions,
)
from revenge_domain.search.catalog import BY_NAME, SearchCollection
from revenge_domain.search.errors import SearchUnavailable
from revenge_domain.search.fallback import FACET_VALUES, SearchFallback
from revenge_domain.search.library_query import ClientQuery, Scope, engine_query, search_text
from revenge_domain.search.matching import count_facets, passes
from revenge_domain.search.query import SearchHit, SearchQuery, SearchResult
from revenge_domain.search.relevance import by_relevance

PREFIX = "search:"
RESULTS_TTL_S = 30.0
FACETS_TTL_S = 120.0
MAX_FACET_VALUES = 100
FILTERED_SCAN = 1000
MULTI = ("movies", "tvshows", "episodes", "seasons", "people")
SEARCH_USERS = "users:list"
SUGGESTED = {"movies": "title", "tvshows": "title"}
# Best-first answers are put in title relevance order (`relevance`) over this many best hits
# of the backend; a page beyond them keeps the backend's order.
RANKED_WINDOW = 100

B = TypeVar("B")
Engine = Callable[[], Awaitable[Answer[B]]]


def results_prefix(collection: str | None = None) -> str:
    """The prefix of every cached answer (of one collection's endpoints when named)."""
    return PREFIX if collection is None else f"{PREFIX}{collection}:"


async def forget_results(cache: Cache, collections: Iterable[str] = ()) -> None:
    """Drop cached answers after a reindex: those of `collections` and every multi-search, or
    every cached answer when no collection is named."""
    names = list(collections)
    prefixes = [results_prefix(n) for n in (*names, "multi")] if names else [results_prefix()]
    await cache.invalidate_prefixes(prefixes)


class LibrarySearch:
    """The search endpoints' use cases. `index` is None when the server runs without an engine."""

    def __init__(
        self,
        index: SearchIndex | None,
        fallback: SearchFallback,
        access: LibraryAccess,
        cache: Cache,
        ttl_s: float = RESULTS_TTL_S,
    ) -> None:
        self._index, self._fallback, self._access = index, fallback, access
        self._cache, self._ttl_s = cache, ttl_s

    async def search(
        self,
        principal: Principal,
        collection_name: str,
        q: str,
        page: int = 1,
        per_page: int = 20,
        filter_by: str | None = None,
        sort_by: str | None = None,
        facet_by: str | None = None,
    ) -> Answer[Results]:
        collection = BY_NAME[collection_name]
        asked = ClientQuery.read(collection, q, page, per_page, filter_by, sort_by, facet_by)
        scope = await self._scope(principal)
        if scope.nothing:
            return Answer(answers.empty_results(page))

        window = _window(asked)

        async def fallback() -> Answer[Results]:
            started = time.perf_counter()
            found = await self._database_page(collection, scope, window or asked)
            if window is not None:
                found = _ranked_documents(found, collection, asked)
            took = int((time.perf_counter() - started) * 1000)
            return Answer(
                answers.fallback_results(found, page, per_page, took, scope.readable),
                Backend.POSTGRES,
            )

        async def engine() -> Answer[Results]:
            index = self._engine()
            query = engine_query(collection, scope, window or asked)
            result = await index.search(collection.name, query)
            if window is not None:
                result = _ranked_result(result, collection, asked.text, asked.page, asked.per_page)
            if result.found == 0 and await self._holds_nothing(index, collection):
                fallen = await fallback()
                if fallen.body.total_hits:
                    return fallen
            return Answer(answers.results(result, scope.readable))

        key = self._key(collection.name, scope, "q", asked)
        return await self._answer(key, Results, self._ttl_s, engine, fallback)

    async def autocomplete(
        self, principal: Principal, collection_name: str, q: str, limit: int = 5
    ) -> Answer[Suggestions]:
        collection = BY_NAME[collection_name]
        text, field = search_text(q), SUGGESTED.get(collection.name, "name")
        scope = await self._scope(principal)
        if scope.nothing:
            return Answer(answers.suggestions([], field))

        async def engine() -> Answer[Suggestions]:
            query = SearchQuery(
                q=text,
                query_by=collection.autocomplete_query_by,
                filter_by=scope.filter_for(collection),
                per_page=max(limit, RANKED_WINDOW),
                prefix=True,
                drop_tokens_threshold=0,
                include_fields=(field, *collection.autocomplete_query_by),
            )
            result = await self._engine().search(collection.name, query)
            ranked = _ranked_result(result, collection, text, 1, limit)
            return Answer(answers.suggestions((h.document for h in ranked.hits), field))

        async def fallback() -> Answer[Suggestions]:
            found = await self._fallback.search(
                collection.name, scope.readable, text, max(limit, RANKED_WINDOW), 0
            )
            ranked = _ranked_documents(found, collection, ClientQuery(text, 1, limit))
            return Answer(answers.suggestions(ranked.documents, field), Backend.POSTGRES)

        key = self._key(collection.name, scope, "suggest", text, limit)
        return await self._answer(key, Suggestions, self._ttl_s, engine, fallback)

    async def facets(self, principal: Principal, collection_name: str) -> Answer[FacetLists]:
        collection = BY_NAME[collection_name]
        names = collection.default_facets
        scope = await self._scope(principal)
        if scope.nothing:
            return Answer(answers.facet_lists({}, names))

        async def engine() -> Answer[FacetLists]:
            query = SearchQuery(
                q="*",
                query_by=collection.query_by[:1],
                filter_by=scope.filter_for(collection),
                facet_by=names,
                max_facet_values=MAX_FACET_VALUES,
                per_page=1,
            )
            result = await self._engine().search(collection.name, query)
            return Answer(answers.facet_lists(answers.facets(result), names))

        async def fallback() -> Answer[FacetLists]:
            counts = await self._fallback.facets(
                collection.name, scope.readable, names, MAX_FACET_VALUES
            )
            return Answer(answers.facet_lists(counts, names), Backend.POSTGRES)

        key = self._key(collection.name, scope, "facets")
        return await self._answer(key, FacetLists, FACETS_TTL_S, engine, fallback)

    async def multi(self, principal: Principal, q: str, limit: int = 5) -> Answer[MultiResults]:
        text = search_text(q)
        names = MULTI + (("users",) if principal.can(SEARCH_USERS) else ())
        collections = [BY_NAME[name] for name in names]
        scope = await self._scope(principal)
        if scope.nothing:
            empty = {c.name: answers.empty_results(1) for c in collections}
            return Answer(answers.multi_results(empty, 0))

        async def engine() -> Answer[MultiResults]:
            return await self._multi_engine(collections, scope, text, limit)

        async def fallback() -> Answer[MultiResults]:
            groups = {
                c.name: await self._fallback_group(c, scope, text, limit) for c in collections
            }
            return Answer(answers.multi_results(groups, limit), Backend.POSTGRES)

        key = self._key("multi", scope, "users" in names, text, limit)
        return await self._answer(key, MultiResults, self._ttl_s, engine, fallback)

    # -- helpers -------------------------------------------------------------------------------

    async def _multi_engine(
        self, collections: Sequence[SearchCollection], scope: Scope, text: str, limit: int
    ) -> Answer[MultiResults]:
        """One engine call for every group. A group the engine fails comes from the database,
        and so does one the engine holds nothing for when the database finds something (the
        index is behind); the whole answer is then marked as the database's."""
        index = self._engine()
        window = ClientQuery(text, 1, max(limit, RANKED_WINDOW // 2))
        searches = [(c.name, engine_query(c, scope, window)) for c in collections]
        results = [
            _ranked_result(r, c, text, 1, limit)
            for c, r in zip(collections, await index.multi_search(searches), strict=True)
        ]
        failed, empty = await self._unfilled(index, collections, results)
        groups: dict[str, Results] = {}
        fell_back = False
        for collection, result in zip(collections, results, strict=True):
            groups[collection.name] = answers.results(result, scope.readable)
            if collection.name in failed | empty:
                fallen = await self._fallback_group(collection, scope, text, limit)
                if collection.name in failed or fallen.total_hits:
                    groups[collection.name], fell_back = fallen, True
        backend = Backend.POSTGRES if fell_back else Backend.TYPESENSE
        return Answer(answers.multi_results(groups, limit), backend)

    async def _unfilled(
        self,
        index: SearchIndex,
        collections: Sequence[SearchCollection],
        results: Sequence[SearchResult],
    ) -> tuple[set[str], set[str]]:
        """Groups the engine failed, and those it found nothing in because it holds nothing."""
        failed = {r.collection for r in results if r.error is not None}
        pairs = zip(collections, results, strict=True)
        nothing = [c for c, r in pairs if r.error is None and r.found == 0]
        if not nothing:
            return failed, set()
        probes = await index.multi_search([(c.name, _probe(c)) for c in nothing])
        failed |= {p.collection for p in probes if p.error is not None}
        return failed, {p.collection for p in probes if p.error is None and p.found == 0}

    async def _database_page(
        self, collection: SearchCollection, scope: Scope, asked: ClientQuery
    ) -> FallbackPage:
        """The page from the database, sorted as asked; with a client filter, the first
        `FILTERED_SCAN` matches are filtered (and their facets counted) here: the database
        fallback knows titles, not filters."""
        offset = (asked.page - 1) * asked.per_page
        name, readable, text, sort = collection.name, scope.readable, asked.text, asked.sort_by
        if asked.filter_by is None:
            return await self._fallback.search(
                name, readable, text, asked.per_page, offset, sort=sort, facets=asked.facet_by
            )
        scanned = await self._fallback.search(name, readable, text, FILTERED_SCAN, 0, sort=sort)
        kept = [d for d in scanned.documents if passes(asked.filter_by, d)]
        facets = count_facets(kept, asked.facet_by, FACET_VALUES)
        return FallbackPage(kept[offset : offset + asked.per_page], len(kept), facets)

    async def _fallback_group(
        self, collection: SearchCollection, scope: Scope, text: str, limit: int
    ) -> Results:
        window = max(limit, RANKED_WINDOW // 2)
        found = await self._fallback.search(collection.name, scope.readable, text, window, 0)
        ranked = _ranked_documents(found, collection, ClientQuery(text, 1, limit))
        return answers.fallback_results(ranked, 1, limit, 0, scope.readable)

    async def _holds_nothing(self, index: SearchIndex, collection: SearchCollection) -> bool:
        return (await index.search(collection.name, _probe(collection))).found == 0

    def _engine(self) -> SearchIndex:
        if self._index is None:
            raise SearchUnavailable("this server runs without a search engine")
        return self._index

    async def _scope(self, principal: Principal) -> Scope:
        readable = await self._access.readable_library_ids(principal)
        return Scope(readable, readable_key(readable))

    def _key(self, name: str, scope: Scope, *parts: object) -> str:
        return f"{results_prefix(name)}{scope.key}:{key_hash(*parts)}"

    async def _answer(
        self, key: str, kind: type[B], ttl_s: float, engine: Engine[B], fallback: Engine[B]
    ) -> Answer[B]:
        """The cached answer, or the engine's (then cached), or the fallback's (never cached:
        it leaves the read-through as an exception, which the cache does not store)."""

        async def load() -> Any:
            try:
                answer = await engine()
            except SearchUnavailable:
                answer = await fallback()
            if answer.backend is not Backend.TYPESENSE:
                raise _NotCached(answer)
            return to_cache(answer.body, kind)

        try:
            return Answer(from_cache(await self._cache.get_or_load(key, load, ttl_s), kind))
        except _NotCached as passed:
            return passed.answer


class _NotCached(Exception):
    def __init__(self, answer: Answer[Any]) -> None:
        super().__init__("an answer not to cache")
        self.answer = answer


def _probe(collection: SearchCollection) -> SearchQuery:
    """The cheapest query that tells whether a collection holds any document."""
    return SearchQuery(q="*", query_by=collection.query_by[:1], per_page=1, include_fields=("id",))


def _window(asked: ClientQuery) -> ClientQuery | None:
    """The first `RANKED_WINDOW` hits to rank a best-first page within, or None when the page
    is sorted by the client or lies beyond them."""
    if asked.sort_by or asked.page * asked.per_page > RANKED_WINDOW:
        return None
    return attrs.evolve(asked, page=1, per_page=RANKED_WINDOW)


def _ranked_result(
    result: SearchResult, collection: SearchCollection, text: str, page: int, per_page: int
) -> SearchResult:
    """Page `page` of the result's hits in relevance order."""
    hits = by_relevance(result.hits, text, collection.autocomplete_query_by, _document)
    start = (page - 1) * per_page
    shown = tuple(hits[start : start + per_page])
    return attrs.evolve(result, hits=shown, page=page, per_page=per_page)


def _document(hit: SearchHit) -> Mapping[str, Any]:
    return hit.document


def _ranked_documents(
    found: FallbackPage, collection: SearchCollection, asked: ClientQuery
) -> FallbackPage:
    documents = by_relevance(found.documents, asked.text, collection.autocomplete_query_by, dict)
    start = (asked.page - 1) * asked.per_page
    return attrs.evolve(found, documents=documents[start : start + asked.per_page])
