"""The package's own files, read through importlib resources.

Every reader of bundled data goes through :func:`data_root`, so the package
works the same from a wheel, a zip file or an editable install. On Python
3.12 and newer the standard library's ``importlib.resources`` has the
current ``files()`` API; older Pythons use the ``importlib_resources``
backport (version 6 or newer), which carries the same API and its fixes.
The import happens on first use, so ``import integrated_care_corpus`` does
not pay for it.
"""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # re-exported ("as") for the modules that take a Traversable
    if sys.version_info >= (3, 12):
        from importlib.resources.abc import Traversable as Traversable  # noqa: PLC0414
    else:
        from importlib_resources.abc import Traversable as Traversable  # noqa: PLC0414

__all__ = ["data_root", "package_root"]


@functools.cache
def package_root() -> Traversable:
    """Return the installed package's folder as a :class:`Traversable`."""
    if sys.version_info >= (3, 12):
        from importlib.resources import files  # noqa: PLC0415 - on first use only
    else:
        from importlib_resources import files  # noqa: PLC0415 - on first use only
    return files("integrated_care_corpus")


def data_root() -> Traversable:
    """Return the folder of bundled corpus versions and their lock file."""
    return package_root().joinpath("data")
