"""`metadata_download_image`: fills the disk image cache before clients ask."""

from __future__ import annotations

from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_domain.errors import InvalidInput
from revenge_domain.images import ImageCache, ImageNotFound
from revenge_domain.metadata.jobs import DownloadImage


def register_image_jobs(handlers: JobHandlers, cache: ImageCache | None) -> None:
    async def download(job: DownloadImage) -> None:
        if cache is None:
            raise PermanentFailure("this worker has no image cache")
        try:
            # The fetched original is always kept; `original` asks for no extra size.
            extra = () if job.size == "original" else (job.size,)
            await cache.warm(job.image_type, job.path, extra)
        except (InvalidInput, ImageNotFound) as exc:
            # A bad path or a file the provider does not have: trying again cannot help.
            raise PermanentFailure(exc.message) from exc

    handlers.register(DownloadImage, download)
