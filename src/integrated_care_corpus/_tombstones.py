"""Tombstones: the ids a corpus version no longer has, and what replaced them.

A record id, once released, is never silently dropped: the first corpus
version without it lists it in an optional ``tombstones.json`` resource, and
every later version carries the entry forward. Looking up such an id raises
:class:`~integrated_care_corpus.RemovedRecordError`, which says in which
version the record was removed and what replaced it.
"""

from __future__ import annotations

from ._checks import ID_EXPECTED, Problem
from ._records import RecordKind, Tombstone
from ._resources import RESOURCE_OF_KIND, VERSION, RecordSet, version_key
from ._rules import is_id

__all__ = ["check_tombstones"]


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
    # Ids are unique ignoring case, as lookups ignore it: a tombstone is compared so too.
    folded = {
        kind: {record_id.lower(): record_id for record_id in ids} for kind, ids in live.items()
    }
    dead = {(t.kind, t.id) for t in tombstones}
    problems = []
    seen: set[tuple[RecordKind, str]] = set()
    for t in tombstones:
        if not is_id(t.id):
            problems.append(Problem(res, t.id, "id", ID_EXPECTED, "reference"))
        if (t.kind, t.id.lower()) in seen:
            problems.append(
                Problem(res, t.id, "id", "duplicate tombstone (ids ignore case)", "reference")
            )
        seen.add((t.kind, t.id.lower()))
        alive = folded[t.kind].get(t.id.lower())
        if alive is not None:
            problems.append(
                Problem(
                    res,
                    t.id,
                    "id",
                    f"{t.kind.value} {t.id!r} is tombstoned but still in "
                    f"{RESOURCE_OF_KIND[t.kind]}.json"
                    + (f" (as {alive!r})" if alive != t.id else ""),
                    "reference",
                )
            )
        if not VERSION.match(t.removed_in):
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
