"""The passwords nobody may choose: the most common ones, shipped beside this module
(`common_passwords.txt.gz`, made by scripts/common_passwords.py; its header names the source)."""

from __future__ import annotations

import functools
import gzip
from importlib import resources


@functools.cache
def common_passwords() -> frozenset[str]:
    data = resources.files(__package__).joinpath("common_passwords.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode().splitlines()
    return frozenset(line for line in lines if line and not line.startswith("# "))


def is_common(password: str) -> bool:
    """True for a listed password, in any letter case and with surrounding spaces."""
    return password.strip().casefold() in common_passwords()
