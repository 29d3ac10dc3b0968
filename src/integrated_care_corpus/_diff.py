"""What changed between two corpus versions, record by record and field by field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from ._hooks import render_html
from ._records import Comment, Document, Mention, Organisation, Person, Quote, RecordKind, Tombstone
from ._resources import RESOURCE_OF_KIND, version_key

if TYPE_CHECKING:
    from ._corpus import Corpus

__all__ = ["CorpusDiff", "FieldChange", "RecordChange", "RecordDiff", "diff"]

_ORDER = {"patch": 0, "minor": 1, "major": 2}

_R = TypeVar("_R", Document, Quote, Comment, Organisation, Person, Mention)


@attrs.frozen
class FieldChange:
    """One field of one record that differs between two versions.

    Attributes:
        field: The field's name (``"span"``, ``"note"``).
        old: Its value in the older version.
        new: Its value in the newer version.
    """

    field: str
    old: Any
    new: Any


@attrs.frozen
class RecordChange(Generic[_R]):
    """A record that both versions have, under the same id, with different fields.

    Attributes:
        old: The record in the older version.
        new: The record in the newer version.
        fields: The fields that differ, in the record's field order.
    """

    old: _R
    new: _R
    fields: tuple[FieldChange, ...]

    @property
    def id(self) -> str:
        """The record's id (the same in both versions)."""
        return self.new.id


@attrs.frozen
class RecordDiff(Generic[_R]):
    """The differences in one kind of record, each part in the newer version's order.

    Attributes:
        kind: The kind of record compared.
        added: Records only the newer version has.
        removed: Records only the older version has (in the older version's order).
        changed: Records both have, with different fields.
    """

    kind: RecordKind
    added: tuple[_R, ...] = ()
    removed: tuple[_R, ...] = ()
    changed: tuple[RecordChange[_R], ...] = ()

    def __bool__(self) -> bool:
        """Return whether anything differs."""
        return bool(self.added or self.removed or self.changed)

    def lines(self, *, values: bool = False) -> list[str]:
        """Return one line per record: ``+ id``, ``- id`` or ``~ id: field, field``.

        Args:
            values: Follow each changed record with one line per field,
                ``field: old -> new`` (each value shortened to 70 characters).
        """
        lines = [f"+ {r.id}" for r in self.added] + [f"- {r.id}" for r in self.removed]
        for c in self.changed:
            lines.append(f"~ {c.id}: {', '.join(f.field for f in c.fields)}")
            if values:
                lines.extend(f"    {f.field}: {_short(f.old)} -> {_short(f.new)}" for f in c.fields)
        return lines

    def to_dict(self) -> dict[str, Any]:
        """Return the changes as plain JSON-ready data, with old and new values.

        Records and values are unstructured as the corpus's JSON files hold them.
        """
        from ._converter import converter  # noqa: PLC0415 - only JSON output needs it

        def plain(value: object) -> Any:  # noqa: ANN401 - JSON data
            return converter.unstructure(value)

        return {
            "added": [plain(r) for r in self.added],
            "removed": [r.id for r in self.removed],
            "changed": [
                {
                    "id": c.id,
                    "fields": [
                        {"field": f.field, "old": plain(f.old), "new": plain(f.new)}
                        for f in c.fields
                    ],
                }
                for c in self.changed
            ],
        }


