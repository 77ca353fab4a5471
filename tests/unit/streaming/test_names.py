"""Every name in a stream path is matched whole against a fixed pattern."""

import pytest

from revenge_domain.streaming import StreamNotFound, names

HOSTILE = [
    "..", "..%5C", "..\\seg-1.m4s", "%2e%2e%2f", "%252e%252e%252f", "seg-1.m4s/..", "",
    "seg-1.m4s\x00", "seg--1.m4s", "seg-1.m4s.mp4", "../init.mp4", "/etc/passwd",
]  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_not_found(name: str) -> None:
    for check in (names.profile_name, names.track_number, names.subtitle_number):
        with pytest.raises(StreamNotFound):
            check(name)
    with pytest.raises(StreamNotFound):
        names.segment_number(name)


def test_well_formed_names_are_read() -> None:
    assert names.segment_number("seg-12.m4s") == 12
    assert names.segment_number("init.mp4") is None
    assert names.profile_name("720p") == "720p"
    assert names.profile_name("original") == "original"
    assert names.track_number("3") == 3
    assert names.subtitle_number("0.vtt") == 0
