"""What the HTTP integration tests share: the client type, a password, cheap Argon2 settings."""

from __future__ import annotations

import argon2
from aiohttp import web
from aiohttp.test_utils import TestClient

from revenge_adapters.outbound import OutboundPolicy
from revenge_app.config import OutboundConfig

Client = TestClient[web.Request, web.Application]
PASSWORD = "correct horse battery"
# The local servers tests start are on loopback and speak plain http.
LOOPBACK = OutboundConfig(allow_http=True, allow_private_addresses=True)
LOOPBACK_POLICY = OutboundPolicy(allow_http=True, allow_private_addresses=True)
# The real algorithm at the smallest cost, so that sign-ups in tests take milliseconds.
CHEAP = argon2.Parameters(
    type=argon2.Type.ID,
    version=19,
    salt_len=16,
    hash_len=32,
    time_cost=1,
    memory_cost=8,
    parallelism=1,
)
