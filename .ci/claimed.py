"""Print the Python versions pyproject.toml's classifiers claim, one per line, oldest first."""

from __future__ import annotations

import re
import sys
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_CLASSIFIER = re.compile(r'^\s*"Programming Language :: Python :: (3\.\d+)",?\s*$', re.MULTILINE)


def claimed() -> list[str]:
    """Return the ``3.N`` versions the classifiers list, sorted by version."""
    found = set(_CLASSIFIER.findall(PYPROJECT.read_text(encoding="utf-8")))
    return sorted(found, key=lambda v: tuple(map(int, v.split("."))))


if __name__ == "__main__":
    print(*claimed(), sep="\n")
    sys.exit(0)
