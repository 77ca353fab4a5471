"""`shared.people`: the people credits point at, written by metadata refreshes."""

from revenge_adapters.people.store import PgPersonMetadataStore
from revenge_adapters.people.writes import PeopleWritten, upsert_people

__all__ = ["PeopleWritten", "PgPersonMetadataStore", "upsert_people"]
