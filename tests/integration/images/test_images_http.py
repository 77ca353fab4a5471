"""GET /api/v1/images/{type}/{size}/{path} through the real app, against local image hosts."""

from __future__ import annotations

import hashlib

import pytest
from yarl import URL

from revenge_app.config import Config
from revenge_domain.metadata.jobs import DownloadImage
from tests.integration.images.conftest import (
    ImageServer,
    Library,
    image_server,
    images_config,
)
from tests.integration.images.image_host import ImageHost
from tests.unit.images.pictures import opened

API = "/api/v1/images"
IMMUTABLE = "public, max-age=31536000, immutable"


async def test_a_poster_is_resized_with_etag_and_long_caching(
    server: ImageServer, host: ImageHost
) -> None:
    response = await server.client.get(f"{API}/poster/w342//poster.jpg")
    body = await response.read()
    assert response.status == 200
    assert response.content_type == "image/jpeg"
    assert opened(body).size == (342, 513)
    assert response.headers["ETag"] == '"' + hashlib.sha256(body).hexdigest() + '"'
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert host.hits["poster.jpg"] == 1


async def test_the_second_request_is_served_from_disk(server: ImageServer, host: ImageHost) -> None:
    first = await server.client.get(f"{API}/poster/w342/poster.jpg")
    again = await server.client.get(f"{API}/poster/w342/tmdb/poster.jpg")
    other_size = await server.client.get(f"{API}/poster/w185/poster.jpg")
    assert await again.read() == await first.read()
    assert again.headers["ETag"] == first.headers["ETag"]
    assert opened(await other_size.read()).size == (185, 278)
    assert host.hits["poster.jpg"] == 1


async def test_a_current_etag_gets_304(server: ImageServer) -> None:
    first = await server.client.get(f"{API}/poster/w500/poster.jpg")
    etag = first.headers["ETag"]
    for offered in (etag, f"W/{etag}", f'"old", {etag}'):
        response = await server.client.get(
            f"{API}/poster/w500/poster.jpg", headers={"If-None-Match": offered}
        )
        assert response.status == 304
        assert response.headers["ETag"] == etag
        assert response.headers["Cache-Control"] == IMMUTABLE
        assert await response.read() == b""
    stale = await server.client.get(
        f"{API}/poster/w500/poster.jpg", headers={"If-None-Match": '"old"'}
    )
    assert stale.status == 200


@pytest.mark.parametrize(
    ("url", "content_type", "size"),
    [
        ("profile/h632/poster.jpg", "image/jpeg", (421, 632)),
        ("poster/original/poster.jpg", "image/jpeg", (1000, 1500)),
        ("backdrop/w1280/backdrop.png", "image/png", (1280, 720)),
        ("poster/w500/small.jpg", "image/jpeg", (120, 180)),  # never enlarged
    ],
)
async def test_sizes_and_formats(
    server: ImageServer, url: str, content_type: str, size: tuple[int, int]
) -> None:
    response = await server.client.get(f"{API}/{url}")
    assert response.status == 200
    assert response.content_type == content_type
    assert opened(await response.read()).size == size


async def test_a_redirect_on_the_same_host_is_followed(
    server: ImageServer, host: ImageHost
) -> None:
    response = await server.client.get(f"{API}/poster/w185/moved.jpg")
    assert response.status == 200
    assert opened(await response.read()).size == (185, 278)
    assert (host.hits["moved.jpg"], host.hits["poster.jpg"]) == (1, 1)


async def test_a_redirect_to_another_host_is_refused(
    server: ImageServer, host: ImageHost, other_host: ImageHost
) -> None:
    host.redirect_to = f"{other_host.base_url()}/poster.jpg"
    response = await server.client.get(f"{API}/poster/w185/elsewhere.jpg")
    assert response.status == 502
    assert (await response.json())["error"] == "bad_gateway"
    assert other_host.total_hits == 0


async def test_a_redirect_to_the_same_address_by_another_name_is_refused(
    server: ImageServer, host: ImageHost
) -> None:
    host.redirect_to = f"{host.base_url('localhost')}/poster.jpg"
    response = await server.client.get(f"{API}/poster/w185/elsewhere.jpg")
    assert response.status == 502
    assert host.hits["poster.jpg"] == 0