@attrs.frozen
class CorpusDiff:
    """What changed from one corpus version to another, by stable id.

    Attributes:
        old_version: The older corpus's version.
        new_version: The newer corpus's version.
        documents: Changes to documents.
        quotes: Changes to quotes.
        comments: Changes to reader comments.
        organisations: Changes to organisations.
        people: Changes to people.
        mentions: Changes to mentions.
        tombstones: Tombstones the newer version has and the older one has not:
            where each removed id went.
        old_schema_version: The JSON schema version the older corpus was read
            from (``corpus.schema_version``), or ``None`` if not known.
        new_schema_version: The newer corpus's schema version, or ``None``.
    """

    old_version: str
    new_version: str
    documents: RecordDiff[Document]
    quotes: RecordDiff[Quote]
    comments: RecordDiff[Comment]
    organisations: RecordDiff[Organisation]
    people: RecordDiff[Person]
    mentions: RecordDiff[Mention]
    tombstones: tuple[Tombstone, ...] = ()
    old_schema_version: str | None = None
    new_schema_version: str | None = None

    def __bool__(self) -> bool:
        """Return whether anything differs: a record, or the schema version."""
        return any(self.parts()) or self.schema_changed

    @property
    def schema_changed(self) -> bool:
        """Whether the two corpora are written in different, known, schema versions."""
        old, new = self.old_schema_version, self.new_schema_version
        return old is not None and new is not None and old != new

    def _repr_html_(self) -> str:
        return render_html(self)

    def parts(self) -> tuple[RecordDiff[Any], ...]:
        """Return the six record diffs, in resource order."""
        return (
            self.documents,
            self.quotes,
            self.comments,
            self.organisations,
            self.people,
            self.mentions,
        )

    def required_bump(self) -> str | None:
        """Return the smallest version bump the data policy allows for this diff.

        ``"major"`` when an id is removed or a document's text changes (spans
        move); ``"minor"`` when records are added; ``"patch"`` when records are
        corrected; ``None`` when nothing differs. A change of schema version
        needs at least the bump that the format's change does: ``"minor"`` for
        schema 2, which only adds fields (so corpus 1.0.1 -> 1.1.0 is
        ``"minor"``, though no record was added), ``"major"`` for a format that
        renames, removes or retypes a field, or for going back to an older
        schema. The larger of the records' and the schema's bump is returned.

        >>> import integrated_care_corpus as icc
        >>> icc.diff("1.0.0", "1.0.1").required_bump(), icc.diff("1.0.1", "1.1.0").required_bump()
        ('patch', 'minor')
        """
        bumps = [b for b in (self._records_bump(), self._schema_bump()) if b is not None]
        return max(bumps, key=_ORDER.__getitem__, default=None)

    def _records_bump(self) -> str | None:
        if any(p.removed for p in self.parts()) or any(
            f.field == "text" for c in self.documents.changed for f in c.fields
        ):
            return "major"
        if any(p.added for p in self.parts()):
            return "minor"
        return "patch" if any(self.parts()) else None

    def _schema_bump(self) -> str | None:
        if not self.schema_changed:
            return None
        from ._migrations import SCHEMA_BUMPS  # noqa: PLC0415 - only a schema change needs it

        old, new = int(str(self.old_schema_version)), int(str(self.new_schema_version))
        if new < old:
            return "major"  # the newer corpus lacks fields the older one has
        # A schema step not registered as additive is taken to break readers.
        steps = [SCHEMA_BUMPS.get(version, "major") for version in range(old + 1, new + 1)]
        return max(steps, key=_ORDER.__getitem__)

    def to_dict(self) -> dict[str, Any]:
        """Return the whole diff as plain JSON-ready data (``diff --json`` writes it).

        For each kind of record: the records added (in full), the ids removed,
        and for each changed record every changed field with its old and new
        value; then the tombstones added.
        """
        from ._converter import converter  # noqa: PLC0415 - only JSON output needs it

        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "old_schema_version": self.old_schema_version,
            "new_schema_version": self.new_schema_version,
            "required_bump": self.required_bump(),
            **{RESOURCE_OF_KIND[p.kind]: p.to_dict() for p in self.parts()},
            "tombstones": [converter.unstructure(t) for t in self.tombstones],
        }

    def summary(self, *, values: bool = False) -> str:
        """Return a plain-text report: counts per kind, then one line per record.

        This is what a corpus version's CHANGELOG entry must agree with.

        Args:
            values: Show each changed field's old and new value too (``diff`` does).
        """
        lines = [f"corpus {self.old_version} -> {self.new_version}"]
        if self.schema_changed:
            lines[0] += f" (schema {self.old_schema_version} -> {self.new_schema_version})"
        if not self:
            return lines[0] + ": no changes"
        for part in self.parts():
            if not part:
                continue
            name = RESOURCE_OF_KIND[part.kind]
            lines.append(
                f"{name}: {len(part.added)} added, {len(part.removed)} removed, "
                f"{len(part.changed)} changed"
            )
            lines.extend(f"  {line}" for line in part.lines(values=values))
        return "\n".join(lines)


