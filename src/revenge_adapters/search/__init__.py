"""Search index adapters."""

from revenge_adapters.search.typesense_index import TypesenseSearchIndex

__all__ = ["TypesenseSearchIndex"]
