"""The outbound policy's reading of a URL before any name is resolved."""

from __future__ import annotations

import pytest

from revenge_adapters.outbound import OutboundPolicy, PublicOnlyResolver, RefusedDestination
from tests.unit.outbound.test_addresses import FixedResolver

STRICT = OutboundPolicy()
HOME = OutboundPolicy(allow_http=True, allow_private_addresses=True)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",  # loopback
        "127.8.9.10",
        "[::1]",
        "localhost",
        "db.localhost",
        "10.0.0.5",  # private
        "172.16.3.4",
        "192.168.1.20",
        "[fd00::1]",
        "169.254.169.254",  # link-local, cloud metadata
        "[fe80::1]",
        "100.64.0.1",  # shared address space
        "0.0.0.0",  # unspecified
        "[::]",
        "224.0.0.1",  # multicast
        "255.255.255.255",  # broadcast
        "192.0.2.1",  # documentation
        "198.18.0.1",  # benchmarking
        "[::ffff:127.0.0.1]",  # IPv4-mapped loopback
        "2130706433",  # 127.0.0.1 written as one number
    ],
)
def test_special_addresses_are_refused_unless_allowed(host: str) -> None:
    url = f"https://{host}:5432/.well-known/openid-configuration"
    reason = STRICT.refusal(url)
    assert reason is not None
    assert "non-public" in reason
    assert HOME.refusal(url) is None


@pytest.mark.parametrize("url", ["https://idp.example.com", "https://93.184.216.34/x"])
def test_public_https_urls_pass(url: str) -> None:
    assert STRICT.refusal(url) is None


def test_plain_http_needs_the_switch() -> None:
    assert STRICT.refusal("http://idp.example.com") == "the URL must use https"
    assert OutboundPolicy(allow_http=True).refusal("http://idp.example.com") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://idp.example.com/\x00",
        "https://idp.example.com/a b",
        "https://idp.example.com\r\nHost: other",
        "ftp://idp.example.com",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_FLUSHALL",
        "https://",
        "not a url",
    ],
)
def test_malformed_urls_and_other_schemes_are_refused(url: str) -> None:
    assert HOME.refusal(url) is not None
    with pytest.raises(RefusedDestination):
        HOME.check(url)


def test_named_hosts_alone_may_be_private() -> None:
    policy = OutboundPolicy(
        allow_http=True, allowed_hosts=frozenset({"Radarr.LAN", "192.168.1.20"})
    )
    assert policy.refusal("http://radarr.lan:7878") is None
    assert policy.refusal("http://192.168.1.20:8989") is None
    assert policy.refusal("http://192.168.1.21:8989") is not None
    assert policy.refusal("http://127.0.0.1:7878") is not None


async def test_the_resolver_lets_named_hosts_resolve_to_private_addresses() -> None:
    resolver = PublicOnlyResolver(FixedResolver("192.168.1.20"), frozenset({"radarr.lan"}))
    [result] = await resolver.resolve("radarr.lan", 7878)
    assert result["host"] == "192.168.1.20"
    with pytest.raises(RefusedDestination):
        await resolver.resolve("sonarr.lan", 8989)
