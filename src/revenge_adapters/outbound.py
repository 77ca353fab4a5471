"""Requests the server makes to URLs an operator or admin configured (OIDC issuers, Radarr and
Sonarr, metadata providers, image hosts), and the rule they all follow.

Unless the policy allows it, a destination must be https and must resolve to public addresses
only. Every request is checked, redirects included (a client middleware runs on each hop), and the
connection itself goes through a resolver that checks the answer again, so a name that changes its
answer between a check and the connect is refused too.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import aiohttp
import attrs
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.client_middlewares import ClientHandlerType
from aiohttp.resolver import DefaultResolver
from yarl import URL


class RefusedDestination(aiohttp.ClientConnectionError):
    """The URL is not one the server may fetch: plain http, a special address, or malformed."""


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class PublicOnlyResolver(AbstractResolver):
    """Resolves names like its inner resolver, and refuses any answer that is not public (but
    for the names in `allowed_hosts`)."""

    def __init__(
        self, inner: AbstractResolver | None = None, allowed_hosts: frozenset[str] = frozenset()
    ) -> None:
        self._inner = inner or DefaultResolver()
        self._allowed = allowed_hosts

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if host.lower() in self._allowed:
            return results
        if not results or not all(is_public(result["host"]) for result in results):
            raise RefusedDestination(f"{host} resolves to a non-public address")
        return results

    async def close(self) -> None:
        await self._inner.close()


def _lowered(hosts: Iterable[str]) -> frozenset[str]:
    return frozenset(host.lower().strip("[]") for host in hosts)


@attrs.frozen
class OutboundPolicy:
    """Which destinations may be fetched. The switches are for a home network: plain http to a
    service without TLS, loopback or private addresses, or only the hosts named (a name or an
    address literal, e.g. `radarr.lan` or `192.168.1.20`)."""

    allow_http: bool = False
    allow_private_addresses: bool = False
    allowed_hosts: frozenset[str] = attrs.field(default=frozenset(), converter=_lowered)

    def refusal(self, url: str | URL) -> str | None:
        """Why `url` may not be fetched, as far as can be told without resolving its name."""
        text = str(url)
        if any(ord(c) < 0x21 or ord(c) == 0x7F for c in text):
            return "the URL contains spaces or control characters"
        try:
            parsed = url if isinstance(url, URL) else URL(text)
        except ValueError:
            return "the URL is malformed"
        if not parsed.host:
            return "the URL has no host"
        if self._guarded(parsed.host) and _is_special(parsed.host):
            return f"{parsed.host} is a non-public address"
        schemes = ("https", "http") if self.allow_http else ("https",)
        if parsed.scheme not in schemes:
            return f"the URL must use {' or '.join(schemes)}"
        return None

    def _guarded(self, host: str) -> bool:
        return (
            not self.allow_private_addresses and host.lower().strip("[]") not in self.allowed_hosts
        )

    def check(self, url: str | URL) -> None:
        reason = self.refusal(url)
        if reason is not None:
            raise RefusedDestination(reason)

    async def middleware(self, request: aiohttp.ClientRequest, handler: ClientHandlerType) -> Any:
        self.check(request.url)
        return await handler(request)

    def session(self, **options: Any) -> aiohttp.ClientSession:
        """A client session whose every request and connection follows this policy."""
        resolver = (
            None
            if self.allow_private_addresses
            else PublicOnlyResolver(allowed_hosts=self.allowed_hosts)
        )
        connector = aiohttp.TCPConnector(resolver=resolver, limit_per_host=8)
        return aiohttp.ClientSession(connector=connector, middlewares=(self.middleware,), **options)


def _is_special(host: str) -> bool:
    """True for an address literal that is not public, and for names that always are local."""
    if host.lower().rstrip(".") in ("localhost",) or host.lower().endswith(".localhost"):
        return True
    try:
        return not is_public(host.strip("[]"))
    except ValueError:
        pass
    try:  # the old short forms resolvers still read: 2130706433, 127.1, 0x7f.0.0.1
        return not is_public(socket.inet_ntoa(socket.inet_aton(host)))
    except OSError:  # a name: the resolver decides
        return False
