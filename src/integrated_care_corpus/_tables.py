"""What each flat table and column means, and how the tables join.

The tables are those of ``Corpus.to_dataframes()`` and of the CSV and
Parquet exports; their columns and types are in :data:`._rows.SCHEMAS`. This
module adds what a reader of a copied folder needs: a description of every
table and column, each table's primary key and its foreign keys. Parquet
files carry the descriptions in their metadata; ``datapackage.json``
(Frictionless) and ``croissant.json`` (Croissant) are written from them. A
test checks that every column of every table is described here.
"""

from __future__ import annotations

from typing import Any, Protocol

import attrs

from . import _rows
from ._records import Comment, Document, Mention, Organisation, Person, Quote


class _Records(Protocol):
    """What :func:`flat_tables` reads: a corpus's record tuples (a Corpus)."""

    @property
    def documents(self) -> tuple[Document, ...]: ...  # pragma: no cover - a protocol

    @property
    def people(self) -> tuple[Person, ...]: ...  # pragma: no cover - a protocol

    def statements(self) -> Any: ...  # noqa: ANN401  # pragma: no cover - a protocol


__all__ = [
    "DESCRIPTION",
    "LICENCE",
    "LICENCE_SUMMARY",
    "TABLES",
    "Table",
    "flat_tables",
    "schema_of",
]

#: What the dataset is, in a sentence or two (for dataset metadata).
DESCRIPTION = (
    "Quotations, reader comments, and the organisations and people named in "
    "five web pages of UK writing on integrated health and social care (press "
    "releases, news articles and a blog post, 2010 to about 2013), each tied by "
    "a character span to the document's exact text."
)

#: The licence, as an SPDX expression (the package metadata's ``license``).
LICENCE = "MIT AND LicenseRef-Source-Texts-Publishers-Copyright"
#: The licence in one sentence.
LICENCE_SUMMARY = (
    "Code and annotations: MIT. The source texts remain the copyright of their "
    "publishers and, for reader comments, of their writers; reuse beyond research "
    "and verification needs the rights holders' permission."
)


@attrs.frozen
class Table:
    """One flat table: what its rows are, its columns, its keys.

    Attributes:
        description: What one row is.
        columns: Column name -> what it holds.
        primary_key: The columns that identify a row.
        foreign_keys: Column -> (table, column) it refers to.
    """

    description: str
    columns: dict[str, str]
    primary_key: tuple[str, ...]
    foreign_keys: dict[str, tuple[str, str]] = attrs.field(factory=dict)


_SPAN_START = "Index of the first character in the document's text (Unicode code points, from 0)."
_SPAN_END = "Index one past the last character: text[span_start:span_end] is the text."
_DOCUMENT_ID = "The document (documents.id)."
_PERSON_ID = "The person (people.id), if any."

