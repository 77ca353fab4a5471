"""Writes domain/src/revenge_domain/identity/common_passwords.txt.gz, the passwords sign-up and
password changes refuse.

Source: the list of the 20,000 most common passwords (by Royce Williams, in order of frequency)
that Django ships as django/contrib/auth/common-passwords.txt.gz (BSD-3-Clause, Django Software
Foundation). Get the wheel from PyPI (`pip download django==5.2.17 --no-deps`) and run:

    .venv/bin/python scripts/common_passwords.py django-5.2.17-py3-none-any.whl

Only the entries of at least 8 characters are kept: shorter ones are refused by length anyway.
"""

from __future__ import annotations

import gzip
import sys
import zipfile
from pathlib import Path

MEMBER = "django/contrib/auth/common-passwords.txt.gz"
TARGET = (
    Path(__file__).resolve().parents[1]
    / "domain/src/revenge_domain/identity/common_passwords.txt.gz"
)
MIN_LENGTH = 8
HEADER = """\
# The most common passwords of at least 8 characters, most common first.
# From Django's django/contrib/auth/common-passwords.txt.gz (list by Royce Williams),
# BSD-3-Clause, Copyright (c) Django Software Foundation and individual contributors.
# Regenerate with scripts/common_passwords.py.
"""


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        words = gzip.decompress(archive.read(MEMBER)).decode().split()
    kept = [word for word in words if len(word) >= MIN_LENGTH]
    text = HEADER + "\n".join(kept) + "\n"
    TARGET.write_bytes(gzip.compress(text.encode(), compresslevel=9, mtime=0))
    print(f"{len(kept)} passwords written to {TARGET}")


if __name__ == "__main__":
    main(sys.argv[1])
