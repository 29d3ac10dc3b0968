"""The Corpus: one loaded corpus version, its record tuples and its lookups."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

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

if TYPE_CHECKING:
    from ._names import Names

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

    def to_spacy(self, nlp: Any) -> list[Any]:  # noqa: ANN401 - spaCy's Language and Doc
        """Return one spaCy ``Doc`` per document, annotated (needs the ``[spacy]`` extra).

        ``nlp`` tokenises each text (``spacy.blank("en")`` will do; no other
        component runs). Mentions are the ``mentions`` span group and
        ``doc.ents`` (``ORG`` or ``PERSON``, the target's id as ``kb_id_``);
        quotes and reader comments the ``quotes`` and ``comments`` groups;
        every span has ``span._.icc_id`` (the record id), and quotes and
        comments ``span._.icc_speaker`` and ``span._.icc_person_id``.
        """
        from ._spacy import docs  # noqa: PLC0415 - optional dependency

        return docs(self, nlp)

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
    def _names(self) -> Names:
        from ._names import Names  # noqa: PLC0415 - on first lookup by name

        return Names(self.organisations, self.people, self.documents)

    @functools.cached_property
    def _tombstones(self) -> dict[tuple[str, str], Tombstone]:
        return {(t.kind.value, t.id): t for t in self.tombstones}

    def _removed(self, kind: RecordKind, key: str) -> None:
        """Raise :class:`RemovedRecordError` if ``key`` is an id this version removed."""
        tomb = self._tombstones.get((kind.value, key))
        if tomb is not None:
            raise RemovedRecordError(
                kind.value, key, tomb.removed_in, tomb.replaced_by, tomb.note
            ) from None

    def _missing(
        self, kind: RecordKind, key: str, candidates: list[str] | dict[str, str]
    ) -> UnknownRecordError:
        """Return the error for a failed lookup: removed (tombstoned) or unknown."""
        tomb = self._tombstones.get((kind.value, key))
        if tomb is not None:
            return RemovedRecordError(kind.value, key, tomb.removed_in, tomb.replaced_by, tomb.note)
        return UnknownRecordError(kind.value, key, candidates)

    # --- lookups ------------------------------------------------------------

    def document(self, key: str) -> Document:
        """Return a document by id, title, or a fragment of either no other document shares.

        Titles and fragments are compared as names are (see :meth:`organisation`):
        ``corpus.document("pulse")`` is the one document whose id holds "pulse".

        Raises:
            AmbiguousNameError: A fragment several documents share; the message
                lists their ids.
            UnknownRecordError: Nothing matches; the message suggests close titles
                and ids. It is a :class:`RemovedRecordError` for an id an earlier
                version had, saying in which version it was removed and what
                replaced it.
        """
        found = self._documents.get(key)
        if found is not None:
            return found
        self._removed(RecordKind.DOCUMENT, key)
        return self._names.document(key)

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
        """Return an organisation by id, name, alias or well-known name, as people write it.

        Names compare ignoring case, accents, quote-mark style and apostrophes
        (``"Kings Fund"`` is ``"The King's Fund"``), hyphens and spaces, and a
        leading "the" (``"the DH"``, ``"Fund"`` for the alias "the Fund").

        Raises:
            AmbiguousNameError: The name fits several organisations; the message
                lists them.
            UnknownRecordError: Nothing matches; the message suggests close names
                (never one sharing no word or initial with ``key``), or says the
                name is a person's.
        """
        found = self._organisations.get(key)
        if found is not None:
            return found
        self._removed(RecordKind.ORGANISATION, key)
        return self._names.organisation(key)

    def person(self, key: str) -> Person:
        """Return a person by id, name or alias, as :meth:`organisation` compares names.

        A title is optional (``"Dr Dixon"``), and a surname or forename alone
        is enough when no one else has it (``"Dixon"``, ``"Lamb"``).

        Raises:
            AmbiguousNameError: The name fits several people (``"Nick"``); the
                message lists them.
            UnknownRecordError: Nothing matches; the message suggests close names,
                or says the name is an organisation's.
        """
        found = self._people.get(key)
        if found is not None:
            return found
        self._removed(RecordKind.PERSON, key)
        return self._names.person(key)

    def entity(self, key: str) -> Organisation | Person:
        """Return the organisation or the person a name fits.

        Raises:
            AmbiguousNameError: It fits several records, or an organisation and a
                person; the message lists them and says how to choose.
            UnknownRecordError: Nothing matches; the message suggests close names.
        """
        found = self._organisations.get(key) or self._people.get(key)
        if found is not None:
            return found
        self._removed(RecordKind.ORGANISATION, key)
        self._removed(RecordKind.PERSON, key)
        return self._names.entity(key)
