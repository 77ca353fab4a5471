"""Ports: the protocols that adapters implement."""
