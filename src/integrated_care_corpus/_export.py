"""Standard exports of a corpus: JSON, JSON Lines, CSV, Parquet and JSON-LD.

Every format but JSON-LD writes one file per record type into a folder:

- ``json``: ``<type>.json``, an array of records in the bundled format (the
  package's converter reads them back into equal records);
- ``jsonl``: ``<type>.jsonl``, the same records, one per line;
- ``csv``: ``<type>.csv``, the flat rows of ``Results.to_dicts()`` plus a
  ``roles`` table, a list column as a JSON array (``["kings-fund"]``);
- ``parquet``: the tables of ``Corpus.to_parquet()`` (the ``[arrow]`` extra);
- ``jsonld``: ``corpus.jsonld``, every record as a schema.org node in one
  ``@graph``, with its ``@context`` embedded, so that no JSON-LD processor
  needs the network to read it.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _rows
from ._converter import RESOURCE_TYPES, converter
from ._records import Comment, Document, DocumentKind, Organisation, Person, Quote

if TYPE_CHECKING:
    from ._corpus import Corpus

__all__ = ["FORMATS", "JSONLD_CONTEXT", "export", "jsonld"]

#: The record types, in the order files are written.
_TYPES = ("documents", "quotes", "comments", "organisations", "people", "mentions")

#: The ``@context`` of the JSON-LD export: schema.org as the vocabulary, and
#: ``icc:`` for the corpus's own record IRIs. It is embedded in the file.
JSONLD_CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "icc": "urn:integrated-care-corpus:",
    "datePublished": {"@type": "xsd:date"},
}

_DOCUMENT_TYPES = {
    DocumentKind.NEWS_ARTICLE: "NewsArticle",
    DocumentKind.BLOG_POST: "BlogPosting",
    DocumentKind.PRESS_RELEASE: "Article",  # schema.org has no press release type
}


def _records(corpus: Corpus, name: str) -> tuple[Any, ...]:
    records: tuple[Any, ...] = getattr(corpus, name)
    return records


def _dump(value: object, *, indent: int | None) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)


def _write_json(corpus: Corpus, out: Path) -> list[Path]:
    paths = []
    for name in _TYPES:
        path = out / f"{name}.json"
        data = [converter.unstructure(r) for r in _records(corpus, name)]
        path.write_text(_dump(data, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _write_jsonl(corpus: Corpus, out: Path) -> list[Path]:
    paths = []
    for name in _TYPES:
        path = out / f"{name}.jsonl"
        lines = (
            _dump(converter.unstructure(r), indent=None) + "\n" for r in _records(corpus, name)
        )
        path.write_text("".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def _csv_value(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return _dump(list(value), indent=None)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _write_csv(corpus: Corpus, out: Path) -> list[Path]:
    tables: dict[str, tuple[_rows.Schema, list[_rows.Row]]] = {
        name: (
            _rows.SCHEMAS[RESOURCE_TYPES[name]],
            [_rows.row(r) for r in _records(corpus, name)],
        )
        for name in _TYPES
    }
    tables["roles"] = (_rows.SCHEMAS["roles"], _rows.role_rows(corpus.people))
    paths = []
    for name, (schema, rows) in tables.items():
        path = out / f"{name}.csv"
        columns = [column for column, _ in schema]
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(columns)
            writer.writerows([_csv_value(row[c]) for c in columns] for row in rows)
        paths.append(path)
    return paths


def _write_parquet(corpus: Corpus, out: Path) -> list[Path]:
    return list(corpus.to_parquet(out).values())


def _write_jsonld(corpus: Corpus, out: Path) -> list[Path]:
    path = out / "corpus.jsonld"
    path.write_text(_dump(jsonld(corpus), indent=1) + "\n", encoding="utf-8")
    return [path]


#: Format name -> writer of that format into a folder.
FORMATS: dict[str, Callable[[Corpus, Path], list[Path]]] = {
    "json": _write_json,
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
    "jsonld": _write_jsonld,
}


def export(corpus: Corpus, fmt: str, out: Path) -> list[Path]:
    """Write ``corpus`` in format ``fmt`` into the folder ``out``; return the files written.

    Raises:
        KeyError: ``fmt`` is not one of :data:`FORMATS`.
        MissingExtraError: ``parquet`` without the ``[arrow]`` extra.
        OSError: The folder could not be created or written.
    """
    writer = FORMATS[fmt]
    out.mkdir(parents=True, exist_ok=True)
    return writer(corpus, out)


# --- JSON-LD ------------------------------------------------------------------


def _ref(kind: str, record_id: str) -> dict[str, str]:
    return {"@id": f"icc:{kind}/{record_id}"}


def _refs(kind: str, ids: Sequence[str]) -> list[dict[str, str]]:
    return [_ref(kind, i) for i in ids]


def _drop_empty(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if v not in (None, [], "")}


def _document_node(corpus: Corpus, d: Document) -> dict[str, Any]:
    contents = corpus.in_document(d)
    return _drop_empty(
        {
            "@id": _ref("document", d.id)["@id"],
            "@type": _DOCUMENT_TYPES[d.kind],
            "identifier": d.id,
            "headline": d.title,
            "name": d.title,
            "genre": d.kind.value,
            "datePublished": d.published.date.isoformat() if d.published.date else None,
            "publisher": (
                _ref("organisation", d.publisher.organisation_id)
                if d.publisher.organisation_id
                else None
            ),
            "author": _refs("person", d.authors),
            "keywords": [t.value for t in d.topics],
            "mentions": [
                *_refs("organisation", contents.organisations.ids()),
                *_refs("person", contents.people.ids()),
            ],
            "commentCount": len(contents.comments),
            "text": d.text,
        }
    )


def _quote_node(q: Quote) -> dict[str, Any]:
    creator: list[dict[str, Any]]
    if q.person_id is not None:
        creator = [_ref("person", q.person_id)]
    elif q.organisation_ids:
        creator = _refs("organisation", q.organisation_ids)
    else:  # a speaker the corpus has no record for: a node of its own
        creator = [{"@type": "Thing", "name": q.speaker}]
    return _drop_empty(
        {
            "@id": _ref("quote", q.id)["@id"],
            "@type": "Quotation",
            "identifier": q.id,
            "text": q.text,
            "creator": creator[0] if len(creator) == 1 else creator,
            "sourceOrganization": _refs("organisation", q.organisation_ids),
            "isPartOf": _ref("document", q.document_id),
            "citation": _ref("document", q.document_id),
            "isBasedOn": _ref("quote", q.continues) if q.continues else None,
            "description": q.note,
            "icc:source": q.source.text if q.source else None,
            "icc:cue": q.cue.text if q.cue else None,
        }
    )


def _comment_node(c: Comment) -> dict[str, Any]:
    author: dict[str, Any] | None = None
    if c.person_id is not None:
        author = _ref("person", c.person_id)
    elif c.author is not None:
        author = {"@type": "Person", "name": c.author}
    parent = _ref("comment", c.in_reply_to) if c.in_reply_to else _ref("document", c.document_id)
    return _drop_empty(
        {
            "@id": _ref("comment", c.id)["@id"],
            "@type": "Comment",
            "identifier": c.id,
            "text": c.text,
            "author": author,
            "position": c.position,
            "parentItem": parent,
            "about": _refs("organisation", c.organisation_ids),
        }
    )


def _organisation_node(o: Organisation) -> dict[str, Any]:
    return _drop_empty(
        {
            "@id": _ref("organisation", o.id)["@id"],
            "@type": "Organization",
            "identifier": o.id,
            "name": o.name,
            "alternateName": list(dict.fromkeys((*o.aliases, *o.well_known_names))),
            "keywords": o.kind.value,
            "address": {"@type": "PostalAddress", "addressCountry": o.country},
            "description": o.note,
        }
    )


def _person_node(p: Person) -> dict[str, Any]:
    organisations = dict.fromkeys(i for r in p.roles for i in r.organisation_ids)
    return _drop_empty(
        {
            "@id": _ref("person", p.id)["@id"],
            "@type": "Person",
            "identifier": p.id,
            "name": p.name,
            "alternateName": list(p.aliases),
            "jobTitle": list(dict.fromkeys(r.text for r in p.roles if not r.former)),
            "icc:formerJobTitle": list(dict.fromkeys(r.text for r in p.roles if r.former)),
            "affiliation": _refs("organisation", list(organisations)),
            "description": p.note,
        }
    )


def jsonld(corpus: Corpus) -> dict[str, Any]:
    """Return the corpus as one JSON-LD document of schema.org nodes.

    Documents are ``NewsArticle``, ``BlogPosting`` or (press releases)
    ``Article``; quotes are ``Quotation`` with a ``creator`` (the person,
    else the organisations credited) and ``isPartOf`` their document;
    comments are ``Comment`` with a ``parentItem`` (the comment answered, else
    the document); organisations and people are ``Organization`` and
    ``Person``. A ``Dataset`` node names the corpus version. Record IRIs are
    ``urn:integrated-care-corpus:<type>/<id>``.
    """
    from ._citation import citation  # noqa: PLC0415 - only this export needs it
    from ._errors import UnknownVersionError  # noqa: PLC0415

    try:
        cite: str | None = citation(version=corpus.version)
    except UnknownVersionError:  # a corpus folder of a version this package does not bundle
        cite = None
    dataset = {
        "@id": f"icc:corpus/{corpus.version}",
        "@type": "Dataset",
        "name": "integrated-care-corpus",
        "version": corpus.version,
        "citation": cite,
        "hasPart": _refs("document", [d.id for d in corpus.documents]),
    }
    graph: list[dict[str, Any]] = [
        _drop_empty(dataset),
        *(_document_node(corpus, d) for d in corpus.documents),
        *(_quote_node(q) for q in corpus.quotes),
        *(_comment_node(c) for c in corpus.comments),
        *(_organisation_node(o) for o in corpus.organisations),
        *(_person_node(p) for p in corpus.people),
    ]
    return {"@context": JSONLD_CONTEXT, "@graph": graph}
