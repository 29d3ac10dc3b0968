"""Filters, cross-references and search over a corpus, and their result types.

:class:`CorpusQueries` holds the methods; :class:`~integrated_care_corpus.Corpus`
inherits them. Every filter and cross-reference goes through indexes built
once per corpus on first use (:class:`QueryIndex`), so a lookup by person,
organisation or document costs a dictionary access, not a scan.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
import functools
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NoReturn, TypeAlias, TypeVar, overload

import attrs

from . import _rows
from ._errors import UnknownRecordError
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
    Span,
    Topic,
)
from ._search import KINDS, Hit, SearchIndex, normalise, normalise_query

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = [
    "CoMention",
    "CorpusQueries",
    "DocumentContents",
    "QueryIndex",
    "Results",
    "Statement",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)

#: A value that names an organisation: the record, its id, its name or an alias.
OrganisationRef: TypeAlias = Organisation | str
#: A value that names a person: the record, its id, its name or an alias.
PersonRef: TypeAlias = Person | str
#: A value that names a document: the record, its id or its title.
DocumentRef: TypeAlias = Document | str
#: A date bound: a date, a year (``2011``) or an ISO string (``"2011"``,
#: ``"2011-06"``, ``"2011-06-30"``); a year or month as a lower bound means its
#: first day, as an upper bound its last.
DateBound: TypeAlias = _dt.date | int | str
#: One value, or a collection of values meaning "any of them".
Many: TypeAlias = _T | Iterable[_T]


def _fold(text: str) -> str:
    from ._corpus import fold  # noqa: PLC0415 - _corpus imports this module

    return fold(text)


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
        limit = 50
        rows = [_rows.row(item) for item in self._items[:limit]]
        columns = _rows.DISPLAY.get(self.item_type) or tuple(rows[0] if rows else ())
        return _rows.html_table(columns, rows, repr(self), len(self._items))

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
        person: The person quoted.
        document: The document it is in.
        role: The person's role in the words of this document, if it states one.
        organisations: The organisations the person speaks for here, as credited.
    """

    quote: Quote
    person: Person
    document: Document
    role: str | None
    organisations: tuple[Organisation, ...]

    @property
    def id(self) -> str:
        """Return the quote's id."""
        return self.quote.id

    @property
    def text(self) -> str:
        """Return the quoted words."""
        return self.quote.text

    @property
    def published(self) -> _dt.date | None:
        """Return the document's publication date, if known."""
        return self.document.published.date

    def __repr__(self) -> str:
        """Return who, in what role, where, and the first words."""
        words = " ".join(self.quote.text.split()[:6])
        return (
            f"<Statement {self.person.name} ({self.role or 'no role stated'}) "
            f"in {self.document.id}: {words!r}…>"
        )


@attrs.frozen(repr=False)
class CoMention:
    """Two organisations mentioned in the same documents.

    Attributes:
        first: One organisation (the one asked about, when one was).
        second: The other.
        documents: The documents that mention both, in corpus order.
    """

    first: Organisation
    second: Organisation
    documents: tuple[Document, ...]

    @property
    def count(self) -> int:
        """Return the number of documents that mention both."""
        return len(self.documents)

    def __repr__(self) -> str:
        """Return the two names and the count."""
        noun = "document" if self.count == 1 else "documents"
        return f"<CoMention {self.first.name} + {self.second.name}: {self.count} {noun}>"


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
        return "".join(
            part._repr_html_()
            for part in (self.quotes, self.comments, self.organisations, self.people)
        )


