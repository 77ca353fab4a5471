"""What a scan cannot read is reported path by path, and the scan still finishes; who may scan."""

from __future__ import annotations

import contextlib
import os
import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

from revenge_adapters.scanning import PgScanRecords
from revenge_domain.scanning.model import ScanCounts
from tests.integration.scanning.api import (
    LIBRARIES,
    library_with_viewer,
    movies_by_title,
    scanned,
    video,
)
from tests.integration.scanning.conftest import ScanServer

NOBODY = 65534


def odd_name(clip: Path, path: bytes) -> None:
    """A copy of the clip under a name that is not UTF-8 (Latin-1 bytes)."""
    with open(path, "wb") as handle:
        handle.write(clip.read_bytes())


@contextlib.contextmanager
def without_root() -> Iterator[None]:
    """Permission bits bind root only when it gives up its effective user for a while."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)


async def test_unreadable_folders_broken_links_and_odd_names_are_reported(
    scan_server: ScanServer, clip: Path, media_root: Path
) -> None:
    server, tag = scan_server.server, f"t{secrets.token_hex(3)}"  # a word, never a number
    video(clip, media_root / f"Fine {tag} (2001)" / f"Fine {tag} (2001).mkv")
    locked = media_root / "Locked"
    video(clip, locked / f"Hidden {tag} (2002).mkv")
    locked.chmod(0)
    (media_root / "broken.mkv").symlink_to(media_root / "nowhere.mkv")
    odd_name(clip, os.fsencode(media_root) + f"/Caf\xe9 {tag} (2003).mkv".encode("latin-1"))
    library, admin, viewer = await library_with_viewer(server, "movie", media_root)

    with without_root():
        scan = await scanned(server, library["id"], admin)

    assert scan["status"] == "completed"
    assert (scan["items_scanned"], scan["error_count"]) == (1, 3)
    assert "3 path(s) could not be read" in scan["error_message"]
    assert set(await movies_by_title(server, viewer)) == {f"Fine {tag}"}
    records = scan_server.scanning.scan_library.records
    assert isinstance(records, PgScanRecords)
    problems = {p.path: p.reason for p in await records.problems(UUID(scan["id"]))}
    assert problems[str(locked)] == "Permission denied"
    assert problems[str(media_root / "broken.mkv")] == "broken symbolic link"
    assert problems[f"{media_root}/Caf\\xe9 {tag} (2003).mkv"] == "file name is not valid UTF-8"


async def test_only_those_who_may_scan_start_scans_and_one_at_a_time(
    scan_server: ScanServer, media_root: Path
) -> None:
    server = scan_server.server
    library, admin, viewer = await library_with_viewer(server, "movie", media_root)
    path = f"{LIBRARIES}/{library['id']}/scan"
    body = {"scan_type": "full"}
    assert (await server.client.post(path, json=body, headers=viewer.headers)).status == 403
    bad = {"scan_type": "everything"}
    assert (await server.client.post(path, json=bad, headers=admin.headers)).status == 400
    unknown = f"{LIBRARIES}/{uuid.uuid4()}/scan"
    assert (await server.client.post(unknown, json=body, headers=admin.headers)).status == 404

    records = scan_server.scanning.scans.records
    pending = await records.create(UUID(library["id"]), "incremental")
    response = await server.client.post(path, json=body, headers=admin.headers)
    assert response.status == 409
    await records.finish(pending.id, ScanCounts(), None)
    assert (await server.client.post(path, json=body, headers=admin.headers)).status == 202
