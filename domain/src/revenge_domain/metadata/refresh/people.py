"""Refreshing one person (biography, dates, profile picture) from the provider (TMDb)."""

from __future__ import annotations

import attrs

from revenge_domain.metadata.jobs import RefreshPersonMetadata
from revenge_domain.metadata.ports import PersonProvider
from revenge_domain.metadata.refresh.context import RefreshContext, settled
from revenge_domain.metadata.refresh.convert import comparable_title, person_details
from revenge_domain.metadata.refresh.model import PersonTarget
from revenge_domain.metadata.refresh.ports import PersonMetadataStore
from revenge_domain.ports.catalog_changes import Entity


@attrs.frozen
class RefreshPerson:
    store: PersonMetadataStore
    context: RefreshContext
    provider: PersonProvider | None = None  # None: not configured, nothing to do

    async def __call__(self, job: RefreshPersonMetadata) -> None:
        if self.provider is not None:
            await settled(self._refresh(job, self.provider))

    async def _refresh(self, job: RefreshPersonMetadata, provider: PersonProvider) -> None:
        if await self.context.is_fresh(job, job.person_id):
            return
        target = await self.store.person(job.person_id)
        if target is None:
            return
        languages = self.context.languages_for(job.languages)
        provider_id = await self._provider_id(provider, target, languages[0])
        if provider_id is None:
            await self.context.not_found(job, target.id, f"no match for {target.name!r}")
            return
        versions = await self.context.versions(
            job,
            target.id,
            languages,
            lambda language: provider.person(provider_id, language),
            f"no person {provider_id}",
        )
        if versions is None:
            return
        written = await self.store.write_person(target.id, person_details(versions))
        await self.context.refreshed(job, Entity.PERSON, target.id, written)

    async def _provider_id(
        self, provider: PersonProvider, target: PersonTarget, language: str
    ) -> str | None:
        """The stored id, else the first search result with exactly this name."""
        if target.tmdb_id is not None:
            return str(target.tmdb_id)
        found = await provider.search_people(target.name, language)
        wanted = comparable_title(target.name)
        match = next((r for r in found.results if comparable_title(r.name) == wanted), None)
        return match.id if match is not None else None
