"""Print every CPython from 3.10 up on this machine, one per minor version, oldest first.

Looks on ``PATH`` (``python3.10``, ``python3.11``, ...) and in pyenv's
versions folder (``$PYENV_ROOT``, else ``~/.pyenv``). Each line is
``<major>.<minor> <path>``. ``.ci/run`` runs the test suite on each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

OLDEST = (3, 10)
_PROBE = "import sys; print(sys.implementation.name, *sys.version_info[:2])"


def _candidates() -> list[Path]:
    found: list[Path] = []
    for minor in range(OLDEST[1], 40):
        path = shutil.which(f"python3.{minor}")
        if path:
            found.append(Path(path))
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    if root.is_dir():
        found.extend(sorted(root.glob("*/bin/python3")))
    return found


def pythons() -> dict[tuple[int, int], Path]:
    """Return the first working CPython found for each minor version from 3.10 up."""
    chosen: dict[tuple[int, int], Path] = {}
    for path in _candidates():
        try:
            out = subprocess.run(
                [str(path), "-c", _PROBE], capture_output=True, text=True, check=True, timeout=30
            ).stdout.split()
        except (OSError, subprocess.SubprocessError):
            continue  # a broken shim or a half-installed version: not an interpreter we have
        if len(out) != len(("name", "major", "minor")) or out[0] != "cpython":
            continue
        version = (int(out[1]), int(out[2]))
        if version >= OLDEST:
            chosen.setdefault(version, path)
    return dict(sorted(chosen.items()))


def main() -> int:
    """Print the interpreters found."""
    for (major, minor), path in pythons().items():
        print(f"{major}.{minor} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
