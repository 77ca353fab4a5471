"""The client's address: the peer's, or, when the peer is a trusted proxy, the last address in
`X-Forwarded-For` that is not one of the trusted proxies."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from aiohttp import web
from aiohttp.typedefs import Handler

from revenge_app.http.state import CONFIG

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(proxies: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def client_address(peer: str, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    if not forwarded_for or not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_address(hop):
            return peer  # a forged or garbled header: keep what the connection says
        if not _is_trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


@web.middleware
async def forwarded_for_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Requests through a trusted proxy carry the client's address as `request.remote`."""
    trusted = trusted_networks(request.app[CONFIG].server.trusted_proxies)
    if trusted and request.remote:
        forwarded = request.headers.get("X-Forwarded-For")
        address = client_address(request.remote, forwarded, trusted)
        if address != request.remote:
            request = request.clone(remote=address)
    return await handler(request)
