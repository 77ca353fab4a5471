"""Whose address a request is counted by: `X-Forwarded-For` counts only from a trusted proxy."""

from __future__ import annotations

import pytest

from revenge_app.http.client_address import client_address, trusted_networks

PROXIES = trusted_networks(["10.0.0.0/8", "::1"])


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),  # not a proxy: the header is ignored
        ("10.0.0.2", None, "10.0.0.2"),
        ("10.0.0.2", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # the client chose 1.2.3.4
        ("10.0.0.2", "198.51.100.1, 10.0.0.7", "198.51.100.1"),  # two proxies
        ("::1", "2001:db8::5", "2001:db8::5"),
        ("10.0.0.2", "10.0.0.3, 10.0.0.4", "10.0.0.3"),  # proxies all the way
        ("10.0.0.2", "198.51.100.1, not-an-address", "10.0.0.2"),
        ("10.0.0.2", " , ", "10.0.0.2"),
    ],
)
def test_the_client_address(peer: str, forwarded: str | None, client: str) -> None:
    assert client_address(peer, forwarded, PROXIES) == client
