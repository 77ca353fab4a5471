"""The `FolderCheck` port on this machine's file system."""

from __future__ import annotations

import os


class LocalFolders:
    """A library folder must be an absolute path to a directory this process can read."""

    def problem_with(self, path: str) -> str | None:
        if not os.path.isabs(path):
            return "not an absolute path"
        if not os.path.isdir(path):
            return "not an existing directory"
        if not os.access(path, os.R_OK | os.X_OK):
            return "not readable by the server"
        return None
