"""The package's own files, read through importlib resources.

Every reader of bundled data goes through :func:`data_root`, so the package
works the same from a wheel, a zip file or an editable install. On Python
3.12 and newer the standard library's ``importlib.resources`` has the
current ``files()`` API; older Pythons use the ``importlib_resources``
backport (version 6 or newer), which carries the same API and its fixes.
The import happens on first use, so ``import integrated_care_corpus`` does
not pay for it; and a package installed as a folder on disk (a wheel, an
editable install) is read as that folder, a :class:`pathlib.Path`, which is
what ``files()`` returns for it too, without importing the resource
machinery (and the archive modules it brings) at all.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import BinaryIO, Literal, TextIO

if TYPE_CHECKING:  # re-exported ("as") for the modules that take a Traversable
    if sys.version_info >= (3, 12):
        from importlib.resources.abc import Traversable as Traversable  # noqa: PLC0414
    else:
        from importlib_resources.abc import Traversable as Traversable  # noqa: PLC0414

__all__ = ["DiskEntry", "data_root", "package_root", "package_version", "sha256_hex"]


class DiskEntry:
    """A file or folder on disk, read as ``files()`` reads one, without :mod:`pathlib`.

    The :class:`Traversable` methods the package reads its own folder with,
    over :mod:`os.path`: importing :mod:`pathlib` (and the URL and address
    parsers it brings) costs a cold start more than reading the bundled
    corpus does. It is an :class:`os.PathLike`, so the loader checks its files
    with ``stat()`` as it checks any folder on disk.

    >>> root = DiskEntry("/usr").joinpath("lib", "os.py")
    >>> root.name, str(root), root.joinpath("a/b").name
    ('os.py', '/usr/lib/os.py', 'b')
    """

    __slots__ = ("_path",)

    def __init__(self, path: str) -> None:
        """Refer to ``path``."""
        self._path = path

    def __fspath__(self) -> str:
        """Return the path, for :func:`os.fspath` and :func:`open`."""
        return self._path

    def __str__(self) -> str:
        """Return the path, as ``str()`` of a :class:`pathlib.Path` does."""
        return self._path

    def __repr__(self) -> str:
        """Return ``DiskEntry('path')``."""
        return f"DiskEntry({self._path!r})"

    def __eq__(self, other: object) -> bool:
        """Say whether ``other`` is an entry of the same path."""
        return isinstance(other, DiskEntry) and other._path == self._path

    def __hash__(self) -> int:
        """Hash by the path."""
        return hash(self._path)

    @property
    def name(self) -> str:
        """The last part of the path."""
        return os.path.basename(self._path)  # noqa: PTH119 - no pathlib here

    def joinpath(self, *descendants: str | os.PathLike[str]) -> DiskEntry:
        """Return the entry below this one, each descendant split at ``/``."""
        parts = [part for name in descendants for part in os.fspath(name).split("/") if part]
        return DiskEntry(os.path.join(self._path, *parts))  # noqa: PTH118 - no pathlib here

    def __truediv__(self, child: str | os.PathLike[str]) -> DiskEntry:
        """Return ``self.joinpath(child)``."""
        return self.joinpath(child)

    def iterdir(self) -> Iterator[DiskEntry]:
        """Yield the entries of this folder."""
        for name in os.listdir(self._path):  # noqa: PTH208 - no pathlib here
            yield DiskEntry(os.path.join(self._path, name))  # noqa: PTH118

    def is_dir(self) -> bool:
        """Say whether this is a folder (``False`` where it cannot be told)."""
        return os.path.isdir(self._path)  # noqa: PTH112 - no pathlib here

    def is_file(self) -> bool:
        """Say whether this is a file (``False`` where it cannot be told)."""
        return os.path.isfile(self._path)  # noqa: PTH113 - no pathlib here

    def read_bytes(self) -> bytes:
        """Return the file's bytes."""
        with open(self._path, "rb") as file:  # noqa: PTH123 - no pathlib here
            return file.read()

    def read_text(self, encoding: str | None = None, errors: str | None = None) -> str:
        """Return the file's text."""
        with open(self._path, encoding=encoding, errors=errors) as file:  # noqa: PTH123
            return file.read()

    @overload
    def open(self, mode: Literal["r"] = "r", *args: Any, **kwargs: Any) -> TextIO: ...  # noqa: ANN401
    @overload
    def open(self, mode: Literal["rb"], *args: Any, **kwargs: Any) -> BinaryIO: ...  # noqa: ANN401
    def open(self, mode: str = "r", *args: Any, **kwargs: Any) -> TextIO | BinaryIO:
        """Open the file, as :func:`open` does."""
        return open(self._path, mode, *args, **kwargs)  # type: ignore[return-value]  # noqa: PTH123


