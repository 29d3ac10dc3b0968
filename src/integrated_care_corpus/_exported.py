"""The ``export`` entry of a manifest: what wrote an export folder, and every file in it.

Every export folder holds a ``manifest.json``. In a corpus folder written by
the ``json`` export, that manifest is the corpus manifest plus an optional
``export`` entry (see ``docs/format.md``), so the folder loads like any
corpus folder; the loader checks the entry's shape and the size and SHA-256
of every file it lists that is not a resource (the resources have their own
checksums). An export of another format is no corpus folder: its manifest
says so, and the loader says which format it is instead of a field error.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from typing import TYPE_CHECKING, Any

from ._errors import CorpusFormatError, CorpusIntegrityError
from ._files import sha256_hex
from ._resources import SHA256

if TYPE_CHECKING:
    from ._files import Traversable

__all__ = ["EXPORT_FIELDS", "FILE_FIELDS", "check_export"]

#: The fields of a manifest's ``export`` entry.
EXPORT_FIELDS = frozenset({"format", "package", "package_version", "files"})
#: The fields of each file the entry lists.
FILE_FIELDS = frozenset({"sha256", "size"})

#: A relative path of plain names: no empty part, no ``.`` or ``..``, no backslash
#: (the same pattern as the manifest schema's).
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.\-]*)*")


def _shape(export: object, where: str) -> dict[str, Any]:
    if not isinstance(export, dict) or set(export) != EXPORT_FIELDS:
        got = sorted(export) if isinstance(export, dict) else type(export).__name__
        msg = (
            f"{where}: field 'export' must be an object with exactly the fields "
            f"{sorted(EXPORT_FIELDS)}; got {got}"
        )
        raise CorpusFormatError(msg)
    for field in ("format", "package", "package_version"):
        if not isinstance(export[field], str):
            msg = f"{where}: field 'export.{field}' is {export[field]!r}, expected a string"
            raise CorpusFormatError(msg)
    files = export["files"]
    if not isinstance(files, dict):
        msg = f"{where}: field 'export.files' must be an object of file name -> sha256 and size"
        raise CorpusFormatError(msg)
    for name, entry in files.items():
        if not _NAME.fullmatch(name):
            msg = (
                f"{where}: field 'export.files' names {_shown(name)}; expected a relative path "
                "of plain names inside the folder"
            )
            raise CorpusFormatError(msg)
        if (
            not isinstance(entry, dict)
            or set(entry) != FILE_FIELDS
            or not isinstance(entry["sha256"], str)
            or not SHA256.match(entry["sha256"])
            or not isinstance(entry["size"], int)
            or isinstance(entry["size"], bool)
            or entry["size"] < 0
        ):
            msg = (
                f"{where}: field 'export.files.{name}' must be an object with a 64-hex "
                "'sha256' and a non-negative integer 'size'"
            )
            raise CorpusFormatError(msg)
    return export


def _shown(name: str) -> str:
    return repr(name) if len(name) <= _SHOWN else repr(name[:_SHOWN]) + "…"


#: Names longer than this are shortened in messages.
_SHOWN = 200


def _missing(name: str, where: str) -> CorpusIntegrityError:
    msg = f"{where}: lists {_shown(name)}, which is missing; expected every listed file"
    return CorpusIntegrityError(msg)


def _read_listed(folder: Traversable, name: str, size: int, where: str) -> bytes:
    """Read a file the entry lists, checked as a resource is before a byte is read.

    In a folder on disk it must be a regular file inside the folder (a
    symbolic link only to a file inside it) of the size the entry gives.
    """
    file = folder.joinpath(*name.split("/"))
    if not (isinstance(folder, os.PathLike) and isinstance(file, os.PathLike)):
        if not file.is_file():
            raise _missing(name, where)
        data = file.read_bytes()
        if len(data) != size:
            msg = f"{where}: {_shown(name)} has {len(data)} bytes, the manifest says {size}"
            raise CorpusIntegrityError(msg)
        return data
    try:  # os.path, not pathlib: loading a corpus imports no pathlib
        target = os.path.realpath(os.fspath(file), strict=True)
        root = os.path.realpath(os.fspath(folder), strict=True)
        inside = os.path.commonpath([target, root]) == root
        info = os.stat(target)  # noqa: PTH116
    except (FileNotFoundError, NotADirectoryError):
        raise _missing(name, where) from None
    except OSError as exc:
        reason = "a link loop" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        msg = f"{where}: {_shown(name)} cannot be opened ({reason}); expected a regular file"
        raise CorpusFormatError(msg) from None
    if not inside:
        msg = (
            f"{where}: {_shown(name)} is a symbolic link to {target}, outside the folder; "
            "expected a file inside the folder"
        )
        raise CorpusFormatError(msg)
    if not stat.S_ISREG(info.st_mode):
        msg = (
            f"{where}: {_shown(name)} is not a regular file (a FIFO, device or folder); "
            "expected a regular file"
        )
        raise CorpusFormatError(msg)
    if info.st_size != size:
        msg = f"{where}: {_shown(name)} has {info.st_size} bytes, the manifest says {size}"
        raise CorpusIntegrityError(msg)
    try:
        with open(target, "rb") as opened:  # noqa: PTH123 - no pathlib on the load path
            return opened.read()
    except OSError as exc:
        msg = f"{where}: {_shown(name)} could not be read ({exc.strerror or exc})"
        raise CorpusFormatError(msg) from None


def check_export(folder: Traversable, manifest: dict[str, Any], where: str) -> None:
    """Check a manifest's ``export`` entry, if it has one, against the folder.

    Args:
        folder: The folder the manifest is in.
        manifest: The parsed manifest, a JSON object.
        where: The manifest's name in messages.

    Raises:
        CorpusFormatError: The entry is malformed, or the folder is an export
            of a format other than ``json``.
        CorpusIntegrityError: A listed file is missing, or its size or
            SHA-256 differs from the entry's.
    """
    if manifest.get("export") is None:  # a corpus folder that no export wrote
        return
    export = _shape(manifest["export"], where)
    if export["format"] != "json":
        msg = (
            f"{where}: this folder is a {export['format']!r} export of corpus "
            f"{manifest.get('corpus_version')!r}, not a corpus folder; only a 'json' "
            "export loads (its README.md says how to read this one)"
        )
        raise CorpusFormatError(msg)
    resources = manifest.get("resources")
    listed = resources if isinstance(resources, dict) else {}
    for name, entry in export["files"].items():
        if name in listed:
            resource = listed[name]
            if isinstance(resource, dict) and resource.get("sha256") != entry["sha256"]:
                msg = (
                    f"{where}: field 'export.files.{name}' gives a SHA-256 other than "
                    "field 'resources' does; expected one checksum per file"
                )
                raise CorpusIntegrityError(msg)
            continue  # the resource's own checks read it
        data = _read_listed(folder, name, entry["size"], where)
        digest = sha256_hex(data)
        if digest != entry["sha256"]:
            msg = (
                f"{where}: {name!r} has SHA-256 {digest}, the manifest says {entry['sha256']}; "
                "the file was changed after export"
            )
            raise CorpusIntegrityError(msg)
