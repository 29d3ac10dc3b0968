"""Flat rows: one plain dict per record, the shape of ``to_dicts()`` and of tables.

Every row holds scalars (``str``, ``int``, ``bool``, ``datetime.date`` or
``None``) or
tuples of strings; references are ids, so rows of different types join on
them (``quotes.document_id`` to ``documents.id``, and so on). Each row type
has a schema, a tuple of ``(column, type)`` with type one of ``"str"``,
``"int"``, ``"bool"``, ``"date"`` and ``"strs"`` (a tuple of strings), or a
:class:`Vocabulary` (a value, or with ``many`` a tuple of values, from a
controlled vocabulary), which the optional pandas and Arrow exports use to
give every column its type. A span is two columns, ``span_start`` and
``span_end``, so that no column name is an SQL keyword. No field of a record
is lost: what a row cannot hold in one cell (a document's regions, a
person's roles) is a table of its own.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ._records import (
    Basis,
    Comment,
    Document,
    DocumentKind,
    Mention,
    Organisation,
    OrganisationKind,
    Person,
    Quote,
    QuoteKind,
    RegionKind,
    Topic,
)

__all__ = [
    "DISPLAY",
    "NOUNS",
    "SCHEMAS",
    "Row",
    "Vocabulary",
    "label",
    "region_rows",
    "role_rows",
    "row",
]


@attrs.frozen
class Vocabulary:
    """A column type: values from a controlled vocabulary.

    Attributes:
        values: The vocabulary, an enum of string values.
        many: Whether a cell holds a tuple of values rather than one.
    """

    values: type[enum.Enum]
    many: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Every value of the vocabulary, in its order."""
        return tuple(str(member.value) for member in self.values)


Row = dict[str, Any]
Schema = tuple[tuple[str, str | Vocabulary], ...]


def _document(d: Document) -> Row:
    return {
        "id": d.id,
        "title": d.title,
        "kind": d.kind.value,
        "publisher_id": d.publisher.organisation_id,
        "publisher_basis": d.publisher.basis.value,
        "publisher_note": d.publisher.note,
        "published": d.published.date,
        "published_basis": d.published.basis.value,
        "published_note": d.published.note,
        "author_ids": d.authors,
        "topics": tuple(t.value for t in d.topics),
        "source_file": d.source.file,
        "source_sha256": d.source.sha256,
        "text": d.text,
    }


def _quote(q: Quote) -> Row:
    return {
        "id": q.id,
        "document_id": q.document_id,
        "span_start": q.span.start,
        "span_end": q.span.end,
        "text": q.text,
        "speaker": q.speaker,
        "person_id": q.person_id,
        "organisation_ids": q.organisation_ids,
        "role": q.role.text if q.role else None,
        "role_span_start": q.role.span.start if q.role else None,
        "role_span_end": q.role.span.end if q.role else None,
        "role_organisation_ids": q.role.organisation_ids if q.role else (),
        "kind": q.kind.value,
        "attribution": q.attribution.value,
        "continues": q.continues,
        "note": q.note,
        "source": q.source.text if q.source else None,
        "source_start": q.source.span.start if q.source else None,
        "source_end": q.source.span.end if q.source else None,
        "cue": q.cue.text if q.cue else None,
        "cue_start": q.cue.span.start if q.cue else None,
        "cue_end": q.cue.span.end if q.cue else None,
    }


def _comment(c: Comment) -> Row:
    return {
        "id": c.id,
        "document_id": c.document_id,
        "position": c.position,
        "author": c.author,
        "person_id": c.person_id,
        "role": c.role,
        "affiliation": c.affiliation,
        "organisation_ids": c.organisation_ids,
        "number": c.number,
        "in_reply_to": c.in_reply_to,
        "span_start": c.span.start,
        "span_end": c.span.end,
        "text": c.text,
    }


def _organisation(o: Organisation) -> Row:
    return {
        "id": o.id,
        "name": o.name,
        "aliases": o.aliases,
        "kind": o.kind.value,
        "country": o.country,
        "note": o.note,
        "well_known_names": o.well_known_names,
    }


def _person(p: Person) -> Row:
    return {
        "id": p.id,
        "name": p.name,
        "aliases": p.aliases,
        "roles": tuple(dict.fromkeys(r.text for r in p.roles)),
        "note": p.note,
        "former_roles": tuple(dict.fromkeys(r.text for r in p.roles if r.former)),
    }


def _mention(m: Mention) -> Row:
    return {
        "id": m.id,
        "document_id": m.document_id,
        "span_start": m.span.start,
        "span_end": m.span.end,
        "text": m.text,
        "organisation_id": m.organisation_id,
        "person_id": m.person_id,
        "basis": m.basis.value,
        "note": m.note,
    }


def role_rows(people: Sequence[Person]) -> list[Row]:
    """Return one row per stated role: who, in which document, in what words."""
    return [
        {
            "person_id": p.id,
            "document_id": r.document_id,
            "span_start": r.span.start,
            "span_end": r.span.end,
            "text": r.text,
            "organisation_ids": r.organisation_ids,
            "former": r.former,
        }
        for p in people
        for r in p.roles
    ]


def region_rows(documents: Sequence[Document]) -> list[Row]:
    """Return one row per region of each document: which part of the page, and where."""
    return [
        {
            "document_id": d.id,
            "kind": r.kind.value,
            "span_start": r.span.start,
            "span_end": r.span.end,
        }
        for d in documents
        for r in d.regions
    ]


