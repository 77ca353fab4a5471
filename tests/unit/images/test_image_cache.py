"""Serving artwork through the cache: a miss fetches, resizes and stores; a hit fetches nothing."""

from __future__ import annotations

import asyncio
import hashlib
import uuid

import pytest

from revenge_domain.errors import InvalidInput
from revenge_domain.images import (
    WARMED_SIZES,
    ImageCache,
    ImageNotFound,
    ImageSize,
    ImageSourceFailed,
    ImageType,
    InvalidImagePath,
)
from revenge_domain.libraries import LibrarySettings, LibraryType
from tests.unit.fakes.libraries import InMemoryLibraryStore
from tests.unit.images.fakes import FakeArtwork, FakeFetcher, FakeResizer, MemoryImageStore

POSTER, W342 = ImageType.POSTER, ImageSize.W342


def make_cache(
    fetcher: FakeFetcher | None = None,
    artwork: FakeArtwork | None = None,
    libraries: InMemoryLibraryStore | None = None,
) -> tuple[ImageCache, FakeFetcher, MemoryImageStore]:
    fetcher = fetcher or FakeFetcher({("tmdb", "abc.jpg"): b"matrix"})
    store = MemoryImageStore()
    cache = ImageCache(
        store=store,
        fetcher=fetcher,
        artwork=artwork or FakeArtwork(),
        resizer=FakeResizer(),
        libraries=libraries or InMemoryLibraryStore(),
    )
    return cache, fetcher, store


async def test_a_miss_fetches_resizes_and_serves_with_a_content_etag() -> None:
    cache, fetcher, _ = make_cache()
    image = await cache.serve(POSTER, W342, "/abc.jpg")
    assert image.content == b"matrix@w342"
    assert image.content_type == "image/jpeg"
    assert image.etag == '"' + hashlib.sha256(b"matrix@w342").hexdigest() + '"'
    assert len(fetcher.fetched) == 1


async def test_a_second_request_is_served_from_the_store() -> None:
    cache, fetcher, _ = make_cache()
    first = await cache.serve(POSTER, W342, "/abc.jpg")
    again = await cache.serve(POSTER, W342, "tmdb/abc.jpg")  # the same file, named otherwise
    assert again == first
    assert len(fetcher.fetched) == 1


async def test_other_sizes_are_made_from_the_kept_original() -> None:
    cache, fetcher, _ = make_cache()
    await cache.serve(POSTER, W342, "abc.jpg")
    small = await cache.serve(POSTER, ImageSize.W185, "abc.jpg")
    assert small.content == b"matrix@w185"
    assert len(fetcher.fetched) == 1


async def test_concurrent_misses_fetch_once() -> None:
    cache, fetcher, _ = make_cache()
    fetcher.delay_s = 0.01
    served = await asyncio.gather(*(cache.serve(POSTER, W342, "abc.jpg") for _ in range(5)))
    assert {image.etag for image in served} == {served[0].etag}
    assert len(fetcher.fetched) == 1


async def test_a_file_the_provider_lacks_is_not_found_and_not_stored() -> None:
    cache, _, store = make_cache()
    with pytest.raises(ImageNotFound):
        await cache.serve(POSTER, W342, "missing.jpg")
    assert store.entries == {}


async def test_a_provider_down_fails_the_source_and_the_next_request_tries_again() -> None:
    fetcher = FakeFetcher({("tmdb", "abc.jpg"): b"matrix"})
    fetcher.down = True
    cache, _, _ = make_cache(fetcher)
    with pytest.raises(ImageSourceFailed):
        await cache.serve(POSTER, W342, "abc.jpg")
    fetcher.down = False
    assert (await cache.serve(POSTER, W342, "abc.jpg")).content == b"matrix@w342"


async def test_an_original_that_is_no_image_fails_the_source() -> None:
    cache, _, _ = make_cache(FakeFetcher({("tmdb", "x.jpg"): b"not an image"}))
    with pytest.raises(ImageSourceFailed):
        await cache.serve(POSTER, W342, "x.jpg")


async def test_a_bad_path_is_refused_before_anything_is_fetched() -> None:
    cache, fetcher, _ = make_cache()
    with pytest.raises(InvalidImagePath):
        await cache.serve(POSTER, W342, "../../etc/passwd")
    assert fetcher.fetched == []


async def library_with(store: InMemoryLibraryStore, *folders: str) -> uuid.UUID:
    settings = LibrarySettings(name="Movies", type=LibraryType.MOVIE, paths=folders)
    return (await store.add(settings)).id


async def test_local_artwork_comes_from_the_first_library_folder_that_has_it() -> None:
    libraries = InMemoryLibraryStore()
    artwork = FakeArtwork({("/media/b", "Heat (1995)/poster.jpg"): b"heat"})
    cache, fetcher, _ = make_cache(artwork=artwork, libraries=libraries)
    library_id = await library_with(libraries, "/media/a", "/media/b")
    image = await cache.serve(POSTER, W342, f"local/{library_id}/Heat (1995)/poster.jpg")
    assert image.content == b"heat@w342"
    assert fetcher.fetched == []


async def test_replaced_local_artwork_is_served_anew() -> None:
    libraries = InMemoryLibraryStore()
    artwork = FakeArtwork({("/media", "Heat/poster.jpg"): b"old"})
    cache, _, _ = make_cache(artwork=artwork, libraries=libraries)
    path = f"local/{await library_with(libraries, '/media')}/Heat/poster.jpg"
    assert (await cache.serve(POSTER, W342, path)).content == b"old@w342"
    assert (await cache.serve(POSTER, W342, path)).content == b"old@w342"
    assert artwork.reads == 1
    artwork.files[("/media", "Heat/poster.jpg")] = b"new"
    assert (await cache.serve(POSTER, W342, path)).content == b"new@w342"


async def test_local_artwork_of_an_unknown_library_is_not_found() -> None:
    cache, _, _ = make_cache()
    with pytest.raises(ImageNotFound):
        await cache.serve(POSTER, W342, f"local/{uuid.uuid4()}/poster.jpg")


async def test_warming_makes_the_usual_sizes_of_the_type_and_the_asked_one() -> None:
    cache, fetcher, store = make_cache()
    await cache.warm("poster", "/abc.jpg", ["w780"])
    for size in (*WARMED_SIZES[POSTER], ImageSize.W780):
        assert await store.get(f"poster/{size.value}/tmdb/abc.jpg") is not None
    assert await store.get("original/tmdb/abc.jpg") is not None
    assert len(fetcher.fetched) == 1


async def test_warming_a_still_sizes_it_like_a_backdrop() -> None:
    cache, _, store = make_cache()
    await cache.warm("still", "abc.jpg")
    assert await store.get("backdrop/w780/tmdb/abc.jpg") is not None


async def test_warming_an_empty_path_does_nothing() -> None:
    cache, fetcher, store = make_cache()
    await cache.warm("poster", "")
    assert fetcher.fetched == []
    assert store.entries == {}


@pytest.mark.parametrize(("kind", "sizes"), [("banner", ()), ("poster", ("w9999",))])
async def test_warming_refuses_unknown_types_and_sizes(kind: str, sizes: tuple[str, ...]) -> None:
    cache, _, _ = make_cache()
    with pytest.raises(InvalidInput):
        await cache.warm(kind, "abc.jpg", sizes)