@functools.cache
def package_root() -> Traversable:
    """Return the installed package's folder as a :class:`Traversable`."""
    folder = os.path.dirname(__file__)  # noqa: PTH120 - os.path needs no pathlib
    if os.path.isfile(os.path.join(folder, "py.typed")):  # noqa: PTH113, PTH118
        return DiskEntry(folder)
    if sys.version_info >= (3, 12):
        from importlib.resources import files  # noqa: PLC0415 - on first use only
    else:
        from importlib_resources import files  # noqa: PLC0415 - on first use only
    return files("integrated_care_corpus")


def data_root() -> Traversable:
    """Return the folder of bundled corpus versions and their lock file."""
    return package_root().joinpath("data")


_DIST = "integrated_care_corpus"


@functools.cache
def package_version() -> str:
    """Return the installed distribution's version, as ``importlib.metadata`` reads it.

    ``importlib.metadata`` imports the email parser, zip and CSV readers and
    the resource machinery (some 20 ms) to read one line. For the common case,
    distributions installed as folders on ``sys.path``, this reads the
    ``Version:`` line of the first ``integrated_care_corpus-*.dist-info``
    found in ``sys.path`` order, as ``importlib.metadata`` would; anything
    else (a zip file on the path, an ``.egg-info``, no metadata found) is
    left to ``importlib.metadata`` itself.

    Raises:
        importlib.metadata.PackageNotFoundError: The package is not installed.
    """
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)  # noqa: PTH208 - no pathlib needed
        except NotADirectoryError:
            break  # a zip file: importlib.metadata reads inside it
        except OSError:
            continue
        found = [
            n for n in names if n.startswith(f"{_DIST}-") and n[len(_DIST) + 1 :][:1].isdigit()
        ]
        if not found:
            continue
        if len(found) == 1 and found[0].endswith(".dist-info"):
            version = _metadata_version(os.path.join(folder, found[0], "METADATA"))  # noqa: PTH118
            if version is not None:
                return version
        break
    from importlib.metadata import version as metadata_version  # noqa: PLC0415 - rare cases

    return metadata_version("integrated-care-corpus")


def _metadata_version(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as metadata:  # noqa: PTH123 - no pathlib needed
            for line in metadata:
                if line.startswith("Version:"):
                    return line.partition(":")[2].strip()
                if line in ("\n", "\r\n"):
                    return None  # the headers ended
    except OSError:
        return None
    return None


#: Below this many bytes, the interpreter's own SHA-256 is quicker than
#: loading OpenSSL's library for it (the bundled corpus's resources all are).
SMALL_DIGEST = 1 << 18


@functools.cache
def _builtin_sha256() -> Callable[[bytes], Any] | None:
    """Return the interpreter's built-in SHA-256 constructor, if it has one."""
    for name in ("_sha2", "_sha256"):  # Python 3.12 and newer; 3.10 and 3.11
        try:
            return importlib.import_module(name).sha256  # type: ignore[no-any-return]
        except (ImportError, AttributeError):
            continue
    return None  # pragma: no cover - CPython builds both modules unless told not to


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as 64 lowercase hex digits.

    ``hashlib`` loads OpenSSL's library on import, which costs a cold start
    more than hashing a small corpus does; small inputs are hashed by the
    interpreter's built-in module instead, until something has imported
    hashlib (a large resource, say: then the many small inputs of a large
    corpus, its documents' texts, go to OpenSSL's faster SHA-256 too). The
    digests are the same.

    >>> sha256_hex(b"abc")[:16], sha256_hex(b"abc" * SMALL_DIGEST)[:16]
    ('ba7816bf8f01cfea', '5d2e148f8695865e')
    """
    if len(data) < SMALL_DIGEST and "hashlib" not in sys.modules:
        builtin = _builtin_sha256()
        if builtin is not None:
            return builtin(data).hexdigest()  # type: ignore[no-any-return]
    import hashlib  # noqa: PLC0415 - only for large inputs

    return hashlib.sha256(data).hexdigest()
