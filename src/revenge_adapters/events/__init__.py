"""The event bus behind the `EventBus` port: Redis pub/sub, with local fan-out."""

from revenge_adapters.events.redis_bus import RedisEventBus
from revenge_adapters.events.subscribers import LocalSubscription, Subscribers

__all__ = ["LocalSubscription", "RedisEventBus", "Subscribers"]
