"""A scan's answer leaves out what is not known yet: the contract has strings there, not null."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from revenge_app.http.answers import unstructured
from revenge_domain.libraries.model import LibraryScan

CREATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_a_pending_scan_has_no_error_message_and_no_times() -> None:
    scan = LibraryScan(uuid.uuid4(), uuid.uuid4(), "full", "pending", CREATED)
    view = unstructured(scan)
    assert {"error_message", "started_at", "completed_at"}.isdisjoint(view)
    assert view["created_at"] == CREATED.isoformat()
    assert view["items_scanned"] == 0


def test_a_failed_scan_has_its_message_and_times() -> None:
    scan = LibraryScan(
        uuid.uuid4(),
        uuid.uuid4(),
        "full",
        "failed",
        CREATED,
        error_message="folder gone",
        started_at=CREATED,
        completed_at=CREATED,
    )
    view = unstructured(scan)
    assert (view["error_message"], view["started_at"], view["completed_at"]) == (
        "folder gone",
        CREATED.isoformat(),
        CREATED.isoformat(),
    )
