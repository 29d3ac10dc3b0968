"""The result types of queries: typed sequences, statements, co-mentions, contents.

:class:`Results` is what every filter and cross-reference returns; the others
are the rows some of them hold. Each type registers its table columns with
``_rows``, so ``to_dicts()``, DataFrames and Arrow tables share one layout.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeVar, overload

import attrs

from . import _rows
from ._hooks import render_html
from ._records import (
    Basis,
    Comment,
    Document,
    DocumentKind,
    Mention,
    Organisation,
    Person,
    Quote,
    QuoteKind,
)
from ._search import Hit

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["STATEMENT_COLUMNS", "CoMention", "DocumentContents", "Results", "Statement"]

_T = TypeVar("_T")


# --- result collections ------------------------------------------------------


class Results(Sequence[_T], Generic[_T]):
    """An immutable, typed sequence of records (or result rows), in corpus order.

    It behaves as a tuple (indexing, slicing, ``len``, ``in``, and equality
    with a tuple of the same items) and adds ``to_dicts()``, ``to_dataframe()``
    and ``to_arrow()``, a short ``repr`` and an HTML table in notebooks.

    Attributes:
        item_type: The type of the items (``Quote``, ``Statement`` ...).
    """

    __slots__ = ("_items", "item_type")
    _items: tuple[_T, ...]
    item_type: type[_T]

    def __init__(self, type_: type[_T], items: Iterable[_T] = ()) -> None:
        """Hold ``items``, all of ``type_``."""
        object.__setattr__(self, "item_type", type_)
        object.__setattr__(self, "_items", tuple(items))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        """Refuse: results are immutable."""
        msg = f"cannot set {name!r}: results are immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> NoReturn:
        """Refuse: results are immutable."""
        msg = f"cannot delete {name!r}: results are immutable"
        raise AttributeError(msg)

    def __len__(self) -> int:
        """Return the number of items."""
        return len(self._items)

    def __iter__(self) -> Iterator[_T]:
        """Iterate over the items in order."""
        return iter(self._items)

    def __contains__(self, item: object) -> bool:
        """Return whether ``item`` is one of the items."""
        return item in self._items

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> Results[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | Results[_T]:
        """Return one item, or a slice as results of the same type."""
        if isinstance(index, slice):
            return Results(self.item_type, self._items[index])
        return self._items[index]

    def __eq__(self, other: object) -> bool:
        """Compare items with other results or with a tuple."""
        if isinstance(other, Results):
            return self._items == other._items
        if isinstance(other, tuple):
            return self._items == other
        return NotImplemented

    def __hash__(self) -> int:
        """Hash as the tuple of items."""
        return hash(self._items)

    def __repr__(self) -> str:
        """Return the count and the first few names or ids."""
        singular, plural = _rows.NOUNS.get(
            self.item_type, (self.item_type.__name__, self.item_type.__name__)
        )
        noun = singular if len(self._items) == 1 else plural
        shown = ", ".join(_rows.label(item) for item in self._items[:3])
        more = f", … ({len(self._items) - 3} more)" if len(self._items) > 3 else ""  # noqa: PLR2004
        return f"<Results: {len(self._items)} {noun}" + (f": {shown}{more}>" if shown else ">")

    def _repr_html_(self) -> str:
        return render_html(self)

    def ids(self) -> tuple[str, ...]:
        """Return the ``id`` of every item, in order."""
        return tuple(str(getattr(item, "id")) for item in self._items)  # noqa: B009

    def to_dicts(self) -> list[dict[str, Any]]:
        """Return one flat, plain dict per item: ids for references, no nesting.

        Columns are those of :meth:`CorpusQueries.to_dataframes` for the same record type.
        """
        return [_rows.row(item) for item in self._items]

    def to_dataframe(self) -> pandas.DataFrame:
        """Return a pandas DataFrame of :meth:`to_dicts` (needs the ``[pandas]`` extra)."""
        from ._frames import dataframe  # noqa: PLC0415 - optional dependency

        return dataframe(_rows.schema(self.item_type), self.to_dicts())

    def to_arrow(self) -> pyarrow.Table:
        """Return a pyarrow Table of :meth:`to_dicts` (needs the ``[arrow]`` extra)."""
        from ._frames import arrow_table  # noqa: PLC0415 - optional dependency

        return arrow_table(_rows.schema(self.item_type), self.to_dicts())


@attrs.frozen(repr=False)
class Statement:
    """One quote with who said it, in what role, for whom, and where.

    Attributes:
        quote: The quote.
        person: The person quoted, or ``None`` when the speaker is not a person
            (an organisation, or a publication such as "the report").
        document: The document it is in.
        role: The person's role in the words of this document, if it states one.
        organisations: The organisations the speaker speaks for here, as credited
            (for an organisation's own statement, the organisation).
        publisher: The organisation that published the document, if known.
    """

    quote: Quote
    person: Person | None
    document: Document
    role: str | None
    organisations: tuple[Organisation, ...]
    publisher: Organisation | None = None

    @property
    def id(self) -> str:
        """Return the quote's id."""
        return self.quote.id

    @property
    def text(self) -> str:
        """Return the quoted words."""
        return self.quote.text

    @property
    def speaker(self) -> str:
        """Return the speaker's name as printed in the credit."""
        return self.quote.speaker

    @property
    def published(self) -> _dt.date | None:
        """Return the document's publication date, if known."""
        return self.document.published.date

    def __repr__(self) -> str:
        """Return who, in what role, where, and the first words."""
        words = " ".join(self.quote.text.split()[:6])
        who = self.person.name if self.person else self.quote.speaker
        return (
            f"<Statement {who} ({self.role or 'no role stated'}) in {self.document.id}: {words!r}…>"
        )

    def _repr_html_(self) -> str:
        return render_html(self)


@attrs.frozen(repr=False)
class CoMention:
    """Two organisations, or an organisation or person and another, mentioned together.

    Attributes:
        first: One organisation or person (the one asked about, when one was).
        second: The other.
        documents: The documents that mention both, in corpus order.
    """

    first: Organisation | Person
    second: Organisation | Person
    documents: tuple[Document, ...]

    @property
    def count(self) -> int:
        """Return the number of documents that mention both."""
        return len(self.documents)

    def __repr__(self) -> str:
        """Return the two names and the count."""
        noun = "document" if self.count == 1 else "documents"
        return f"<CoMention {self.first.name} + {self.second.name}: {self.count} {noun}>"

    def _repr_html_(self) -> str:
        return render_html(self)


@attrs.frozen(repr=False)
class DocumentContents:
    """Everything recorded in one document.

    Attributes:
        document: The document.
        quotes: Its quotes, in text order.
        comments: Its reader comments, in page order.
        mentions: Its mentions of organisations and people, in text order.
        organisations: The organisations it mentions, in corpus order.
        people: The people it mentions, in corpus order.
    """

    document: Document
    quotes: Results[Quote]
    comments: Results[Comment]
    mentions: Results[Mention]
    organisations: Results[Organisation]
    people: Results[Person]

    def __repr__(self) -> str:
        """Return the document id and the counts."""
        return (
            f"<DocumentContents {self.document.id}: {len(self.quotes)} quotes, "
            f"{len(self.comments)} comments, {len(self.mentions)} mentions>"
        )

    def _repr_html_(self) -> str:
        return render_html(self)


def _statement_row(s: Statement) -> _rows.Row:
    quote, document = s.quote, s.document
    return {
        "quote_id": quote.id,
        "text": quote.text,
        "kind": quote.kind.value,
        "attribution": quote.attribution.value,
        "speaker": quote.speaker,
        "person_id": s.person.id if s.person else None,
        "person": s.person.name if s.person else None,
        "role": s.role,
        "organisation_ids": tuple(o.id for o in s.organisations),
        "organisations": tuple(o.name for o in s.organisations),
        "document_id": document.id,
        "title": document.title,
        "document_kind": document.kind.value,
        "publisher": s.publisher.name if s.publisher else None,
        "published": document.published.date,
        "date_basis": document.published.basis.value,
        "span_start": quote.span.start,
        "span_end": quote.span.end,
    }


def _comention_row(c: CoMention) -> _rows.Row:
    return {
        "first_id": c.first.id,
        "first": c.first.name,
        "second_id": c.second.id,
        "second": c.second.name,
        "count": c.count,
        "document_ids": tuple(d.id for d in c.documents),
    }


def _hit_row(h: Hit) -> _rows.Row:
    return {
        "kind": h.kind,
        "record_id": h.record.id,
        "document_id": h.document.id,
        "start": h.span.start,
        "end": h.span.end,
        "text": h.text,
        "snippet": h.snippet,
    }


#: The statements table: one row per quote, everything a coder of quotes needs.
STATEMENT_COLUMNS: _rows.Schema = (
    ("quote_id", "str"),
    ("text", "str"),
    ("kind", _rows.Vocabulary(QuoteKind)),
    ("attribution", _rows.Vocabulary(Basis)),
    ("speaker", "str"),
    ("person_id", "str"),
    ("person", "str"),
    ("role", "str"),
    ("organisation_ids", "strs"),
    ("organisations", "strs"),
    ("document_id", "str"),
    ("title", "str"),
    ("document_kind", _rows.Vocabulary(DocumentKind)),
    ("publisher", "str"),
    ("published", "date"),
    ("date_basis", _rows.Vocabulary(Basis)),
    ("span_start", "int"),
    ("span_end", "int"),
)


def _register_rows() -> None:
    _rows.register(
        Statement,
        ("statement", "statements"),
        STATEMENT_COLUMNS,
        _statement_row,
        ("speaker", "role", "organisations", "document_id", "text"),
        lambda s: s.quote.id,
    )
    _rows.register(
        CoMention,
        ("co-mention", "co-mentions"),
        (
            ("first_id", "str"),
            ("first", "str"),
            ("second_id", "str"),
            ("second", "str"),
            ("count", "int"),
            ("document_ids", "strs"),
        ),
        _comention_row,
        ("first", "second", "count", "document_ids"),
        lambda c: f"{c.first.name} + {c.second.name} ({c.count})",
    )
    _rows.register(
        Hit,
        ("hit", "hits"),
        (
            ("kind", "str"),
            ("record_id", "str"),
            ("document_id", "str"),
            ("start", "int"),
            ("end", "int"),
            ("text", "str"),
            ("snippet", "str"),
        ),
        _hit_row,
        ("kind", "record_id", "start", "end", "snippet"),
        lambda h: f"{h.record.id}@{h.span.start}",
    )


_register_rows()
