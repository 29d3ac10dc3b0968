"""The Corpus: one loaded corpus version, its record tuples and its lookups."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TypeVar

from ._errors import RemovedRecordError, UnknownRecordError
from ._query import CorpusQueries
from ._records import (
    Comment,
    Document,
    Mention,
    Organisation,
    Person,
    Quote,
    RecordKind,
    Tombstone,
)
from ._resources import RecordSet
from ._text import fold

__all__ = ["Corpus"]

_R = TypeVar("_R", Document, Quote, Comment, Organisation, Person, Mention)


def _by_id(records: Iterable[_R]) -> dict[str, _R]:
    return {r.id: r for r in records}


class Corpus(CorpusQueries):
    """One version of the corpus: records in a stable order, and lookups.

    Documents are in source file order; quotes, comments and mentions in
    document order, then text order; organisations and people by id. Records
    point at each other by id; use the lookups here to follow them.

    The filters (``find_documents``, ``find_quotes`` ...), cross-references
    (``quotes_by``, ``mentions_of``, ``co_mentions`` ...), ``search`` and the
    table exports are inherited from :class:`CorpusQueries`; see
    ``docs/cookbook.md`` for recipes.

    Attributes:
        version: The corpus (data) version, ``"1.0.0"``.
        schema_version: The version of the JSON format it was read from.
        documents: Every document.
        quotes: Every quote.
        comments: Every reader comment.
        organisations: Every organisation and class of bodies.
        people: Every person.
        mentions: Every place a document names an organisation or a person.
        tombstones: Every id an earlier version had and this one removed;
            looking one up raises :class:`RemovedRecordError`.
    """

    __slots__ = (
        "__dict__",  # for the lazily built indexes
        "comments",
        "documents",
        "mentions",
        "organisations",
        "people",
        "quotes",
        "schema_version",
        "tombstones",
        "version",
    )

    version: str
    schema_version: str
    documents: tuple[Document, ...]
    quotes: tuple[Quote, ...]
    comments: tuple[Comment, ...]
    organisations: tuple[Organisation, ...]
    people: tuple[Person, ...]
    mentions: tuple[Mention, ...]
    tombstones: tuple[Tombstone, ...]

    def __init__(
        self,
        version: str,
        schema_version: str,
        records: RecordSet,
        tombstones: tuple[Tombstone, ...] = (),
    ) -> None:
        """Wrap checked records; use :func:`load` rather than calling this."""
        # Set through object: the attributes are read-only once the corpus exists,
        # because load() hands the same cached object to every caller.
        init = object.__setattr__
        init(self, "version", version)
        init(self, "schema_version", schema_version)
        init(self, "documents", records.documents)
        init(self, "quotes", records.quotes)
        init(self, "comments", records.comments)
        init(self, "organisations", records.organisations)
        init(self, "people", records.people)
        init(self, "mentions", records.mentions)
        init(self, "tombstones", tombstones)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: a corpus is shared by every caller of :func:`load`."""
        msg = f"Corpus attributes are read-only: cannot set {name!r}"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        """Refuse: a corpus is shared by every caller of :func:`load`."""
        msg = f"Corpus attributes are read-only: cannot delete {name!r}"
        raise AttributeError(msg)

    def __repr__(self) -> str:
        """Return the version and the record counts."""
        return (
            f"<Corpus {self.version}: {len(self.documents)} documents, {len(self.quotes)} quotes, "
            f"{len(self.comments)} comments, {len(self.organisations)} organisations, "
            f"{len(self.people)} people, {len(self.mentions)} mentions>"
        )

    def counts(self) -> dict[str, int]:
        """Return the number of records of each type."""
        return {
            "documents": len(self.documents),
            "quotes": len(self.quotes),
            "comments": len(self.comments),
            "organisations": len(self.organisations),
            "people": len(self.people),
            "mentions": len(self.mentions),
        }

    # --- indexes, built once on first use -------------------------------------

    @functools.cached_property
    def _documents(self) -> dict[str, Document]:
        return _by_id(self.documents)

    @functools.cached_property
    def _organisations(self) -> dict[str, Organisation]:
        return _by_id(self.organisations)

    @functools.cached_property
    def _people(self) -> dict[str, Person]:
        return _by_id(self.people)

    @functools.cached_property
    def _quotes(self) -> dict[str, Quote]:
        return _by_id(self.quotes)

    @functools.cached_property
    def _comments(self) -> dict[str, Comment]:
        return _by_id(self.comments)

    @functools.cached_property
    def _mentions(self) -> dict[str, Mention]:
        return _by_id(self.mentions)

    @functools.cached_property
    def _organisation_names(self) -> dict[str, Organisation]:
        names: dict[str, Organisation] = {}
        for org in self.organisations:
            for name in (org.id, org.name, *org.aliases):
                names.setdefault(fold(name), org)
        return names

    @functools.cached_property
    def _person_names(self) -> dict[str, Person]:
        names: dict[str, Person] = {}
        for person in self.people:
            for name in (person.id, person.name, *person.aliases):
                names.setdefault(fold(name), person)
        return names

    @functools.cached_property
    def _tombstones(self) -> dict[tuple[str, str], Tombstone]:
        return {(t.kind.value, t.id): t for t in self.tombstones}

    def _missing(
        self, kind: RecordKind, key: str, candidates: list[str] | dict[str, str]
    ) -> UnknownRecordError:
        """Return the error for a failed lookup: removed (tombstoned) or unknown."""
        tomb = self._tombstones.get((kind.value, key))
        if tomb is not None:
            return RemovedRecordError(kind.value, key, tomb.removed_in, tomb.replaced_by, tomb.note)
        return UnknownRecordError(kind.value, key, candidates)

    # --- lookups ------------------------------------------------------------

    def document(self, id: str) -> Document:  # noqa: A002 - the natural name
        """Return the document with this id.

        Raises:
            UnknownRecordError: No such id; the message suggests close ids. It is
                a :class:`RemovedRecordError` for an id an earlier version had,
                saying in which version it was removed and what replaced it.
        """
        try:
            return self._documents[id]
        except KeyError:
            raise self._missing(RecordKind.DOCUMENT, id, list(self._documents)) from None

    def quote(self, id: str) -> Quote:  # noqa: A002
        """Return the quote with this id (raises :class:`UnknownRecordError`)."""
        try:
            return self._quotes[id]
        except KeyError:
            raise self._missing(RecordKind.QUOTE, id, list(self._quotes)) from None

    def comment(self, id: str) -> Comment:  # noqa: A002
        """Return the comment with this id (raises :class:`UnknownRecordError`)."""
        try:
            return self._comments[id]
        except KeyError:
            raise self._missing(RecordKind.COMMENT, id, list(self._comments)) from None

    def mention(self, id: str) -> Mention:  # noqa: A002
        """Return the mention with this id (raises :class:`UnknownRecordError`)."""
        try:
            return self._mentions[id]
        except KeyError:
            raise self._missing(RecordKind.MENTION, id, list(self._mentions)) from None

    def organisation(self, key: str) -> Organisation:
        """Return an organisation by id, name or alias, ignoring case and quote style.

        Raises:
            UnknownRecordError: Nothing matches; the message suggests close names.
        """
        found = self._organisations.get(key) or self._organisation_names.get(fold(key))
        if found is None:
            labels = {name: f"{o.name} ({o.id})" for name, o in self._organisation_names.items()}
            raise self._missing(RecordKind.ORGANISATION, key, labels)
        return found

    def person(self, key: str) -> Person:
        """Return a person by id, name or alias, ignoring case and quote style.

        Raises:
            UnknownRecordError: Nothing matches; the message suggests close names.
        """
        found = self._people.get(key) or self._person_names.get(fold(key))
        if found is None:
            labels = {name: f"{p.name} ({p.id})" for name, p in self._person_names.items()}
            raise self._missing(RecordKind.PERSON, key, labels)
        return found
