"""`metadata_download_image` warms the cache; jobs that cannot succeed go to dead letters."""

from __future__ import annotations

import pytest
from dependency_injector import providers

from revenge_adapters.jobs.handlers import PermanentFailure
from revenge_app.container import Container
from revenge_app.images.feature import FEATURE as IMAGES
from revenge_domain.images import ImageCache, ImageSourceFailed
from revenge_domain.metadata.jobs import DownloadImage
from tests.unit.images.fakes import FakeFetcher
from tests.unit.images.test_image_cache import make_cache
from tests.unit.whole_app import unit_app


async def run(job: DownloadImage, cache: ImageCache | None) -> None:
    def with_cache(container: Container) -> None:
        container.images.cache.override(providers.Object(cache))

    async with unit_app(override=with_cache, features=[IMAGES]) as (_, features):
        handler = features.jobs.get(DownloadImage.kind)
        assert handler is not None
        await handler(job)


async def test_the_job_stores_the_usual_sizes() -> None:
    cache, fetcher, store = make_cache()
    await run(DownloadImage(image_type="backdrop", path="/abc.jpg", size="w300"), cache)
    assert len(fetcher.fetched) == 1
    for size in ("w300", "w780", "w1280"):
        assert await store.get(f"backdrop/{size}/tmdb/abc.jpg") is not None


async def test_a_job_for_the_original_keeps_it_and_makes_the_usual_sizes_only() -> None:
    cache, _, store = make_cache()
    await run(DownloadImage(image_type="poster", path="abc.jpg"), cache)
    assert await store.get("original/tmdb/abc.jpg") is not None
    assert await store.get("poster/w342/tmdb/abc.jpg") is not None
    assert await store.get("poster/original/tmdb/abc.jpg") is None


@pytest.mark.parametrize(
    "job",
    [
        DownloadImage(image_type="poster", path="../../etc/passwd"),
        DownloadImage(image_type="banner", path="abc.jpg"),
        DownloadImage(image_type="poster", path="missing.jpg"),
    ],
)
async def test_jobs_that_cannot_succeed_fail_for_good(job: DownloadImage) -> None:
    cache, _, _ = make_cache()
    with pytest.raises(PermanentFailure):
        await run(job, cache)


async def test_a_provider_down_is_retried_later() -> None:
    fetcher = FakeFetcher()
    fetcher.down = True
    cache, _, _ = make_cache(fetcher)
    with pytest.raises(ImageSourceFailed):
        await run(DownloadImage(image_type="poster", path="abc.jpg"), cache)


async def test_a_worker_without_the_cache_fails_for_good() -> None:
    with pytest.raises(PermanentFailure):
        await run(DownloadImage(image_type="poster", path="abc.jpg"), None)
