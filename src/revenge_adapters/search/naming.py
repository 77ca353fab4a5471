"""Physical collection names: `<prefix><name>_v<version>_<stamp>` behind the alias `<prefix><name>`.

The stamp (microseconds since the epoch) orders rebuilds of the same version.
"""

from __future__ import annotations

import re
import time

import attrs


@attrs.frozen
class PhysicalName:
    name: str
    version: int
    stamp: int

    def render(self, prefix: str) -> str:
        return f"{prefix}{self.name}_v{self.version}_{self.stamp}"


_last_stamp = 0


def fresh(name: str, version: int) -> PhysicalName:
    """A new name, its stamp later than any made before in this process."""
    global _last_stamp
    _last_stamp = max(time.time_ns() // 1000, _last_stamp + 1)
    return PhysicalName(name, version, _last_stamp)


def parse(prefix: str, name: str, physical: str) -> PhysicalName | None:
    """The parts of `physical` when it belongs to logical collection `name`, else None."""
    match = re.fullmatch(rf"{re.escape(prefix + name)}_v(\d+)_(\d+)", physical)
    return PhysicalName(name, int(match[1]), int(match[2])) if match else None
