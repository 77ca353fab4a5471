"""After seeding: the search collections rebuilt from what was written, so search finds the
seeded catalogue at once (no reindex to ask for)."""

from __future__ import annotations

from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.search.documents import PgSearchDocuments
from revenge_app.cli.migrate import Progress
from revenge_domain.ports.search import SearchIndex
from revenge_domain.search.errors import SearchUnavailable
from revenge_domain.search.reindexing import EVERY_COLLECTION, rebuild


async def index_seeded(url: str, index: SearchIndex, progress: Progress | None = None) -> int:
    """Rebuild every collection from the database at `url`, one step of `progress` each;
    returns the documents indexed. Raises SearchUnavailable when the engine cannot be reached."""
    progress = progress or Progress(len(EVERY_COLLECTION))
    engine = create_engine(url, pool_size=2)
    documents = PgSearchDocuments(create_session_factory(engine))
    indexed = 0
    try:
        for name in EVERY_COLLECTION:
            (result,) = await rebuild(index, documents, [name])
            if result.errors:
                raise SearchUnavailable(f"search: {name}: {result.errors[0].message}")
            indexed += result.imported
            progress.advance(f"search {name}: {result.imported:,} documents")
    finally:
        await engine.dispose()
    return indexed
