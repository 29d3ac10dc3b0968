"""Flat rows: one plain dict per record, the shape of ``to_dicts()`` and of tables.

Every row holds scalars (``str``, ``int``, ``bool``, ``datetime.date`` or
``None``) or tuples of strings; references are ids, so rows of different types
join on them (``quotes.document_id`` to ``documents.id``, and so on). Each row
type has a schema, a tuple of ``(column, type)`` with type one of ``"str"``,
``"int"``, ``"bool"``, ``"date"`` and ``"strs"`` (a tuple of strings), which the optional
pandas and Arrow exports use to give every column its type.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ._records import Comment, Document, Mention, Organisation, Person, Quote

__all__ = ["DISPLAY", "NOUNS", "SCHEMAS", "Row", "html_table", "label", "role_rows", "row"]

Row = dict[str, Any]
Schema = tuple[tuple[str, str], ...]


def _document(d: Document) -> Row:
    return {
        "id": d.id,
        "title": d.title,
        "kind": d.kind.value,
        "publisher_id": d.publisher.organisation_id,
        "publisher_basis": d.publisher.basis.value,
        "published": d.published.date,
        "published_basis": d.published.basis.value,
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
        "start": q.span.start,
        "end": q.span.end,
        "text": q.text,
        "speaker": q.speaker,
        "person_id": q.person_id,
        "organisation_ids": q.organisation_ids,
        "role": q.role.text if q.role else None,
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
        "start": c.span.start,
        "end": c.span.end,
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
        "start": m.span.start,
        "end": m.span.end,
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
            "start": r.span.start,
            "end": r.span.end,
            "text": r.text,
            "organisation_ids": r.organisation_ids,
            "former": r.former,
        }
        for p in people
        for r in p.roles
    ]


_ROWS: dict[type[Any], Callable[[Any], Row]] = {
    Document: _document,
    Quote: _quote,
    Comment: _comment,
    Organisation: _organisation,
    Person: _person,
    Mention: _mention,
}

#: The columns of each row type, and of the ``roles`` table, with their types.
SCHEMAS: dict[type[Any] | str, Schema] = {
    Document: (
        ("id", "str"),
        ("title", "str"),
        ("kind", "str"),
        ("publisher_id", "str"),
        ("publisher_basis", "str"),
        ("published", "date"),
        ("published_basis", "str"),
        ("author_ids", "strs"),
        ("topics", "strs"),
        ("source_file", "str"),
        ("source_sha256", "str"),
        ("text", "str"),
    ),
    Quote: (
        ("id", "str"),
        ("document_id", "str"),
        ("start", "int"),
        ("end", "int"),
        ("text", "str"),
        ("speaker", "str"),
        ("person_id", "str"),
        ("organisation_ids", "strs"),
        ("role", "str"),
        ("role_organisation_ids", "strs"),
        ("kind", "str"),
        ("attribution", "str"),
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
        ("start", "int"),
        ("end", "int"),
        ("text", "str"),
    ),
    Organisation: (
        ("id", "str"),
        ("name", "str"),
        ("aliases", "strs"),
        ("kind", "str"),
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
        ("start", "int"),
        ("end", "int"),
        ("text", "str"),
        ("organisation_id", "str"),
        ("person_id", "str"),
        ("basis", "str"),
        ("note", "str"),
    ),
    "roles": (
        ("person_id", "str"),
        ("document_id", "str"),
        ("start", "int"),
        ("end", "int"),
        ("text", "str"),
        ("organisation_ids", "strs"),
        ("former", "bool"),
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


def _cell(value: object, width: int = 100) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, _dt.date):
        value = value.isoformat()
    text = " ".join(str(value).split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return html.escape(text)


def html_table(columns: Sequence[str], rows: Sequence[Row], caption: str, total: int) -> str:
    """Return an HTML table of some columns of the first rows of ``total``, for notebooks."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(r.get(c))}</td>" for c in columns) + "</tr>" for r in rows
    )
    if total > len(rows):
        body += f'<tr><td colspan="{len(columns)}">… {total - len(rows)} more</td></tr>'
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