#: Table name -> what it is.
TABLES: dict[str, Table] = {
    "documents": Table(
        "A source document: its exact text and what the editor knows about it.",
        {
            "id": "Stable slug (publisher, date or 'undated', title words).",
            "title": "The headline as printed.",
            "kind": "press-release, news-article or blog-post.",
            "publisher_id": "The publishing organisation (organisations.id), if known.",
            "publisher_basis": "How the publisher is known: stated, inferred or unknown.",
            "publisher_note": "The evidence for an inferred publisher.",
            "published": "The publication date, if known.",
            "published_basis": "How the date is known: stated, inferred or unknown.",
            "published_note": "The evidence for an inferred date, or why it is unknown.",
            "author_ids": "The people (people.id) the text names as authors.",
            "topics": "Topics from the controlled vocabulary.",
            "source_file": "The seed file the text comes from.",
            "source_sha256": "Hex SHA-256 of the seed file's bytes.",
            "text": "The seed file decoded as UTF-8, unchanged; every span indexes it.",
        },
        ("id",),
        {"publisher_id": ("organisations", "id")},
    ),
    "quotes": Table(
        "Words a document presents, in quotation marks, as someone's.",
        {
            "id": "Stable id, <document id>/q<n>.",
            "document_id": _DOCUMENT_ID,
            "span_start": _SPAN_START,
            "span_end": _SPAN_END,
            "text": "The words inside the quotation marks, exactly as printed.",
            "speaker": "The speaker's name as printed in the credit.",
            "person_id": "The person speaking (people.id), if a person.",
            "organisation_ids": "The organisations the speaker speaks for, as credited.",
            "role": "The speaker's role as the document states it, if it does.",
            "role_span_start": "Where the role's words start in the document's text.",
            "role_span_end": "Where the role's words end (one past the last character).",
            "role_organisation_ids": "The organisations the stated role ties the speaker to.",
            "kind": "direct or partial.",
            "attribution": "stated when the credit names the speaker for these words; "
            "inferred when it comes from context (see note).",
            "continues": "For a quotation running across paragraphs, the quote (quotes.id) "
            "of the paragraph before.",
            "note": "Editorial note, for example the evidence for an inferred attribution.",
            "source": "The words that name the speaker for this quote (PARC 3.0's source), "
            "where the text gives them near it.",
            "source_start": "Where the source's words start in the document's text.",
            "source_end": "Where the source's words end (one past the last character).",
            "cue": "The reporting words (PARC 3.0's cue): said, added, according to.",
            "cue_start": "Where the cue's words start in the document's text.",
            "cue_end": "Where the cue's words end (one past the last character).",
        },
        ("id",),
        {
            "document_id": ("documents", "id"),
            "person_id": ("people", "id"),
            "continues": ("quotes", "id"),
        },
    ),
    "comments": Table(
        "One reader comment, as posted below a document.",
        {
            "id": "Stable id, <document id>/c<n>.",
            "document_id": _DOCUMENT_ID,
            "position": "1-based position in page order.",
            "author": "The name as signed, or empty when anonymous.",
            "person_id": "The person (people.id) for a signed comment.",
            "role": "The commenter's role as given, verbatim.",
            "affiliation": "The commenter's affiliation as given, verbatim.",
            "organisation_ids": "Organisations named in the affiliation.",
            "number": "The site's own comment number, where the page shows one.",
            "in_reply_to": "The comment (comments.id) this one answers, where the page shows it.",
            "span_start": _SPAN_START,
            "span_end": _SPAN_END,
            "text": "What the reader wrote, every paragraph, no site furniture.",
        },
        ("id",),
        {
            "document_id": ("documents", "id"),
            "person_id": ("people", "id"),
            "in_reply_to": ("comments", "id"),
        },
    ),
    "organisations": Table(
        "An organisation, or a class of bodies, named somewhere in the corpus.",
        {
            "id": "Stable slug.",
            "name": "Canonical name.",
            "aliases": "Other names, abbreviations and back-references the corpus uses.",
            "kind": "From the controlled vocabulary (the editor's classification).",
            "country": "ISO 3166-1 alpha-2 code: the editor's reading, except where a text "
            "states the country (the note then says so).",
            "note": "Editorial note, for example how an identification was made.",
            "well_known_names": "Names readers of the field use that the corpus never "
            "prints: the editor's, not evidence.",
        },
        ("id",),
    ),
    "people": Table(
        "A person named somewhere in the corpus.",
        {
            "id": "Stable slug.",
            "name": "Full name as the corpus prints it.",
            "aliases": "Other forms the corpus uses.",
            "roles": "Every distinct role text the corpus states (the roles table has each "
            "with its document and span).",
            "note": "Editorial note.",
            "former_roles": "The role texts the corpus gives as past.",
        },
        ("id",),
    ),
    "mentions": Table(
        "One place where a document names an organisation or a person.",
        {
            "id": "Stable id, <document id>/m<start offset>.",
            "document_id": _DOCUMENT_ID,
            "span_start": _SPAN_START,
            "span_end": _SPAN_END,
            "text": "The words as printed.",
            "organisation_id": "The organisation named (organisations.id), for an "
            "organisation mention.",
            "person_id": "The person named (people.id), for a person mention.",
            "basis": "stated when the words name the target; inferred when identifying it "
            "is the editor's reading (see note).",
            "note": "The evidence for an inferred identification.",
        },
        ("id",),
        {
            "document_id": ("documents", "id"),
            "organisation_id": ("organisations", "id"),
            "person_id": ("people", "id"),
        },
    ),
    "roles": Table(
        "One role a document states for a person, in the document's words.",
        {
            "person_id": "The person (people.id).",
            "document_id": "The document (documents.id) that states the role.",
            "span_start": _SPAN_START,
            "span_end": _SPAN_END,
            "text": "The words as printed.",
            "organisation_ids": "Organisations the stated role ties the person to.",
            "former": "Whether the text gives the role as past.",
        },
        ("person_id", "document_id", "span_start"),
        {"person_id": ("people", "id"), "document_id": ("documents", "id")},
    ),
    "regions": Table(
        "One part of a document's page (headline, body, a comment, site furniture ...).",
        {
            "document_id": _DOCUMENT_ID,
            "kind": "What the part is, from the controlled vocabulary.",
            "span_start": _SPAN_START,
            "span_end": _SPAN_END,
        },
        ("document_id", "span_start"),
        {"document_id": ("documents", "id")},
    ),
    "statements": Table(
        "One quote with its speaker, role, organisations and document, for coding quotes.",
        {
            "quote_id": "The quote (quotes.id).",
            "text": "The words inside the quotation marks, exactly as printed.",
            "kind": "direct or partial.",
            "attribution": "How the speaker is known: stated or inferred.",
            "speaker": "The speaker's name as printed in the credit.",
            "person_id": "The person speaking (people.id), if a person.",
            "person": "That person's name, as the corpus prints it.",
            "role": "The speaker's role as this document states it.",
            "organisation_ids": "The organisations the speaker speaks for (organisations.id).",
            "organisations": "Their names.",
            "document_id": _DOCUMENT_ID,
            "title": "The document's headline.",
            "document_kind": "press-release, news-article or blog-post.",
            "publisher": "The publishing organisation's name, if known.",
            "published": "The publication date, if known.",
            "date_basis": "How the date is known: stated, inferred or unknown.",
            "span_start": _SPAN_START,
            "span_end": _SPAN_END,
        },
        ("quote_id",),
        {
            "quote_id": ("quotes", "id"),
            "person_id": ("people", "id"),
            "document_id": ("documents", "id"),
        },
    ),
}