_ROWS: dict[type[Any], Callable[[Any], Row]] = {
    Document: _document,
    Quote: _quote,
    Comment: _comment,
    Organisation: _organisation,
    Person: _person,
    Mention: _mention,
}

_BASIS = Vocabulary(Basis)

#: The columns of each row type, and of the ``roles`` and ``regions`` tables,
#: with their types.
SCHEMAS: dict[type[Any] | str, Schema] = {
    Document: (
        ("id", "str"),
        ("title", "str"),
        ("kind", Vocabulary(DocumentKind)),
        ("publisher_id", "str"),
        ("publisher_basis", _BASIS),
        ("publisher_note", "str"),
        ("published", "date"),
        ("published_basis", _BASIS),
        ("published_note", "str"),
        ("author_ids", "strs"),
        ("topics", Vocabulary(Topic, many=True)),
        ("source_file", "str"),
        ("source_sha256", "str"),
        ("text", "str"),
    ),
    Quote: (
        ("id", "str"),
        ("document_id", "str"),
        ("span_start", "int"),
        ("span_end", "int"),
        ("text", "str"),
        ("speaker", "str"),
        ("person_id", "str"),
        ("organisation_ids", "strs"),
        ("role", "str"),
        ("role_span_start", "int"),
        ("role_span_end", "int"),
        ("role_organisation_ids", "strs"),
        ("kind", Vocabulary(QuoteKind)),
        ("attribution", _BASIS),
        ("continues", "str"),
        ("note", "str"),
        ("source", "str"),
        ("source_start", "int"),
        ("source_end", "int"),
        ("cue", "str"),
        ("cue_start", "int"),
        ("cue_end", "int"),
    ),
    Comment: (
        ("id", "str"),
        ("document_id", "str"),
        ("position", "int"),
        ("author", "str"),
        ("person_id", "str"),
        ("role", "str"),
        ("affiliation", "str"),
        ("organisation_ids", "strs"),
        ("number", "int"),
        ("in_reply_to", "str"),
        ("span_start", "int"),
        ("span_end", "int"),
        ("text", "str"),
    ),
    Organisation: (
        ("id", "str"),
        ("name", "str"),
        ("aliases", "strs"),
        ("kind", Vocabulary(OrganisationKind)),
        ("country", "str"),
        ("note", "str"),
        ("well_known_names", "strs"),
    ),
    Person: (
        ("id", "str"),
        ("name", "str"),
        ("aliases", "strs"),
        ("roles", "strs"),
        ("note", "str"),
        ("former_roles", "strs"),
    ),
    Mention: (
        ("id", "str"),
        ("document_id", "str"),
        ("span_start", "int"),
        ("span_end", "int"),
        ("text", "str"),
        ("organisation_id", "str"),
        ("person_id", "str"),
        ("basis", _BASIS),
        ("note", "str"),
    ),
    "roles": (
        ("person_id", "str"),
        ("document_id", "str"),
        ("span_start", "int"),
        ("span_end", "int"),
        ("text", "str"),
        ("organisation_ids", "strs"),
        ("former", "bool"),
    ),
    "regions": (
        ("document_id", "str"),
        ("kind", Vocabulary(RegionKind)),
        ("span_start", "int"),
        ("span_end", "int"),
    ),
}

#: Singular and plural nouns for each row type, for reprs.
NOUNS: dict[type[Any], tuple[str, str]] = {
    Document: ("document", "documents"),
    Quote: ("quote", "quotes"),
    Comment: ("comment", "comments"),
    Organisation: ("organisation", "organisations"),
    Person: ("person", "people"),
    Mention: ("mention", "mentions"),
}

#: The columns an HTML table shows for each row type.
DISPLAY: dict[type[Any], tuple[str, ...]] = {
    Document: ("id", "kind", "published", "publisher_id", "title"),
    Quote: ("id", "speaker", "role", "text"),
    Comment: ("id", "author", "affiliation", "text"),
    Organisation: ("id", "name", "kind", "country"),
    Person: ("id", "name", "roles"),
    Mention: ("id", "text", "organisation_id", "person_id", "basis"),
}

_LABELS: dict[type[Any], Callable[[Any], str]] = {
    Organisation: lambda o: o.name,
    Person: lambda p: p.name,
}


def register(
    type_: type[Any],
    nouns: tuple[str, str],
    schema: Schema,
    build: Callable[[Any], Row],
    display: tuple[str, ...],
    label: Callable[[Any], str],
) -> None:
    """Register a result row type (used by the query and search modules)."""
    NOUNS[type_] = nouns
    SCHEMAS[type_] = schema
    _ROWS[type_] = build
    DISPLAY[type_] = display
    _LABELS[type_] = label


def row(item: object) -> Row:
    """Return the flat row of a record or result row (any other value: as it is)."""
    build = _ROWS.get(type(item))
    if build is not None:
        return build(item)
    if attrs.has(type(item)):
        return attrs.asdict(item, recurse=False)  # type: ignore[arg-type]
    return {"value": item}


def schema(type_: type[Any]) -> Schema:
    """Return the typed columns of a row type, for DataFrames and Arrow tables."""
    try:
        return SCHEMAS[type_]
    except KeyError:
        msg = f"no table layout for {type_.__name__} results"
        raise TypeError(msg) from None


def label(item: object) -> str:
    """Return the short name a repr shows for an item: its id, or a name."""
    found = _LABELS.get(type(item))
    return found(item) if found else str(getattr(item, "id", item))
