"""The indexes behind the queries, each built once per corpus on first use.

A lookup by person, organisation, document, kind or date costs a dictionary
access into one of these, not a scan: each maps a key to the sorted
positions of the records that have it.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from ._names import name_key
from ._records import Comment, Document, Mention, Organisation, Person, Quote, Span
from ._search import SearchIndex

__all__ = ["QueryIndex", "Records"]

_T = TypeVar("_T")


class Records(Protocol):
    """The record tuples an index is built over (a :class:`Corpus` has them)."""

    @property
    def documents(self) -> tuple[Document, ...]: ...
    @property
    def quotes(self) -> tuple[Quote, ...]: ...
    @property
    def comments(self) -> tuple[Comment, ...]: ...
    @property
    def organisations(self) -> tuple[Organisation, ...]: ...
    @property
    def people(self) -> tuple[Person, ...]: ...
    @property
    def mentions(self) -> tuple[Mention, ...]: ...


def _group_one(records: Sequence[Any], field: str) -> dict[str, tuple[int, ...]]:
    """Return value -> positions of the records whose ``field`` has that value, in order.

    For a field that holds one key or ``None`` (an id, say): the common index,
    built without a call per record.
    """
    groups: dict[str | None, list[int]] = {}
    get = groups.get
    for position, key in enumerate(map(operator.attrgetter(field), records)):
        found = get(key)
        if found is None:
            groups[key] = [position]
        else:
            found.append(position)
    groups.pop(None, None)
    return {key: tuple(positions) for key, positions in groups.items()}  # type: ignore[misc]


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


class QueryIndex:
    """Every index the queries use, each built once, on first use."""

    def __init__(self, corpus: Records) -> None:
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
        return _group_one(self.corpus.documents, "publisher.organisation_id")

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
        return _group_one(self.corpus.quotes, "person_id")

    @functools.cached_property
    def quotes_by_speaker(self) -> dict[str, tuple[int, ...]]:
        # Speakers who are not people: a person is found through the person index.
        return _group(
            self.corpus.quotes, lambda q: (name_key(q.speaker) if q.person_id is None else None,)
        )

    @functools.cached_property
    def quotes_by_speaking_organisation(self) -> dict[str, tuple[int, ...]]:
        # An organisation speaks where a quote credited to it names no person.
        return _group(
            self.corpus.quotes, lambda q: q.organisation_ids if q.person_id is None else ()
        )

    @functools.cached_property
    def quotes_by_organisation(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.quotes, lambda q: q.organisation_ids)

    @functools.cached_property
    def quotes_by_document(self) -> dict[str, tuple[int, ...]]:
        return _group_one(self.corpus.quotes, "document_id")

    @functools.cached_property
    def quotes_by_kind(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.quotes, lambda q: (q.kind.value,))

    # comments
    @functools.cached_property
    def comments_by_person(self) -> dict[str, tuple[int, ...]]:
        return _group_one(self.corpus.comments, "person_id")

    @functools.cached_property
    def comments_by_author(self) -> dict[str, tuple[int, ...]]:
        return _group(
            self.corpus.comments,
            lambda c: (name_key(c.author) if c.author and c.person_id is None else None,),
        )

    @functools.cached_property
    def comments_by_organisation(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.comments, lambda c: c.organisation_ids)

    @functools.cached_property
    def comments_by_document(self) -> dict[str, tuple[int, ...]]:
        return _group_one(self.corpus.comments, "document_id")

    # mentions
    @functools.cached_property
    def mentions_by_organisation(self) -> dict[str, tuple[int, ...]]:
        return _group_one(self.corpus.mentions, "organisation_id")

    @functools.cached_property
    def mentions_by_person(self) -> dict[str, tuple[int, ...]]:
        return _group_one(self.corpus.mentions, "person_id")

    @functools.cached_property
    def mentions_by_document(self) -> dict[str, tuple[int, ...]]:
        return _group_one(self.corpus.mentions, "document_id")

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
    def organisations_by_id(self) -> dict[str, Organisation]:
        return {o.id: o for o in self.corpus.organisations}

    @functools.cached_property
    def people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.corpus.people}

    @functools.cached_property
    def person_positions(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.corpus.people)}

    @functools.cached_property
    def organisations_by_kind(self) -> dict[str, tuple[int, ...]]:
        return _group(self.corpus.organisations, lambda o: (o.kind.value,))

    @functools.cached_property
    def organisations_by_country(self) -> dict[str, tuple[int, ...]]:
        return _group_one(self.corpus.organisations, "country")

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
