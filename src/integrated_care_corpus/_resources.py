"""What a corpus folder holds: its resources, their record types, and version names.

The bottom layer's registry, one copy of each: the six record resources in
load order, the optional ones, the container that carries the records of
one corpus between reading, checking and :class:`Corpus`, the manifest's
file name, and the corpus version pattern with its sort key.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import attrs

from ._records import (
    Comment,
    Document,
    Mention,
    Organisation,
    Person,
    Quote,
    RecordKind,
    Tombstone,
)

__all__ = [
    "MANIFEST",
    "OPTIONAL_RESOURCE_TYPES",
    "RESOURCE_OF_KIND",
    "RESOURCE_TYPES",
    "SHA256",
    "VERSION",
    "RecordSet",
    "sha256_hex",
    "version_key",
]

#: The file that lists a corpus folder's resources and their checksums.
MANIFEST = "manifest.json"

#: Resource name -> record type, in load order (referenced types first).
RESOURCE_TYPES: dict[str, type[Any]] = {
    "organisations": Organisation,
    "people": Person,
    "documents": Document,
    "quotes": Quote,
    "comments": Comment,
    "mentions": Mention,
}

#: Resources a corpus folder may list in its manifest, beyond the six record
#: resources; a corpus without the file has none of these records.
OPTIONAL_RESOURCE_TYPES: dict[str, type[Tombstone]] = {"tombstones": Tombstone}

#: Record kind -> the resource (and :class:`Corpus` attribute) holding that kind.
RESOURCE_OF_KIND: dict[RecordKind, str] = {
    RecordKind.DOCUMENT: "documents",
    RecordKind.QUOTE: "quotes",
    RecordKind.COMMENT: "comments",
    RecordKind.ORGANISATION: "organisations",
    RecordKind.PERSON: "people",
    RecordKind.MENTION: "mentions",
}

#: A corpus (or package) version: ``MAJOR.MINOR.PATCH`` in ASCII digits.
VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\Z")

#: A SHA-256 digest as the manifest and the lock write it: 64 lower-case hex digits.
SHA256 = re.compile(r"[0-9a-f]{64}\Z")


#: Data shorter than this is hashed by the interpreter's own SHA-256 while
#: hashlib has not been imported: loading OpenSSL's costs more than it saves.
_OPENSSL_FROM = 1 << 20
_builtin_sha256: list[Callable[[bytes], Any]] = []


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as 64 lower-case hex digits.

    hashlib's (OpenSSL's) SHA-256 is the faster on large data, but importing
    it costs a few milliseconds; a small bundled corpus is hashed by the
    interpreter's built-in module instead, unless hashlib is already loaded.
    Both compute the same digest.

    >>> sha256_hex(b"abc")[:16]
    'ba7816bf8f01cfea'
    """
    if len(data) < _OPENSSL_FROM and "_hashlib" not in sys.modules:
        if not _builtin_sha256:
            import importlib  # noqa: PLC0415 - on first use only

            for name in ("_sha2", "_sha256"):  # Python 3.12 and newer; 3.10 and 3.11
                try:
                    _builtin_sha256.append(importlib.import_module(name).sha256)
                    break
                except (ImportError, AttributeError):
                    continue
            else:
                import hashlib  # noqa: PLC0415 - a Python built without its own

                _builtin_sha256.append(hashlib.sha256)
        return str(_builtin_sha256[0](data).hexdigest())
    import hashlib  # noqa: PLC0415 - on first use only

    return hashlib.sha256(data).hexdigest()


def version_key(version: str) -> tuple[int, ...]:
    """Return a version's numeric parts, for sorting and comparing.

    >>> version_key("1.10.0") > version_key("1.9.3")
    True
    """
    return tuple(int(part) for part in version.split("."))


@attrs.frozen
class RecordSet:
    """The six record tuples of a corpus, before they become a :class:`Corpus`."""

    documents: tuple[Document, ...]
    quotes: tuple[Quote, ...]
    comments: tuple[Comment, ...]
    organisations: tuple[Organisation, ...]
    people: tuple[Person, ...]
    mentions: tuple[Mention, ...]
