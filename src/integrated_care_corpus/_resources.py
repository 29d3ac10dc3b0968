"""What a corpus folder holds: its resources, their record types, and version names.

The bottom layer's registry, one copy of each: the six record resources in
load order, the optional ones, the container that carries the records of
one corpus between reading, checking and :class:`Corpus`, the manifest's
file name, and the corpus version pattern with its sort key.
"""

from __future__ import annotations

import re
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
    "VERSION_PATTERN",
    "RecordSet",
    "is_version",
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

#: A corpus (or package) version: ``MAJOR.MINOR.PATCH`` in ASCII digits
#: (``"١.٠.١"`` has digits that ``int()`` reads, ``"¹"`` digits it does not),
#: at most nine each, so that every part is a plain integer. The schemas hold
#: the same rule as :data:`VERSION_PATTERN`.
VERSION = re.compile(r"[0-9]{1,9}\.[0-9]{1,9}\.[0-9]{1,9}\Z")
VERSION_PATTERN = "^[0-9]{1,9}\\.[0-9]{1,9}\\.[0-9]{1,9}$"

#: A SHA-256 digest as the manifest and the lock write it: 64 lower-case hex digits.
SHA256 = re.compile(r"[0-9a-f]{64}\Z")


def is_version(value: object) -> bool:
    """Say whether ``value`` is a version string: ``MAJOR.MINOR.PATCH`` in ASCII digits.

    >>> is_version("1.0.1"), is_version("1.0.1-rc1"), is_version("١.٠.١"), is_version(101)
    (True, False, False, False)
    """
    return isinstance(value, str) and VERSION.match(value) is not None


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
