"""Revenge's domain: entities, value objects, ports and use cases. Pure Python, no I/O."""
