"""The two-level cache (in-process L1, Redis L2) behind the `Cache` port."""

from revenge_adapters.cache.client import redis_client
from revenge_adapters.cache.local import LocalCache
from revenge_adapters.cache.two_level import TwoLevelCache

__all__ = ["LocalCache", "TwoLevelCache", "redis_client"]