@pytest.mark.parametrize(
    ("name", "status", "error"),
    [
        ("missing.jpg", 404, "image_not_found"),
        ("broken.jpg", 502, "bad_gateway"),
        ("slow.jpg", 502, "bad_gateway"),
        ("huge.jpg", 502, "bad_gateway"),
        ("page.jpg", 502, "bad_gateway"),
    ],
)
async def test_host_failures_are_errors_in_our_body(
    server: ImageServer, name: str, status: int, error: str
) -> None:
    response = await server.client.get(f"{API}/poster/w342/{name}")
    body = await response.json()
    assert (response.status, body["code"], body["error"]) == (status, status, error)
    assert response.headers["Cache-Control"] == "no-store"


async def test_the_host_being_down_is_a_502(config: Config) -> None:
    down = images_config(config, "http://127.0.0.1:9/t/p/original")
    async with image_server(down) as server:
        response = await server.client.get(f"{API}/poster/w342/poster.jpg")
        assert response.status == 502
        # What the connection failed with stays in the log.
        assert (await response.json())["message"] == "the image host could not be reached"


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost"])
async def test_private_addresses_are_refused_unless_allowed(
    config: Config, host: ImageHost, name: str
) -> None:
    public_only = images_config(config, host.base_url(name), allow_private=False)
    async with image_server(public_only) as server:
        response = await server.client.get(f"{API}/poster/w342/poster.jpg")
        assert response.status == 502
        assert "non-public" in (await response.json())["message"]
    assert host.total_hits == 0


async def test_local_artwork_is_served_from_the_library_folder(
    server: ImageServer, library: Library, host: ImageHost
) -> None:
    url = f"{API}/poster/w342/local/{library.id}/Heat (1995)/poster.jpg"
    response = await server.client.get(url)
    assert response.status == 200
    assert opened(await response.read()).size == (342, 513)
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert host.total_hits == 0


async def test_local_artwork_behind_a_link_out_of_the_library_is_not_served(
    server: ImageServer, library: Library
) -> None:
    (library.folder / "Heat (1995)" / "fanart.jpg").symlink_to(library.outside)
    response = await server.client.get(
        f"{API}/backdrop/w300/local/{library.id}/Heat (1995)/fanart.jpg"
    )
    assert response.status == 404


TRAVERSALS = [
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "%2E%2E%2F%2E%2E%2Fsecret.jpg",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "tmdb%2Fposter.jpg",
    "poster.jpg%00.png",
    "..%5C..%5Csecret.jpg",
    "{lib}/..%2Fsecret.jpg",
    "{lib}/%2e%2e/secret.jpg",
    "{lib}/Heat%20(1995)%2Fposter.jpg",
    "{lib}//{outside}",
    "{lib}/%2F{outside}",
    "{lib}/Heat%20(1995)/../../secret.jpg",
    "%252e%252e/secret.jpg",
]


@pytest.mark.parametrize("attempt", TRAVERSALS)
async def test_paths_that_would_leave_the_folders_are_refused(
    server: ImageServer, library: Library, host: ImageHost, attempt: str
) -> None:
    path = attempt.format(lib=f"local/{library.id}", outside=str(library.outside).lstrip("/"))
    response = await server.client.get(URL(f"{API}/poster/w342/{path}", encoded=True))
    assert response.status in (400, 404)
    body = await response.json()
    assert body["code"] == response.status
    assert host.total_hits == 0


@pytest.mark.parametrize(
    ("url", "field"), [("banner/w342/poster.jpg", "type"), ("poster/w9999/poster.jpg", "size")]
)
async def test_unknown_types_and_sizes_are_400(server: ImageServer, url: str, field: str) -> None:
    response = await server.client.get(f"{API}/{url}")
    assert response.status == 400
    assert (await response.json())["details"]["field"] == field


async def test_the_download_job_warms_the_cache_for_clients(
    server: ImageServer, host: ImageHost
) -> None:
    download = server.jobs.get(DownloadImage.kind)
    assert download is not None
    await download(DownloadImage(image_type="poster", path="/poster.jpg"))
    assert host.hits["poster.jpg"] == 1
    for size, width in (("w185", 185), ("w342", 342), ("w500", 500)):
        response = await server.client.get(f"{API}/poster/{size}/poster.jpg")
        assert opened(await response.read()).width == width
    assert host.hits["poster.jpg"] == 1