def _short(value: object, width: int = 70) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _fields_changed(old: Any, new: Any) -> tuple[FieldChange, ...]:  # noqa: ANN401 - any record
    return tuple(
        FieldChange(a.name, getattr(old, a.name), getattr(new, a.name))
        for a in attrs.fields(type(old))
        if getattr(old, a.name) != getattr(new, a.name)
    )


def _diff_records(kind: RecordKind, old: tuple[_R, ...], new: tuple[_R, ...]) -> RecordDiff[_R]:
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    changed = []
    for record in new:
        previous = before.get(record.id)
        if previous is not None and previous != record:
            changed.append(RecordChange(previous, record, _fields_changed(previous, record)))
    return RecordDiff(
        kind,
        added=tuple(r for r in new if r.id not in before),
        removed=tuple(r for r in old if r.id not in after),
        changed=tuple(changed),
    )


def _corpus(value: Corpus | str) -> Corpus:
    if isinstance(value, str):
        from ._loading import load  # noqa: PLC0415 - _loading is the heavier part

        return load(value)
    return value


def diff(old: Corpus | str, new: Corpus | str) -> CorpusDiff:
    """Compare two corpus versions record by record, by stable id.

    Args:
        old: The older corpus, or a bundled version (``"1.0.0"``, ``"1"``).
        new: The newer corpus, or a bundled version.

    Returns:
        The records added, removed and changed (field by field) for every
        kind of record, the tombstones the newer version adds, and both
        corpora's schema versions.

    Raises:
        UnknownVersionError: A version string matches no bundled version.

    >>> import integrated_care_corpus as icc
    >>> print(icc.diff("1.0.0", "1.0.0").summary())
    corpus 1.0.0 -> 1.0.0: no changes
    """
    a, b = _corpus(old), _corpus(new)
    known = {(t.kind, t.id) for t in a.tombstones}
    return CorpusDiff(
        a.version,
        b.version,
        documents=_diff_records(RecordKind.DOCUMENT, a.documents, b.documents),
        quotes=_diff_records(RecordKind.QUOTE, a.quotes, b.quotes),
        comments=_diff_records(RecordKind.COMMENT, a.comments, b.comments),
        organisations=_diff_records(RecordKind.ORGANISATION, a.organisations, b.organisations),
        people=_diff_records(RecordKind.PERSON, a.people, b.people),
        mentions=_diff_records(RecordKind.MENTION, a.mentions, b.mentions),
        tombstones=tuple(t for t in b.tombstones if (t.kind, t.id) not in known),
        old_schema_version=a.schema_version,
        new_schema_version=b.schema_version,
    )


def bump_of(old: str, new: str) -> str | None:
    """Return which part of the version grew from ``old`` to ``new`` (``None``: not newer).

    >>> bump_of("1.0.0", "1.0.1"), bump_of("1.0.3", "1.1.0"), bump_of("1.2.0", "2.0.0")
    ('patch', 'minor', 'major')
    """
    a, b = version_key(old), version_key(new)
    if b <= a:
        return None
    return "major" if b[0] > a[0] else "minor" if b[1] > a[1] else "patch"


def main(argv: list[str] | None = None) -> int:
    """Print what changed: ``integrated-care-corpus diff OLD NEW``."""
    import argparse  # noqa: PLC0415 - only the command line needs it
    import sys  # noqa: PLC0415

    from ._errors import CorpusError  # noqa: PLC0415
    from ._loading import load_path  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="integrated-care-corpus diff",
        description="Compare two corpus versions: bundled versions, or corpus folders.",
    )
    parser.add_argument("old", help="a bundled version (1.0.0, 1) or a corpus folder")
    parser.add_argument("new", help="a bundled version or a corpus folder")
    parser.add_argument(
        "--json",
        action="store_true",
        help="write JSON with every changed field's old and new value",
    )
    args = parser.parse_args(argv)

    def corpus(value: str) -> Corpus | str:
        from pathlib import Path  # noqa: PLC0415

        return load_path(value) if Path(value).is_dir() else value

    try:
        result = diff(corpus(args.old), corpus(args.new))
    except CorpusError as exc:
        print(f"integrated-care-corpus: error: diff: {exc}", file=sys.stderr)  # noqa: T201 - a command line prints
        return 1
    if args.json:
        import json  # noqa: PLC0415

        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str)
        print(text)  # noqa: T201
        return 0
    print(result.summary(values=True))  # noqa: T201
    return 0