_STATEMENTS = "statements"

_TYPES: dict[str, type[Any] | str] = {
    "documents": Document,
    "quotes": Quote,
    "comments": Comment,
    "organisations": Organisation,
    "people": Person,
    "mentions": Mention,
    "roles": "roles",
    "regions": "regions",
}


def schema_of(table: str) -> _rows.Schema:
    """Return the typed columns of a table, by name."""
    if table == _STATEMENTS:  # a result row type, registered by the query layer
        (type_,) = [t for t, (_, plural) in _rows.NOUNS.items() if plural == _STATEMENTS]
        return _rows.schema(type_)
    return _rows.SCHEMAS[_TYPES[table]]


def flat_tables(corpus: _Records) -> dict[str, tuple[_rows.Schema, list[_rows.Row]]]:
    """Return every table of :data:`TABLES`: its typed columns and its rows."""
    tables: dict[str, tuple[_rows.Schema, list[_rows.Row]]] = {}
    for name in TABLES:
        if name == "roles":
            rows = _rows.role_rows(corpus.people)
        elif name == _STATEMENTS:
            statements = corpus.statements()
            tables[name] = (_rows.schema(statements.item_type), statements.to_dicts())
            continue
        elif name == "regions":
            rows = _rows.region_rows(corpus.documents)
        else:
            rows = [_rows.row(r) for r in getattr(corpus, name)]
        tables[name] = (_rows.SCHEMAS[_TYPES[name]], rows)
    return tables
