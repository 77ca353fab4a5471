"""The outbound policy every configured URL is fetched under, from the settings."""

from __future__ import annotations

import attrs

from revenge_adapters.outbound import OutboundPolicy
from revenge_app.config import Config


def outbound_policy(config: Config) -> OutboundPolicy:
    outbound = config.outbound
    return OutboundPolicy(
        outbound.allow_http, outbound.allow_private_addresses, frozenset(outbound.allowed_hosts)
    )


def image_policy(config: Config) -> OutboundPolicy:
    """`images.allow_private_addresses` opens the image hosts alone to a home network (a local
    mirror, plain http included)."""
    home = config.images.allow_private_addresses
    policy = outbound_policy(config)
    return attrs.evolve(
        policy,
        allow_http=policy.allow_http or home,
        allow_private_addresses=policy.allow_private_addresses or home,
    )