def _statement_row(s: Statement) -> _rows.Row:
    return {
        "quote_id": s.quote.id,
        "document_id": s.document.id,
        "published": s.document.published.date,
        "person_id": s.person.id,
        "person": s.person.name,
        "role": s.role,
        "organisation_ids": tuple(o.id for o in s.organisations),
        "start": s.quote.span.start,
        "end": s.quote.span.end,
        "text": s.quote.text,
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


def _register_rows() -> None:
    _rows.register(
        Statement,
        ("statement", "statements"),
        (
            ("quote_id", "str"),
            ("document_id", "str"),
            ("published", "date"),
            ("person_id", "str"),
            ("person", "str"),
            ("role", "str"),
            ("organisation_ids", "strs"),
            ("start", "int"),
            ("end", "int"),
            ("text", "str"),
        ),
        _statement_row,
        ("person", "role", "organisation_ids", "document_id", "text"),
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


# --- argument handling ------------------------------------------------------


def _many(value: object) -> list[Any]:
    """Return a criterion's values: one value, or each of a collection."""
    if isinstance(value, (str, _dt.date)) or attrs.has(type(value)):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def _enum(cls: type[_E], value: object, what: str) -> _E:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            key = "-".join(_fold(value).replace("_", " ").split())
            for member in cls:
                if key in (member.value, member.name.lower().replace("_", "-")):
                    return member
        raise UnknownRecordError(what, value, [m.value for m in cls])
    msg = f"{what}: expected a {cls.__name__} or its value, got {type(value).__name__}"
    raise TypeError(msg)


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _bound(value: object, *, end: bool, name: str) -> _dt.date:
    """Return the date a ``since`` (first day) or ``until`` (last day) bound means."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:04d}"
    elif isinstance(value, str):
        text = value.strip()
    else:
        msg = f"{name}: expected a date, a year or an ISO date string, got {type(value).__name__}"
        raise TypeError(msg)
    match = _DATE.fullmatch(text)
    if match is None:
        msg = f"{name}: expected a year, YYYY-MM or YYYY-MM-DD, got {value!r}"
        raise ValueError(msg)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # noqa: S101 - the pattern requires it
    try:
        if day is not None and month is not None:
            return _dt.date(year, month, day)
        if month is not None:
            first = _dt.date(year, month, 1)
            if not end:
                return first
            return (first + _dt.timedelta(days=31)).replace(day=1) - _dt.timedelta(days=1)
        return _dt.date(year, 12, 31) if end else _dt.date(year, 1, 1)
    except ValueError:
        msg = f"{name}: {value!r} is not a date"
        raise ValueError(msg) from None


def _union(groups: Sequence[Sequence[int]]) -> Sequence[int]:
    """Return the sorted union of sorted position lists."""
    if len(groups) == 1:
        return groups[0]
    return sorted(set().union(*groups))


def _has(positions: Sequence[int], position: int) -> bool:
    """Return whether a sorted sequence of positions holds ``position``."""
    k = bisect.bisect_left(positions, position)
    return k < len(positions) and positions[k] == position


def _intersect(criteria: list[Sequence[int]]) -> Sequence[int]:
    """Return the positions in every criterion (each sorted), in order."""
    if len(criteria) == 1:
        return criteria[0]
    criteria.sort(key=len)
    first, rest = criteria[0], criteria[1:]
    return [i for i in first if all(_has(other, i) for other in rest)]


#: Narrows candidate positions (``None``: every record) to those that pass a test.
Refine: TypeAlias = Callable[[Sequence[int] | None], Sequence[int]]


def _pick(
    type_: type[_T],
    records: Sequence[_T],
    criteria: list[Sequence[int]],
    refiners: Sequence[Refine] = (),
) -> Results[_T]:
    """Return the records every criterion and refiner keeps, in corpus order.

    Criteria are position lists from indexes; refiners run after them, on
    the few candidates left, or build their own list when there are none.
    """
    positions: Sequence[int] | None = _intersect(criteria) if criteria else None
    for refine in refiners:
        positions = refine(positions)
    if positions is None:
        return Results(type_, records)
    return Results(type_, [records[i] for i in positions])


def _group(
    records: Sequence[_T], keys: Callable[[_T], Iterable[str | None]]
) -> dict[str, tuple[int, ...]]:
    """Return key -> positions of the records with that key, in order."""
    groups: dict[str, list[int]] = {}
    for position, record in enumerate(records):
        for key in dict.fromkeys(keys(record)):
            if key is not None:
                groups.setdefault(key, []).append(position)
    return {key: tuple(positions) for key, positions in groups.items()}


def _inside(spans: tuple[list[int], list[int], list[int]] | None, span: Span) -> int | None:
    """Return the position of the record whose span holds ``span``, if any."""
    if spans is None:
        return None
    starts, ends, positions = spans
    k = bisect.bisect_right(starts, span.start) - 1
    if k >= 0 and span.end <= ends[k]:
        return positions[k]
    return None


def _spans_by_document(
    records: Sequence[Quote | Comment],
) -> dict[str, tuple[list[int], list[int], list[int]]]:
    by_document: dict[str, list[tuple[int, int, int]]] = {}
    for position, record in enumerate(records):
        by_document.setdefault(record.document_id, []).append(
            (record.span.start, record.span.end, position)
        )
    out = {}
    for document_id, spans in by_document.items():
        spans.sort()
        out[document_id] = ([s[0] for s in spans], [s[1] for s in spans], [s[2] for s in spans])
    return out


# --- indexes ------------------------------------------------------------------


class QueryIndex:
    """Every index the queries use, each built once, on first use."""

    def __init__(self, corpus: CorpusQueries) -> None:
        """Index ``corpus`` lazily."""
        self.corpus = corpus

    # documents
    @functools.cached_property
    def document_positions(self) -> dict[str, int]:
        return {d.id: i for i, d in enumerate(self.corpus.documents)}

    @functools.cached_property
    def documents_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.corpus.documents}

    @functools.cached_property
    def titles(self) -> dict[str, Document]:
        titles: dict[str, Document] = {}
        for d in self.corpus.documents:
            titles.setdefault(_fold(d.title), d)
        return titles

    @functools.cached_property
    def dates(self) -> tuple[list[_dt.date], list[int]]:
        dated = sorted(
            (d.published.date, i)
            for i, d in enumerate(self.corpus.documents)
            if d.published.date is not None
        )
        return [d for d, _ in dated], [i for _, i in dated]

    @functools.cached_property
    def document_dates(self) -> dict[str, _dt.date | None]:
        return {d.id: d.published.date for d in self.corpus.documents}

    @functools.cached_property
    def documents_by_publisher(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.documents, lambda d: (d.publisher.organisation_id,))

    @functools.cached_property
    def documents_by_author(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.documents, lambda d: d.authors)

    @functools.cached_property
    def documents_by_topic(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.documents, lambda d: (t.value for t in d.topics))

    @functools.cached_property
    def documents_by_kind(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.documents, lambda d: (d.kind.value,))

    @functools.cached_property
    def documents_mentioning_organisation(self) -> dict[str, tuple[int, ...]]:
        return self._document_positions(self.mentions_by_organisation, self.corpus.mentions)

    @functools.cached_property
    def documents_mentioning_person(self) -> dict[str, tuple[int, ...]]:
        return self._document_positions(self.mentions_by_person, self.corpus.mentions)

    @functools.cached_property
    def documents_quoting(self) -> dict[str, tuple[int, ...]]:
        return self._document_positions(self.quotes_by_person, self.corpus.quotes)

    def _document_positions(
        self,
        groups: Mapping[str, tuple[int, ...]],
        records: Sequence[Quote] | Sequence[Comment] | Sequence[Mention],
    ) -> dict[str, tuple[int, ...]]:
        where = self.document_positions
        return {
            key: tuple(sorted({where[records[i].document_id] for i in positions}))
            for key, positions in groups.items()
        }

    # quotes
    @functools.cached_property
    def quotes_by_person(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.quotes, lambda q: (q.person_id,))

    @functools.cached_property
    def quotes_by_speaker(self) -> dict[str, tuple[int, ...]]:
        # Speakers who are not people: a person is found through the person index.
        return _group(
            self.corpus.quotes, lambda q: (_fold(q.speaker) if q.person_id is None else None,)
        )

    @functools.cached_property
    def quotes_by_organisation(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.quotes, lambda q: q.organisation_ids)

    @functools.cached_property
    def quotes_by_document(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.quotes, lambda q: (q.document_id,))

    @functools.cached_property
    def quotes_by_kind(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.quotes, lambda q: (q.kind.value,))

    # comments
    @functools.cached_property
    def comments_by_person(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.comments, lambda c: (c.person_id,))

    @functools.cached_property
    def comments_by_author(self) -> dict[str, tuple[int, ...]]:
        return _group(
            self.corpus.comments,
            lambda c: (_fold(c.author) if c.author and c.person_id is None else None,),
        )

    @functools.cached_property
    def comments_by_organisation(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.comments, lambda c: c.organisation_ids)

    @functools.cached_property
    def comments_by_document(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.comments, lambda c: (c.document_id,))

    # mentions
    @functools.cached_property
    def mentions_by_organisation(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.mentions, lambda m: (m.organisation_id,))

    @functools.cached_property
    def mentions_by_person(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.mentions, lambda m: (m.person_id,))

    @functools.cached_property
    def mentions_by_document(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.mentions, lambda m: (m.document_id,))

    @functools.cached_property
    def containers(self) -> tuple[tuple[int | None, ...], tuple[int | None, ...]]:
        """For each mention, the position of the quote and of the comment holding it."""
        quotes = _spans_by_document(self.corpus.quotes)
        comments = _spans_by_document(self.corpus.comments)
        mentions = self.corpus.mentions
        return (
            tuple(_inside(quotes.get(m.document_id), m.span) for m in mentions),
            tuple(_inside(comments.get(m.document_id), m.span) for m in mentions),
        )

    # organisations and people
    @functools.cached_property
    def organisation_positions(self) -> dict[str, int]:
        return {o.id: i for i, o in enumerate(self.corpus.organisations)}

    @functools.cached_property
    def person_positions(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.corpus.people)}

    @functools.cached_property
    def organisations_by_kind(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.organisations, lambda o: (o.kind.value,))

    @functools.cached_property
    def organisations_by_country(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.organisations, lambda o: (o.country,))

    @functools.cached_property
    def people_by_organisation(self) -> dict[str, tuple[int, ...]]:
        return _group(
            self.corpus.people, lambda p: (o for r in p.roles for o in r.organisation_ids)
        )

    @functools.cached_property
    def people_by_current_organisation(self) -> dict[str, tuple[int, ...]]:
        return _group(
            self.corpus.people,
            lambda p: (o for r in p.roles if not r.former for o in r.organisation_ids),
        )

    # search
    @functools.cached_property
    def search(self) -> SearchIndex:
        return SearchIndex(self.corpus.documents, self.corpus.quotes, self.corpus.comments)


# --- the methods --------------------------------------------------------------


class CorpusQueries:
    """The filters, cross-references, search and exports of a corpus.

    :class:`~integrated_care_corpus.Corpus` inherits these methods. Wherever a
    method takes an organisation, a person or a document, it accepts the
    record, its id, or its name (an organisation's or person's name or any
    alias, ignoring case and quote-mark style; a document's title); a name
    that matches nothing raises :class:`UnknownRecordError`, which suggests
    close matches. Filter criteria combine with AND; a criterion given a
    collection of values matches any of them. Results are immutable,
    typed :class:`Results`, in corpus order unless a method says otherwise.
    """

    __slots__ = ()

    if TYPE_CHECKING:
        version: str
        documents: tuple[Document, ...]
        quotes: tuple[Quote, ...]
        comments: tuple[Comment, ...]
        organisations: tuple[Organisation, ...]
        people: tuple[Person, ...]
        mentions: tuple[Mention, ...]

        def document(self, id: str) -> Document: ...  # noqa: A002
        def organisation(self, key: str) -> Organisation: ...
        def person(self, key: str) -> Person: ...

    @functools.cached_property
    def _index(self) -> QueryIndex:
        return QueryIndex(self)

    # --- resolving values ---------------------------------------------------

    def _organisation_id(self, value: object) -> str:
        if isinstance(value, Organisation):
            found = self.organisation(value.id)
            if found != value:
                raise UnknownRecordError("organisation", value.id, [])
            return found.id
        if isinstance(value, str):
            return self.organisation(value).id
        msg = f"expected an Organisation, an id or a name, got {type(value).__name__}"
        raise TypeError(msg)

    def _person_id(self, value: object) -> str:
        if isinstance(value, Person):
            found = self.person(value.id)
            if found != value:
                raise UnknownRecordError("person", value.id, [])
            return found.id
        if isinstance(value, str):
            return self.person(value).id
        msg = f"expected a Person, an id or a name, got {type(value).__name__}"
        raise TypeError(msg)

    def _document_id(self, value: object) -> str:
        if isinstance(value, Document):
            found = self.document(value.id)
            if found != value:
                raise UnknownRecordError("document", value.id, [])
            return found.id
        if isinstance(value, str):
            index = self._index
            if value in index.documents_by_id:
                return value
            titled = index.titles.get(_fold(value))
            if titled is not None:
                return titled.id
            labels = {d.id: d.id for d in self.documents}
            labels.update({_fold(d.title): f"{d.title} ({d.id})" for d in self.documents})
            error = UnknownRecordError("document", value, labels)
            if not error.suggestions:  # a part of an id or title: suggest what holds it
                part = _fold(value)
                error.suggestions = tuple(
                    d.id for d in self.documents if part in d.id or part in _fold(d.title)
                )[:3]
            raise error
        msg = f"expected a Document, an id or a title, got {type(value).__name__}"
        raise TypeError(msg)

    def _entity(self, value: object) -> tuple[str, str]:
        """Resolve an organisation or a person: ``("organisation" | "person", id)``."""
        if isinstance(value, Person):
            return "person", self._person_id(value)
        if isinstance(value, Organisation) or not isinstance(value, str):
            return "organisation", self._organisation_id(value)
        try:
            return "organisation", self.organisation(value).id
        except UnknownRecordError as org_error:
            try:
                return "person", self.person(value).id
            except UnknownRecordError as person_error:
                error = UnknownRecordError("organisation or person", value, [])
                error.suggestions = (*org_error.suggestions, *person_error.suggestions)[:3]
                raise error from None

    def _speakers(
        self,
        value: object,
        by_person: Mapping[str, tuple[int, ...]],
        printed: Mapping[str, tuple[int, ...]],
        what: str,
    ) -> Sequence[int]:
        """Positions for a speaker or author: a person, else the name as printed."""
        if not isinstance(value, str):
            return by_person.get(self._person_id(value), ())
        try:
            return by_person.get(self.person(value).id, ())
        except UnknownRecordError:
            found = printed.get(_fold(value))
            if found is not None:
                return found
            labels = {name: name for name in printed}
            labels.update({_fold(p.name): f"{p.name} ({p.id})" for p in self.people})
            raise UnknownRecordError(what, value, labels) from None

    def _bounds(self, since: object, until: object) -> tuple[_dt.date, _dt.date] | None:
        """Return the inclusive date range the bounds mean (None: no bounds)."""
        if since is None and until is None:
            return None
        low = _bound(since, end=False, name="since") if since is not None else _dt.date.min
        high = _bound(until, end=True, name="until") if until is not None else _dt.date.max
        if high < low:
            msg = f"until ({high}) is before since ({low})"
            raise ValueError(msg)
        return low, high

    def _dated(self, bounds: tuple[_dt.date, _dt.date]) -> list[int]:
        """Return the positions of the documents dated within the range, in order."""
        dates, positions = self._index.dates
        low, high = bounds
        return sorted(positions[bisect.bisect_left(dates, low) : bisect.bisect_right(dates, high)])

    def _by_document_date(
        self,
        bounds: tuple[_dt.date, _dt.date],
        records: Sequence[Quote | Comment],
        by_document: Mapping[str, tuple[int, ...]],
    ) -> Refine:
        """Keep the quotes or comments whose document is dated within ``bounds``."""
        low, high = bounds

        def refine(positions: Sequence[int] | None) -> Sequence[int]:
            if positions is None:
                documents = self.documents
                groups = [by_document.get(documents[i].id, ()) for i in self._dated(bounds)]
                return sorted(itertools.chain.from_iterable(groups))
            dates = self._index.document_dates
            return [
                i
                for i in positions
                if (d := dates[records[i].document_id]) is not None and low <= d <= high
            ]

        return refine

    def _by_text(
        self, kind: str, text: object, records: Sequence[Document | Quote | Comment]
    ) -> Refine:
        """Keep the records whose text holds ``text``, as :meth:`search` matches it."""
        if not isinstance(text, str):
            msg = f"text: expected a string, got {type(text).__name__}"
            raise TypeError(msg)
        query = normalise_query(text)

        def refine(positions: Sequence[int] | None) -> Sequence[int]:
            # A few candidates: read their texts; many: one pass over the index.
            if positions is not None and len(positions) * 20 < len(records):
                return [i for i in positions if query in normalise(records[i].text)[0]]
            found = self._index.search.positions(kind, text)
            return found if positions is None else _intersect([found, positions])

        return refine

    # --- filters --------------------------------------------------------------

    def find_documents(
        self,
        *,
        publisher: Many[OrganisationRef] | None = None,
        kind: Many[DocumentKind | str] | None = None,
        author: Many[PersonRef] | None = None,
        topic: Many[Topic | str] | None = None,
        since: DateBound | None = None,
        until: DateBound | None = None,
        mentions: Many[OrganisationRef | PersonRef] | None = None,
        quoting: Many[PersonRef] | None = None,
        text: str | None = None,
    ) -> Results[Document]:
        """Return the documents that meet every criterion given.

        Args:
            publisher: Published by this organisation.
            kind: Of this kind (``DocumentKind`` or its value, ``"news-article"``).
            author: Written by this person.
            topic: Tagged with this topic (``Topic`` or its value).
            since: Published on or after this date. Documents without a
                date never meet a date criterion.
            until: Published on or before this date (a year or month means
                its last day).
            mentions: Mentioning this organisation or person.
            quoting: Quoting this person.
            text: Containing this text, as :meth:`search` matches it.
        """
        index = self._index
        criteria: list[Sequence[int]] = []
        if publisher is not None:
            groups = index.documents_by_publisher
            ids = [self._organisation_id(v) for v in _many(publisher)]
            criteria.append(_union([groups.get(i, ()) for i in ids] or [()]))
        if kind is not None:
            groups = index.documents_by_kind
            kinds = [_enum(DocumentKind, v, "document kind").value for v in _many(kind)]
            criteria.append(_union([groups.get(k, ()) for k in kinds] or [()]))
        if author is not None:
            groups = index.documents_by_author
            ids = [self._person_id(v) for v in _many(author)]
            criteria.append(_union([groups.get(i, ()) for i in ids] or [()]))
        if topic is not None:
            groups = index.documents_by_topic
            topics = [_enum(Topic, v, "topic").value for v in _many(topic)]
            criteria.append(_union([groups.get(t, ()) for t in topics] or [()]))
        bounds = self._bounds(since, until)
        if bounds is not None:
            criteria.append(self._dated(bounds))
        if mentions is not None:
            found = []
            for value in _many(mentions):
                what, key = self._entity(value)
                groups = (
                    index.documents_mentioning_organisation
                    if what == "organisation"
                    else index.documents_mentioning_person
                )
                found.append(groups.get(key, ()))
            criteria.append(_union(found or [()]))
        if quoting is not None:
            groups = index.documents_quoting
            ids = [self._person_id(v) for v in _many(quoting)]
            criteria.append(_union([groups.get(i, ()) for i in ids] or [()]))
        records = self.documents
        refiners = [] if text is None else [self._by_text("documents", text, records)]
        return _pick(Document, records, criteria, refiners)

    def find_quotes(
        self,
        *,
        speaker: Many[PersonRef] | None = None,
        organisation: Many[OrganisationRef] | None = None,
        document: Many[DocumentRef] | None = None,
        kind: Many[QuoteKind | str] | None = None,
        since: DateBound | None = None,
        until: DateBound | None = None,
        text: str | None = None,
    ) -> Results[Quote]:
        """Return the quotes that meet every criterion given.

        Args:
            speaker: Said by this person (record, id, name or alias), or,
                for a speaker who is not a person, credited to this name as
                printed (``"the report"``).
            organisation: Said for this organisation, as credited.
            document: In this document.
            kind: ``direct`` or ``partial``.
            since: In a document published on or after this date (quotes
                in undated documents never meet a date criterion).
            until: In a document published on or before this date.
            text: Containing this text, as :meth:`search` matches it.
        """
        index = self._index
        criteria: list[Sequence[int]] = []
        if speaker is not None:
            found = [
                self._speakers(v, index.quotes_by_person, index.quotes_by_speaker, "speaker")
                for v in _many(speaker)
            ]
            criteria.append(_union(found or [()]))
        if organisation is not None:
            groups = index.quotes_by_organisation
            ids = [self._organisation_id(v) for v in _many(organisation)]
            criteria.append(_union([groups.get(i, ()) for i in ids] or [()]))
        if document is not None:
            groups = index.quotes_by_document
            ids = [self._document_id(v) for v in _many(document)]
            criteria.append(_union([groups.get(i, ()) for i in ids] or [()]))
        if kind is not None:
            groups = index.quotes_by_kind
            kinds = [_enum(QuoteKind, v, "quote kind").value for v in _many(kind)]
            criteria.append(_union([groups.get(k, ()) for k in kinds] or [()]))
        records = self.quotes
        refiners: list[Refine] = []
        bounds = self._bounds(since, until)
        if bounds is not None:
            refiners.append(self._by_document_date(bounds, records, index.quotes_by_document))
        if text is not None:
            refiners.append(self._by_text("quotes", text, records))
        return _pick(Quote, records, criteria, refiners)

    def find_comments(
        self,
        *,
        document: Many[DocumentRef] | None = None,
        author: Many[PersonRef] | None = None,
        affiliation: str | None = None,
        organisation: Many[OrganisationRef] | None = None,
        anonymous: bool | None = None,
        since: DateBound | None = None,
        until: DateBound | None = None,
        text: str | None = None,
    ) -> Results[Comment]:
        """Return the reader comments that meet every criterion given.

        Args:
            document: Under this document.
            author: Signed by this person (record, id, name or alias, or
                the name as signed).
            affiliation: Whose stated affiliation contains these words
                (ignoring case and quote-mark style).
            organisation: Naming this organisation in the affiliation.
            anonymous: ``True`` for unsigned comments, ``False`` for signed ones.
            since: Under a document published on or after this date.
            until: Under a document published on or before this date.
            text: Containing this text, as :meth:`search` matches it.
        """
        index = self._index
        records = self.comments
        criteria: list[Sequence[int]] = []
        if document is not None:
            groups = index.comments_by_document
            ids = [self._document_id(v) for v in _many(document)]
            criteria.append(_union([groups.get(i, ()) for i in ids] or [()]))
        if author is not None:
            found = [
                self._speakers(v, index.comments_by_person, index.comments_by_author, "author")
                for v in _many(author)
            ]
            criteria.append(_union(found or [()]))
        if affiliation is not None:
            words = _fold(affiliation)
            criteria.append(
                [
                    i
                    for i, c in enumerate(records)
                    if c.affiliation is not None and words in _fold(c.affiliation)
                ]
            )
        if organisation is not None:
            groups = index.comments_by_organisation
            ids = [self._organisation_id(v) for v in _many(organisation)]
            criteria.append(_union([groups.get(i, ()) for i in ids] or [()]))
        if anonymous is not None:
            criteria.append([i for i, c in enumerate(records) if (c.author is None) == anonymous])
        refiners: list[Refine] = []
        bounds = self._bounds(since, until)
        if bounds is not None:
            refiners.append(self._by_document_date(bounds, records, index.comments_by_document))
        if text is not None:
            refiners.append(self._by_text("comments", text, records))
        return _pick(Comment, records, criteria, refiners)

    def find_mentions(
        self,
        *,
        of: Many[OrganisationRef | PersonRef] | None = None,
        document: Many[DocumentRef] | None = None,
        basis: Basis | str | None = None,
    ) -> Results[Mention]:
        """Return the mentions that meet every criterion given.

        Args:
            of: Naming this organisation or person.
            document: In this document.
            basis: ``stated`` or ``inferred`` identification.
        """
        index = self._index
        records = self.mentions
        criteria: list[Sequence[int]] = []
        if of is not None:
            found = []
            for value in _many(of):
                what, key = self._entity(value)
                groups = (
                    index.mentions_by_organisation
                    if what == "organisation"
                    else index.mentions_by_person
                )
                found.append(groups.get(key, ()))
            criteria.append(_union(found or [()]))
        if document is not None:
            groups = index.mentions_by_document
            ids = [self._document_id(v) for v in _many(document)]
            criteria.append(_union([groups.get(i, ()) for i in ids] or [()]))
        if basis is not None:
            wanted = _enum(Basis, basis, "basis")
            criteria.append([i for i, m in enumerate(records) if m.basis is wanted])
        return _pick(Mention, records, criteria)

    def find_organisations(
        self,
        *,
        kind: Many[OrganisationKind | str] | None = None,
        country: Many[str] | None = None,
    ) -> Results[Organisation]:
        """Return the organisations that meet every criterion given.

        Args:
            kind: Of this kind (``OrganisationKind`` or its value, ``"think-tank"``).
            country: In this country (ISO 3166-1 alpha-2 code, any case); a
                code no organisation has raises :class:`UnknownRecordError`.
        """
        index = self._index
        criteria: list[Sequence[int]] = []
        if kind is not None:
            groups = index.organisations_by_kind
            kinds = [_enum(OrganisationKind, v, "organisation kind").value for v in _many(kind)]
            criteria.append(_union([groups.get(k, ()) for k in kinds] or [()]))
        if country is not None:
            groups = index.organisations_by_country
            found = []
            for value in _many(country):
                code = str(value).strip().upper()
                if code not in groups:
                    raise UnknownRecordError("country", str(value), sorted(groups))
                found.append(groups[code])
            criteria.append(_union(found or [()]))
        records = self.organisations
        return _pick(Organisation, records, criteria)

    def find_people(
        self,
        *,
        organisation: Many[OrganisationRef] | None = None,
        role: str | None = None,
        former: bool = False,
    ) -> Results[Person]:
        """Return the people who meet every criterion given.

        Args:
            organisation: With a stated role tied to this organisation.
            role: With a stated role containing these words (ignoring case
                and quote-mark style): ``"minister"``, ``"chief executive"``.
            former: Also match roles the text gives as past ("After many
                years as an NHS commissioner"); by default only current ones.
        """
        index = self._index
        records = self.people
        criteria: list[Sequence[int]] = []
        if organisation is not None:
            groups = (
                index.people_by_organisation if former else index.people_by_current_organisation
            )
            ids = [self._organisation_id(v) for v in _many(organisation)]
            criteria.append(_union([groups.get(i, ()) for i in ids] or [()]))
        if role is not None:
            words = _fold(role)
            criteria.append(
                [
                    i
                    for i, p in enumerate(records)
                    if any(words in _fold(r.text) for r in p.roles if former or not r.former)
                ]
            )
        return _pick(Person, records, criteria)

    # --- cross-references -----------------------------------------------------

    def quotes_by(self, person: PersonRef) -> Results[Statement]:
        """Return everything a person is quoted as saying, with role and organisations.

        Each :class:`Statement` gives the role in the words of its own
        document (roles differ between documents) and the organisations
        the person is credited as speaking for there.
        """
        index = self._index
        found = self.person(self._person_id(person))
        statements = []
        for i in index.quotes_by_person.get(found.id, ()):
            quote = self.quotes[i]
            statements.append(
                Statement(
                    quote=quote,
                    person=found,
                    document=index.documents_by_id[quote.document_id],
                    role=quote.role.text if quote.role else None,
                    organisations=tuple(self.organisation(o) for o in quote.organisation_ids),
                )
            )
        return Results(Statement, statements)

    def organisations_spoken_for(self, person: PersonRef) -> Results[Organisation]:
        """Return the organisations a person is credited as speaking for, in any quote."""
        index = self._index
        positions = index.organisation_positions
        found = {
            positions[o]
            for i in index.quotes_by_person.get(self._person_id(person), ())
            for o in self.quotes[i].organisation_ids
        }
        return Results(Organisation, (self.organisations[i] for i in sorted(found)))

    def mentions_of(self, entity: OrganisationRef | PersonRef) -> Results[Mention]:
        """Return every mention of an organisation or a person, with its span."""
        return self.find_mentions(of=entity)

    def documents_mentioning(self, entity: OrganisationRef | PersonRef) -> Results[Document]:
        """Return the documents that mention an organisation or a person."""
        return self.find_documents(mentions=entity)

    def _containing(self, entity: OrganisationRef | PersonRef, which: int) -> list[int]:
        index = self._index
        what, key = self._entity(entity)
        groups = (
            index.mentions_by_organisation if what == "organisation" else index.mentions_by_person
        )
        holders = index.containers[which]
        return sorted({h for i in groups.get(key, ()) if (h := holders[i]) is not None})

    def quotes_mentioning(self, entity: OrganisationRef | PersonRef) -> Results[Quote]:
        """Return the quotes whose words mention an organisation or a person."""
        return Results(Quote, (self.quotes[i] for i in self._containing(entity, 0)))

    def comments_mentioning(self, entity: OrganisationRef | PersonRef) -> Results[Comment]:
        """Return the reader comments whose text mentions an organisation or a person."""
        return Results(Comment, (self.comments[i] for i in self._containing(entity, 1)))

    def co_mentions(
        self, organisation: OrganisationRef | None = None, *, min_documents: int = 1
    ) -> Results[CoMention]:
        """Return pairs of organisations mentioned in the same documents, with counts.

        Args:
            organisation: Only pairs with this organisation, which is then
                each pair's ``first``.
            min_documents: Only pairs mentioned together in at least this
                many documents.

        Pairs are ordered by count, most first, then by corpus order.
        """
        index = self._index
        positions = index.organisation_positions
        wanted = self._organisation_id(organisation) if organisation is not None else None
        pairs: dict[tuple[int, int], list[Document]] = {}
        by_document = index.mentions_by_document
        documents = self.documents
        if wanted is not None:
            documents = tuple(
                documents[i] for i in index.documents_mentioning_organisation.get(wanted, ())
            )
        for document in documents:
            mentioned = sorted(
                {
                    positions[org]
                    for i in by_document.get(document.id, ())
                    if (org := self.mentions[i].organisation_id) is not None
                }
            )
            if wanted is not None:
                first = positions[wanted]
                for other in mentioned:
                    if other != first:
                        pairs.setdefault((first, other), []).append(document)
                continue
            for pair in itertools.combinations(mentioned, 2):
                pairs.setdefault(pair, []).append(document)
        orgs = self.organisations
        out = [
            CoMention(orgs[a], orgs[b], tuple(found))
            for (a, b), found in pairs.items()
            if len(found) >= min_documents
        ]
        out.sort(key=lambda c: (-c.count, positions[c.first.id], positions[c.second.id]))
        return Results(CoMention, out)

    def people_quoted_in_several_documents(self, min_documents: int = 2) -> Results[Person]:
        """Return the people quoted in at least ``min_documents`` documents."""
        quoting = self._index.documents_quoting
        return Results(
            Person, (p for p in self.people if len(quoting.get(p.id, ())) >= min_documents)
        )

    def in_document(self, document: DocumentRef) -> DocumentContents:
        """Return the quotes, comments and mentions in a document."""
        index = self._index
        doc = index.documents_by_id[self._document_id(document)]
        mentions = [self.mentions[i] for i in index.mentions_by_document.get(doc.id, ())]
        orgs = {m.organisation_id for m in mentions if m.organisation_id}
        people = {m.person_id for m in mentions if m.person_id}
        return DocumentContents(
            document=doc,
            quotes=Results(
                Quote, (self.quotes[i] for i in index.quotes_by_document.get(doc.id, ()))
            ),
            comments=Results(
                Comment, (self.comments[i] for i in index.comments_by_document.get(doc.id, ()))
            ),
            mentions=Results(Mention, mentions),
            organisations=Results(Organisation, (o for o in self.organisations if o.id in orgs)),
            people=Results(Person, (p for p in self.people if p.id in people)),
        )

    def timeline(self) -> Results[Document]:
        """Return the dated documents, oldest first (undated documents are left out)."""
        _, positions = self._index.dates
        return Results(Document, (self.documents[i] for i in positions))

    # --- search -----------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        whole_word: bool = False,
        kinds: Many[type[Document | Quote | Comment] | str] | None = None,
        context: int = 40,
    ) -> Results[Hit]:
        """Find text in documents, quotes and comments.

        Matching ignores case, quote-mark style (’ and ' match), dash style
        and runs of whitespace (no-break spaces included). Each :class:`Hit`
        has the record, a ``span`` that indexes its document's original text
        exactly, the matched ``text`` as printed and a one-line ``snippet``.

        Args:
            text: What to look for.
            whole_word: Match only where the text is not part of a longer word.
            kinds: Which texts to search: ``"documents"``, ``"quotes"``,
                ``"comments"`` (or the record types); all three by default.
                A quote is also part of its document's text, so searching
                both finds it twice.
            context: Characters of context either side in each snippet.

        Hits come by kind in the order given, then in corpus and text order.
        """
        chosen = list(KINDS) if kinds is None else [_search_kind(k) for k in _many(kinds)]
        index = self._index
        hits = [
            hit
            for kind in dict.fromkeys(chosen)
            for hit in index.search.hits(
                kind, text, index.documents_by_id, whole_word=whole_word, context=context
            )
        ]
        return Results(Hit, hits)

    # --- tables -----------------------------------------------------------------

    def _tables(self) -> dict[str, tuple[_rows.Schema, list[_rows.Row]]]:
        records: dict[str, tuple[type[Any], Sequence[Any]]] = {
            "documents": (Document, self.documents),
            "quotes": (Quote, self.quotes),
            "comments": (Comment, self.comments),
            "organisations": (Organisation, self.organisations),
            "people": (Person, self.people),
            "mentions": (Mention, self.mentions),
        }
        tables = {
            name: (_rows.SCHEMAS[type_], [_rows.row(r) for r in items])
            for name, (type_, items) in records.items()
        }
        tables["roles"] = (_rows.SCHEMAS["roles"], _rows.role_rows(self.people))
        return tables

    def _table(self, name: str) -> tuple[_rows.Schema, list[_rows.Row]]:
        names = (*_TABLES,)
        if name not in names:
            raise UnknownRecordError("table", name, names)
        return self._tables()[name]

    def to_dataframes(self) -> dict[str, pandas.DataFrame]:
        """Return one pandas DataFrame per record type (needs the ``[pandas]`` extra).

        The tables are ``documents``, ``quotes``, ``comments``,
        ``organisations``, ``people``, ``mentions`` and ``roles`` (one row
        per role a document states for a person). References are id columns
        (``document_id``, ``person_id``, ``organisation_id``), so the tables
        join; several ids are a list column (``organisation_ids``) to explode.
        """
        from ._frames import dataframe  # noqa: PLC0415 - optional dependency

        return {name: dataframe(*table) for name, table in self._tables().items()}

    def to_dataframe(self, name: str) -> pandas.DataFrame:
        """Return one table of :meth:`to_dataframes` (``"quotes"``, say)."""
        from ._frames import dataframe  # noqa: PLC0415 - optional dependency

        return dataframe(*self._table(name))

    def to_arrow_tables(self) -> dict[str, pyarrow.Table]:
        """Return the tables of :meth:`to_dataframes` as pyarrow Tables (``[arrow]`` extra)."""
        from ._frames import arrow_table  # noqa: PLC0415 - optional dependency

        return {name: arrow_table(*table) for name, table in self._tables().items()}

    def to_arrow(self, name: str) -> pyarrow.Table:
        """Return one table of :meth:`to_arrow_tables` (``"quotes"``, say)."""
        from ._frames import arrow_table  # noqa: PLC0415 - optional dependency

        return arrow_table(*self._table(name))

    def to_parquet(self, directory: str | os.PathLike[str]) -> dict[str, Path]:
        """Write each table as ``<directory>/<name>.parquet`` (needs the ``[arrow]`` extra).

        Parquet is what DuckDB, Polars and Spark read. Returns the paths by table name.
        """
        from ._frames import write_parquet  # noqa: PLC0415 - optional dependency

        return write_parquet(self.to_arrow_tables(), Path(directory))

    # --- notebooks --------------------------------------------------------------

    def _repr_html_(self) -> str:
        counts = [
            {"records": name, "count": len(getattr(self, name))}
            for name in ("documents", "quotes", "comments", "organisations", "people", "mentions")
        ]
        caption = f"Corpus {self.version}"
        documents = [_rows.row(d) for d in self.documents[:50]]
        return _rows.html_table(("records", "count"), counts, caption, len(counts)) + (
            _rows.html_table(_rows.DISPLAY[Document], documents, "documents", len(self.documents))
        )


_TABLES = ("documents", "quotes", "comments", "organisations", "people", "mentions", "roles")

_SEARCH_KINDS = {
    "document": "documents",
    "documents": "documents",
    "quote": "quotes",
    "quotes": "quotes",
    "comment": "comments",
    "comments": "comments",
}


def _search_kind(value: object) -> str:
    if isinstance(value, type):
        value = value.__name__
    if isinstance(value, str):
        found = _SEARCH_KINDS.get(value.strip().lower())
        if found is None:
            raise UnknownRecordError("kind of text", value, ("documents", "quotes", "comments"))
        return found
    msg = f"kinds: expected 'documents', 'quotes' or 'comments', got {type(value).__name__}"
    raise TypeError(msg)
