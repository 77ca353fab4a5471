"""Which image paths a refresh write warms: new provider paths, never over local artwork."""

from __future__ import annotations

from revenge_adapters.catalog_writes import new_images
from revenge_domain.metadata.refresh.model import ImageRef

LOCAL = "local/8c1c5a4e-0000-4000-8000-000000000001/Heat (1995)/poster.jpg"


def test_new_provider_paths_are_warmed_and_unchanged_ones_are_not() -> None:
    before = {"poster_path": "/old.jpg", "backdrop_path": "/same.jpg"}
    after = {"poster_path": "/new.jpg", "backdrop_path": "/same.jpg"}

    assert new_images(before, after) == (ImageRef("poster", "/new.jpg"),)


def test_a_provider_path_is_not_warmed_where_local_artwork_stays() -> None:
    before = {"poster_path": LOCAL, "backdrop_path": None}
    after = {"poster_path": "/provider.jpg", "backdrop_path": "/backdrop.jpg"}

    assert new_images(before, after) == (ImageRef("backdrop", "/backdrop.jpg"),)
