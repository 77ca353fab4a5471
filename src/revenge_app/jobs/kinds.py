"""Find every job kind defined in the code, by importing every module of our packages."""

from __future__ import annotations

import importlib
import pkgutil

from revenge_domain.jobs import JOB_TYPES, Job

PACKAGES = ("revenge_domain", "revenge_app")


def defined_job_types(packages: tuple[str, ...] = PACKAGES) -> dict[str, type[Job]]:
    """Kind -> class for every job class defined under `packages` (imports them all)."""
    for name in packages:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            if not module.name.endswith("__main__"):
                importlib.import_module(module.name)
    return {
        kind: job_type
        for kind, job_type in sorted(JOB_TYPES.all().items())
        if job_type.__module__.split(".", 1)[0] in packages
    }
