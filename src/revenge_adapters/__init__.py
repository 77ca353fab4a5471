"""Adapters: implementations of the domain's ports over real services."""
