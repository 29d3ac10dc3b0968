"""Tombstones: the ids a corpus version no longer has, and what replaced them.

A record id, once released, is never silently dropped: the first corpus
version without it lists it in an optional ``tombstones.json`` resource, and
every later version carries the entry forward. Looking up such an id raises
:class:`~integrated_care_corpus.RemovedRecordError`, which says in which
version the record was removed and what replaced it.
"""

from __future__ import annotations

import enum

import attrs

from ._checks import Problem, RecordSet
from ._versions import is_version, version_key

__all__ = [
    "OPTIONAL_RESOURCE_TYPES",
    "RESOURCE_OF_KIND",
    "RecordKind",
    "Tombstone",
    "check_tombstones",
]


class RecordKind(str, enum.Enum):
    """The kinds of record that have stable ids (as named in error messages)."""

    DOCUMENT = "document"
    QUOTE = "quote"
    COMMENT = "comment"
    ORGANISATION = "organisation"
    PERSON = "person"
    MENTION = "mention"


#: Record kind -> the resource (and :class:`Corpus` attribute) holding that kind.
RESOURCE_OF_KIND: dict[RecordKind, str] = {
    RecordKind.DOCUMENT: "documents",
    RecordKind.QUOTE: "quotes",
    RecordKind.COMMENT: "comments",
    RecordKind.ORGANISATION: "organisations",
    RecordKind.PERSON: "people",
    RecordKind.MENTION: "mentions",
}


@attrs.frozen
class Tombstone:
    """A record id that an earlier corpus version had and this one does not.

    Attributes:
        kind: The kind of record removed.
        id: The removed record's id.
        removed_in: The first corpus version without it.
        replaced_by: The id of the record (of the same kind) that takes its
            place, if any: a merged duplicate, say, or a corrected id.
        note: Why it was removed.
    """

    kind: RecordKind
    id: str
    removed_in: str
    replaced_by: str | None = None
    note: str | None = None


#: Resources a corpus folder may list in its manifest, beyond the six record
#: resources; a corpus without the file has none of these records.
OPTIONAL_RESOURCE_TYPES: dict[str, type[Tombstone]] = {"tombstones": Tombstone}


def check_tombstones(
    version: str, records: RecordSet, tombstones: tuple[Tombstone, ...]
) -> list[Problem]:
    """Check tombstones against a corpus's records; return the problems found.

    An id is tombstoned at most once per kind and is not a live id of that
    kind; ``removed_in`` is a version no newer than ``version``; ``replaced_by``
    is a live id of the same kind or itself tombstoned.
    """
    if not tombstones:
        return []
    res = "tombstones.json"
    live = {kind: {r.id for r in getattr(records, name)} for kind, name in RESOURCE_OF_KIND.items()}
    dead = {(t.kind, t.id) for t in tombstones}
    problems = []
    seen: set[tuple[RecordKind, str]] = set()
    for t in tombstones:
        if (t.kind, t.id) in seen:
            problems.append(Problem(res, t.id, "id", "duplicate tombstone", "reference"))
        seen.add((t.kind, t.id))
        if t.id in live[t.kind]:
            problems.append(
                Problem(
                    res,
                    t.id,
                    "id",
                    f"{t.kind.value} {t.id!r} is tombstoned but still in "
                    f"{RESOURCE_OF_KIND[t.kind]}.json",
                    "reference",
                )
            )
        if not is_version(t.removed_in):
            problems.append(Problem(res, t.id, "removed_in", "expected MAJOR.MINOR.PATCH"))
        elif version_key(t.removed_in) > version_key(version):
            problems.append(
                Problem(
                    res, t.id, "removed_in", f"{t.removed_in} is newer than this corpus {version}"
                )
            )
        if t.replaced_by == t.id:
            problems.append(
                Problem(res, t.id, "replaced_by", "a record is not replaced by itself", "reference")
            )
        elif t.replaced_by is not None and not (
            t.replaced_by in live[t.kind] or (t.kind, t.replaced_by) in dead
        ):
            problems.append(
                Problem(
                    res,
                    t.id,
                    "replaced_by",
                    f"points at {t.kind.value} {t.replaced_by!r}, which does not exist",
                    "reference",
                )
            )
    return problems
