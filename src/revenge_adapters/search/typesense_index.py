"""The search index on Typesense 0.24 through the client's `AsyncClient` (httpx, non-blocking).

Each logical collection `movies` is an alias `<prefix>movies` pointing at a physical collection
`<prefix>movies_v<version>_<stamp>`. A rebuild fills a new physical collection while searches
read the old one, then swaps the alias (atomic in Typesense) and drops the older ones. Writes made
while a rebuild runs go to the live collection and to the one being built, so neither misses them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterable, Sequence
from typing import Any, cast

from typesense.exceptions import ObjectNotFound

from revenge_adapters.metrics import SEARCH_ERRORS
from revenge_adapters.search import naming
from revenge_adapters.search.naming import PhysicalName
from revenge_adapters.search.typesense_calls import client, guarded
from revenge_adapters.search.typesense_syntax import (
    collection_body,
    encode_documents,
    parse_import,
    parse_result,
    render_filter,
    search_params,
)
from revenge_domain.search import (
    CollectionSchema,
    Document,
    EnsureResult,
    OneOf,
    RebuildResult,
    SchemaStatus,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    UpsertResult,
)

log = logging.getLogger(__name__)

IMPORT_BATCH = 1000
DELETE_BATCH = 200


class TypesenseSearchIndex:
    """`SearchIndex` on Typesense. Build one per process; `await close()` on shutdown.

    `timeout_s` bounds every search and health check; writes and schema changes (in jobs) may
    take up to `write_timeout_s`. `prefix` is put before every alias and collection name.
    """

    def __init__(
        self,
        url: str,
        api_key: str,
        *,
        prefix: str = "",
        timeout_s: float = 3.0,
        write_timeout_s: float = 10.0,
        import_batch: int = IMPORT_BATCH,
    ) -> None:
        self._prefix = prefix
        self._timeout_s = timeout_s
        self._import_batch = import_batch
        self._reads = client(url, api_key, timeout_s)
        self._writes = client(url, api_key, write_timeout_s)

    async def close(self) -> None:
        await self._reads.api_call.aclose()
        await self._writes.api_call.aclose()

    async def __aenter__(self) -> TypesenseSearchIndex:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- reads ---------------------------------------------------------------------------------

    async def search(self, collection: str, query: SearchQuery) -> SearchResult:
        async with guarded(collection, "search", self._timeout_s):
            documents = self._reads.collections[self._alias(collection)].documents
            body = await documents.search(cast(Any, search_params(query)))
        return parse_result(collection, query, cast(Any, body))

    async def multi_search(self, searches: Sequence[tuple[str, SearchQuery]]) -> list[SearchResult]:
        if not searches:
            return []
        bodies = [{"collection": self._alias(name), **search_params(q)} for name, q in searches]
        async with guarded("multi", "multi_search", self._timeout_s):
            answer = await self._reads.multi_search.perform(cast(Any, {"searches": bodies}))
        results = []
        for (name, query), body in zip(searches, cast(Any, answer["results"]), strict=True):
            if "error" in body:
                SEARCH_ERRORS.labels("multi_search").inc()
                results.append(SearchResult.failed(name, query, str(body["error"])))
            else:
                results.append(parse_result(name, query, cast(Any, body)))
        return results

    async def healthy(self) -> bool:
        try:
            async with asyncio.timeout(self._timeout_s):
                return bool(await self._reads.operations.is_healthy())
        except Exception:  # any failure means "not healthy"
            return False

    # -- writes --------------------------------------------------------------------------------

    async def upsert(self, collection: str, documents: Sequence[Document]) -> UpsertResult:
        if not documents:
            return UpsertResult(0)
        live, *building = await self._write_targets(collection)
        result = UpsertResult(0)
        for start in range(0, len(documents), self._import_batch):
            chunk = documents[start : start + self._import_batch]
            result += await self._import(collection, live, chunk)
            for target in building:
                await self._import(collection, target, chunk)
        return result

    async def delete(self, collection: str, ids: Sequence[str]) -> int:
        if not ids:
            return 0
        live, *building = await self._write_targets(collection)
        deleted = 0
        for start in range(0, len(ids), DELETE_BATCH):
            params = {
                "filter_by": render_filter(OneOf("id", tuple(ids[start : start + DELETE_BATCH])))
            }
            for target in (live, *building):
                async with guarded(collection, "delete"):
                    answer = await self._writes.collections[target].documents.delete(
                        cast(Any, params)
                    )
                if target == live:
                    deleted += int(answer["num_deleted"])
        return deleted

    # -- schema --------------------------------------------------------------------------------

    async def ensure(self, schema: CollectionSchema) -> EnsureResult:
        async with guarded(schema.name, "ensure"):
            target = await self._alias_target(schema.name)
            if target is None or not await self._exists(target):
                fresh = await self._create(schema)
                await self._point_alias(schema.name, fresh)
                return EnsureResult(
                    schema.name, SchemaStatus.CREATED, schema.version, schema.version
                )
        live = naming.parse(self._prefix, schema.name, target)
        live_version = live.version if live else 0
        return EnsureResult(
            schema.name, _status(schema.version, live_version), schema.version, live_version
        )

    async def rebuild(
        self, schema: CollectionSchema, batches: AsyncIterable[Sequence[Document]]
    ) -> RebuildResult:
        async with guarded(schema.name, "rebuild"):
            fresh = await self._create(schema)
        physical = fresh.render(self._prefix)
        try:
            loaded = UpsertResult(0)
            async for batch in batches:
                for start in range(0, len(batch), self._import_batch):
                    chunk = batch[start : start + self._import_batch]
                    loaded += await self._import(schema.name, physical, chunk)
            swapped = await self._swap(schema.name, fresh)
        except BaseException:
            await self._drop_quietly(schema.name, physical)
            raise
        if swapped:
            await self._drop_older(schema.name, fresh)
        log.info(
            "search collection rebuilt",
            extra={
                "fields": {
                    "collection": schema.name,
                    "version": schema.version,
                    "imported": loaded.imported,
                    "failed": loaded.failed,
                    "swapped": swapped,
                }
            },
        )
        return RebuildResult(schema.name, schema.version, loaded.imported, loaded.errors, swapped)

    async def drop_all(self) -> None:
        """Drop every alias and collection under this index's (non-empty) prefix: tests, resets."""
        if not self._prefix:
            raise ValueError("drop_all needs a prefix; it would drop every collection")
        async with guarded("all", "drop"):
            aliases = await self._writes.aliases.retrieve()
            for alias in aliases["aliases"]:
                if alias["name"].startswith(self._prefix):
                    await self._writes.aliases[alias["name"]].delete()
            for collection in await self._writes.collections.retrieve():
                if collection["name"].startswith(self._prefix):
                    await self._writes.collections[collection["name"]].delete()

    # -- helpers -------------------------------------------------------------------------------

    def _alias(self, collection: str) -> str:
        return f"{self._prefix}{collection}"

    async def _import(
        self, collection: str, physical: str, documents: Sequence[Document]
    ) -> UpsertResult:
        lines, ids, errors = encode_documents(documents)
        if not lines:
            return UpsertResult(0, tuple(errors))
        async with guarded(collection, "import"):
            documents_api = self._writes.collections[physical].documents
            answer = await documents_api.import_("\n".join(lines), {"action": "upsert"})
            result = parse_import(answer, ids)
        return UpsertResult(result.imported, (*errors, *result.errors))

    async def _write_targets(self, collection: str) -> list[str]:
        """The live collection first, then any newer ones being built by a running rebuild."""
        async with guarded(collection, "targets"):
            target = await self._alias_target(collection)
            if target is None:
                raise ObjectNotFound(f"no collection {collection}")
            live = naming.parse(self._prefix, collection, target)
            physicals = await self._physicals(collection)
        building = [p for p in physicals if live is not None and p.stamp > live.stamp]
        return [target, *(p.render(self._prefix) for p in building)]

    async def _alias_target(self, collection: str) -> str | None:
        try:
            alias = await self._writes.aliases[self._alias(collection)].retrieve()
        except ObjectNotFound:
            return None
        return str(alias["collection_name"])

    async def _exists(self, physical: str) -> bool:
        try:
            await self._writes.collections[physical].retrieve()
        except ObjectNotFound:
            return False
        return True

    async def _physicals(self, collection: str) -> list[PhysicalName]:
        found = (
            naming.parse(self._prefix, collection, c["name"])
            for c in await self._writes.collections.retrieve()
        )
        return [p for p in found if p is not None]

    async def _create(self, schema: CollectionSchema) -> PhysicalName:
        fresh = naming.fresh(schema.name, schema.version)
        await self._writes.collections.create(
            cast(Any, collection_body(schema, fresh.render(self._prefix)))
        )
        return fresh

    async def _point_alias(self, collection: str, physical: PhysicalName) -> None:
        await self._writes.aliases.upsert(
            self._alias(collection), {"collection_name": physical.render(self._prefix)}
        )

    async def _swap(self, collection: str, fresh: PhysicalName) -> bool:
        """Point the alias at `fresh` unless a newer rebuild already went live."""
        async with guarded(collection, "swap"):
            target = await self._alias_target(collection)
            live = naming.parse(self._prefix, collection, target) if target else None
            if live is not None and live.stamp > fresh.stamp:
                await self._writes.collections[fresh.render(self._prefix)].delete()
                return False
            await self._point_alias(collection, fresh)
        return True

    async def _drop_older(self, collection: str, kept: PhysicalName) -> None:
        try:
            async with guarded(collection, "drop"):
                for physical in await self._physicals(collection):
                    if physical.stamp < kept.stamp:
                        await self._writes.collections[physical.render(self._prefix)].delete()
        except SearchUnavailable:
            pass  # the swap is done; leftovers are dropped by the next rebuild

    async def _drop_quietly(self, collection: str, physical: str) -> None:
        with contextlib.suppress(SearchUnavailable):
            async with guarded(collection, "drop"):
                await self._writes.collections[physical].delete()


def _status(code_version: int, index_version: int) -> SchemaStatus:
    if code_version == index_version:
        return SchemaStatus.CURRENT
    return SchemaStatus.STALE if code_version > index_version else SchemaStatus.AHEAD
