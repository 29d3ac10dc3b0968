"""Filters, cross-references and search over a corpus.

:class:`CorpusQueries` holds the methods; :class:`~integrated_care_corpus.Corpus`
inherits them. Every filter and cross-reference goes through indexes built
once per corpus on first use (``_index.QueryIndex``), so a lookup by person,
organisation or document costs a dictionary access, not a scan; the values
a caller passes are read by ``_criteria``, and answers come back as the
types of ``_results``.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import itertools
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from ._combine import AllOf, AnyOf
from ._errors import AmbiguousNameError, UnknownRecordError
from ._hooks import render_html, write_site
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
    RecordKind,
    Topic,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import pandas
    import pyarrow

    from . import _rows
    from ._criteria import Refine
    from ._index import QueryIndex
    from ._names import Names
    from ._results import CoMention, DocumentContents, Results, Statement
    from ._search import Hit

#: Returns the grouping (key -> positions) to look names up in, built on first call.
_Groups: TypeAlias = "Callable[[], Mapping[str, Sequence[int]]]"

__all__ = ["CorpusQueries", "DateBound", "DocumentRef", "Many", "OrganisationRef", "PersonRef"]

_T = TypeVar("_T")

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
#: One value, or a collection of values meaning "any of them", or
#: :func:`~integrated_care_corpus.all_of` / :func:`~integrated_care_corpus.any_of` of values.
Many: TypeAlias = _T | Iterable[_T] | AllOf[_T] | AnyOf[_T]


# --- the methods --------------------------------------------------------------


class CorpusQueries:
    """The filters, cross-references, search and exports of a corpus.

    :class:`~integrated_care_corpus.Corpus` inherits these methods. Wherever a
    method takes an organisation, a person or a document, it accepts the
    record, its id, or its name as people write it (see
    :meth:`~integrated_care_corpus.Corpus.organisation`,
    :meth:`~integrated_care_corpus.Corpus.person` and
    :meth:`~integrated_care_corpus.Corpus.document`); a name that matches
    nothing raises :class:`UnknownRecordError`, which suggests close matches,
    and one that fits several records raises :class:`AmbiguousNameError`.
    A vocabulary argument takes the enum or its value as a string, in any
    case (``"think tank"``). Filter criteria combine with AND; a criterion
    given a collection of values matches any of them, and one given
    :func:`~integrated_care_corpus.all_of` of values matches only records
    that have every one. Results are immutable, typed :class:`Results`, in
    corpus order unless a method says otherwise.
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

        @property
        def _names(self) -> Names: ...
        def document(self, key: str) -> Document: ...
        def organisation(self, key: str) -> Organisation: ...
        def person(self, key: str) -> Person: ...
        def entity(self, key: str) -> Organisation | Person: ...
        def _removed(self, kind: RecordKind, key: str) -> None: ...

    @functools.cached_property
    def _index(self) -> QueryIndex:
        from ._index import QueryIndex  # noqa: PLC0415 - on first use

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
            return self.document(value).id
        msg = f"expected a Document, an id or a title, got {type(value).__name__}"
        raise TypeError(msg)

    def _entity(self, value: object) -> tuple[str, str]:
        """Resolve an organisation or a person: ``("organisation" | "person", id)``."""
        if isinstance(value, Person):
            return "person", self._person_id(value)
        if isinstance(value, Organisation):
            return "organisation", self._organisation_id(value)
        if isinstance(value, str):
            found = self.entity(value)
            return ("person" if isinstance(found, Person) else "organisation"), found.id
        msg = f"expected an Organisation, a Person, an id or a name, got {type(value).__name__}"
        raise TypeError(msg)

    def _speakers(self, value: object, of: str) -> Sequence[int]:
        """Positions of the quotes (or comments) of a speaker (or author).

        A speaker is a person, an organisation (in the quotes credited to it
        that name no person; comments have no organisation authors), or a
        name as printed. Indexes are built only as far as the value needs:
        an id costs a dictionary access.
        """
        index = self._index
        quotes = of == "quotes"
        what = "speaker" if quotes else "author"
        if isinstance(value, Person):
            key: tuple[str, str] | None = ("person", self._person_id(value))
        elif isinstance(value, Organisation) and quotes:
            key = ("organisation", self._organisation_id(value))
        elif not isinstance(value, str):
            kinds = "a Person, an Organisation" if quotes else "a Person"
            msg = f"{what}: expected {kinds}, an id or a name, got {type(value).__name__}"
            raise TypeError(msg)
        elif value in index.people_by_id:
            key = ("person", value)
        elif quotes and value in index.organisations_by_id:
            key = ("organisation", value)
        else:
            key = self._speaker_named(value, what, organisations=quotes)
        if key is None:
            return self._printed_speaker(str(value), of, what)
        if key[0] == "organisation":
            return index.quotes_by_speaking_organisation.get(key[1], ())
        by_person = index.quotes_by_person if quotes else index.comments_by_person
        return by_person.get(key[1], ())

    def _speaker_named(
        self, value: str, what: str, *, organisations: bool
    ) -> tuple[str, str] | None:
        """Resolve a speaker's name to ``(kind, id)``; ``None`` if it names no record."""
        names = self._names
        people = names.people(value)
        orgs = names.organisations(value) if organisations else []
        if len(people) + len(orgs) == 1:
            return ("person", people[0].id) if people else ("organisation", orgs[0].id)
        if people and orgs:
            error = AmbiguousNameError(
                what,
                value,
                [f"the organisation {o.name} ({o.id})" for o in orgs]
                + [f"the person {p.name} ({p.id})" for p in people],
            )
            error.hint = "pass corpus.organisation(...) or corpus.person(...) to choose"
            raise error
        labels = [f"{p.name} ({p.id})" for p in people] + [f"{o.name} ({o.id})" for o in orgs]
        if labels:
            raise AmbiguousNameError(what, value, labels)
        return None

    def _printed_speaker(self, value: str, of: str, what: str) -> Sequence[int]:
        """Positions for a speaker's or author's name as printed, or the error suggesting some."""
        from ._names import name_key  # noqa: PLC0415 - on first use

        index = self._index
        quotes = of == "quotes"
        printed = index.quotes_by_speaker if quotes else index.comments_by_author
        found = printed.get(name_key(value))
        if found is not None:
            return found
        records: Sequence[Quote] | Sequence[Comment] = self.quotes if quotes else self.comments
        shown = [
            str(getattr(records[i], "speaker" if quotes else "author"))
            for positions in printed.values()
            for i in positions[:1]
        ]
        # An id this version removed says so, and what replaced it.
        self._removed(RecordKind.PERSON, value)
        if quotes:
            self._removed(RecordKind.ORGANISATION, value)
        unknown = UnknownRecordError(what, value, ())
        unknown.suggestions = self._names.suggest(value, also=shown)
        raise unknown

    def _naming(self, value: object, by_organisation: _Groups, by_person: _Groups) -> Sequence[int]:
        """Positions for a criterion naming organisations or people, any or all of them.

        ``by_organisation`` and ``by_person`` return the groupings to look in:
        only the ones the names need are built.
        """
        from ._criteria import combined, many  # noqa: PLC0415 - on first use

        found = []
        for one in many(value):
            what, key = self._entity(one)
            groups = by_organisation() if what == "organisation" else by_person()
            found.append(groups.get(key, ()))
        return combined(value, found)

    def _bounds(self, since: object, until: object) -> tuple[_dt.date, _dt.date] | None:
        """Return the inclusive date range the bounds mean (None: no bounds)."""
        from ._criteria import bound  # noqa: PLC0415 - on first use

        if since is None and until is None:
            return None
        low = bound(since, end=False, name="since") if since is not None else _dt.date.min
        high = bound(until, end=True, name="until") if until is not None else _dt.date.max
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
        from ._criteria import intersect  # noqa: PLC0415 - on first use
        from ._search import Query  # noqa: PLC0415 - on first use

        if not isinstance(text, str):
            msg = f"text: expected a string, got {type(text).__name__}"
            raise TypeError(msg)
        query = Query.parse(text)

        def refine(positions: Sequence[int] | None) -> Sequence[int]:
            # A few candidates: read their texts; many: one pass over the index.
            if positions is not None and len(positions) * 20 < len(records):
                return [i for i in positions if query.found_in(records[i].text)]
            found = self._index.search.positions(kind, query)
            return found if positions is None else intersect([found, positions])

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
        from ._criteria import criterion, pick, value_of  # noqa: PLC0415 - on first use

        index = self._index
        criteria: list[Sequence[int]] = []
        if publisher is not None:
            groups = index.documents_by_publisher
            criteria.append(criterion(publisher, groups, self._organisation_id))
        if kind is not None:
            groups = index.documents_by_kind
            criteria.append(criterion(kind, groups, value_of(DocumentKind, "document kind")))
        if author is not None:
            groups = index.documents_by_author
            criteria.append(criterion(author, groups, self._person_id))
        if topic is not None:
            groups = index.documents_by_topic
            criteria.append(criterion(topic, groups, value_of(Topic, "topic")))
        bounds = self._bounds(since, until)
        if bounds is not None:
            criteria.append(self._dated(bounds))
        if mentions is not None:
            criteria.append(
                self._naming(
                    mentions,
                    lambda: index.documents_mentioning_organisation,
                    lambda: index.documents_mentioning_person,
                )
            )
        if quoting is not None:
            groups = index.documents_quoting
            criteria.append(criterion(quoting, groups, self._person_id))
        records = self.documents
        refiners = [] if text is None else [self._by_text("documents", text, records)]
        return pick(Document, records, criteria, refiners)

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
        from ._criteria import combined, criterion, many, pick, value_of  # noqa: PLC0415 - on first use

        index = self._index
        criteria: list[Sequence[int]] = []
        if speaker is not None:
            found = [self._speakers(v, "quotes") for v in many(speaker)]
            criteria.append(combined(speaker, found))
        if organisation is not None:
            groups = index.quotes_by_organisation
            criteria.append(criterion(organisation, groups, self._organisation_id))
        if document is not None:
            groups = index.quotes_by_document
            criteria.append(criterion(document, groups, self._document_id))
        if kind is not None:
            groups = index.quotes_by_kind
            criteria.append(criterion(kind, groups, value_of(QuoteKind, "quote kind")))
        records = self.quotes
        refiners: list[Refine] = []
        bounds = self._bounds(since, until)
        if bounds is not None:
            refiners.append(self._by_document_date(bounds, records, index.quotes_by_document))
        if text is not None:
            refiners.append(self._by_text("quotes", text, records))
        return pick(Quote, records, criteria, refiners)

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
        from ._criteria import combined, criterion, many, pick  # noqa: PLC0415 - on first use

        index = self._index
        records = self.comments
        criteria: list[Sequence[int]] = []
        if document is not None:
            groups = index.comments_by_document
            criteria.append(criterion(document, groups, self._document_id))
        if author is not None:
            found = [self._speakers(v, "comments") for v in many(author)]
            criteria.append(combined(author, found))
        if affiliation is not None:
            from ._text import fold  # noqa: PLC0415 - on first use

            words = fold(affiliation)
            criteria.append(
                [
                    i
                    for i, c in enumerate(records)
                    if c.affiliation is not None and words in fold(c.affiliation)
                ]
            )
        if organisation is not None:
            groups = index.comments_by_organisation
            criteria.append(criterion(organisation, groups, self._organisation_id))
        if anonymous is not None:
            criteria.append([i for i, c in enumerate(records) if (c.author is None) == anonymous])
        refiners: list[Refine] = []
        bounds = self._bounds(since, until)
        if bounds is not None:
            refiners.append(self._by_document_date(bounds, records, index.comments_by_document))
        if text is not None:
            refiners.append(self._by_text("comments", text, records))
        return pick(Comment, records, criteria, refiners)

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
        from ._criteria import criterion, enum_value, pick  # noqa: PLC0415 - on first use

        index = self._index
        records = self.mentions
        criteria: list[Sequence[int]] = []
        if of is not None:
            criteria.append(
                self._naming(
                    of, lambda: index.mentions_by_organisation, lambda: index.mentions_by_person
                )
            )
        if document is not None:
            groups = index.mentions_by_document
            criteria.append(criterion(document, groups, self._document_id))
        if basis is not None:
            wanted = enum_value(Basis, basis, "basis")
            criteria.append([i for i, m in enumerate(records) if m.basis is wanted])
        return pick(Mention, records, criteria)

    def find_organisations(
        self,
        *,
        kind: Many[OrganisationKind | str] | None = None,
        country: Many[str] | None = None,
    ) -> Results[Organisation]:
        """Return the organisations that meet every criterion given.

        Args:
            kind: Of this kind (``OrganisationKind`` or its value, ``"think-tank"``).
            country: In this country (ISO 3166-1 alpha-2 code, any case, and
                ``"UK"`` for ``"GB"``); a code no organisation has raises
                :class:`UnknownRecordError` naming the codes there are.
        """
        from ._criteria import country_code, criterion, pick, value_of  # noqa: PLC0415 - on first use

        index = self._index
        criteria: list[Sequence[int]] = []
        if kind is not None:
            groups = index.organisations_by_kind
            criteria.append(
                criterion(kind, groups, value_of(OrganisationKind, "organisation kind"))
            )
        if country is not None:
            groups = index.organisations_by_country
            criteria.append(criterion(country, groups, functools.partial(country_code, groups)))
        records = self.organisations
        return pick(Organisation, records, criteria)

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
        from ._criteria import criterion, pick  # noqa: PLC0415 - on first use

        index = self._index
        records = self.people
        criteria: list[Sequence[int]] = []
        if organisation is not None:
            groups = index.people_by_current_organisation
            if former:
                groups = index.people_by_organisation
            criteria.append(criterion(organisation, groups, self._organisation_id))
        if role is not None:
            from ._text import fold  # noqa: PLC0415 - on first use

            words = fold(role)
            criteria.append(
                [
                    i
                    for i, p in enumerate(records)
                    if any(words in fold(r.text) for r in p.roles if former or not r.former)
                ]
            )
        return pick(Person, records, criteria)

    # --- cross-references -----------------------------------------------------

    def quotes_by(self, speaker: OrganisationRef | PersonRef) -> Results[Statement]:
        """Return everything a person or an organisation is quoted as saying.

        Each :class:`Statement` gives the role in the words of its own
        document (roles differ between documents) and the organisations
        the speaker is credited as speaking for there. An organisation's
        statements are the quotes credited to it that name no person (``"the
        DH"``, ``"the report"`` of two think tanks); what its people said is
        ``find_quotes(organisation=...)``.

        Raises:
            AmbiguousNameError: The name fits several records (a person and an
                organisation, say); the message lists them and how to choose.
            UnknownRecordError: The name fits no person or organisation.
        """
        return self._statements(self._speakers(speaker, "quotes"))

    def statements(self) -> Results[Statement]:
        """Return one :class:`Statement` per quote, in corpus order.

        As a table (``to_dataframe()``, or ``corpus.to_dataframe("statements")``)
        it is one row per quote with its text, kind and attribution basis, the
        speaker as printed, the person's id and name, the role, the
        organisations' ids and names, and the document's id, title, kind,
        publisher, date and date basis, and the quote's span.
        """
        return self._statements(range(len(self.quotes)))

    def _statements(self, positions: Iterable[int]) -> Results[Statement]:
        from ._results import Results, Statement  # noqa: PLC0415 - on first use

        index = self._index
        organisations = index.organisations_by_id
        out = []
        for i in positions:
            quote = self.quotes[i]
            document = index.documents_by_id[quote.document_id]
            publisher = document.publisher.organisation_id
            out.append(
                Statement(
                    quote=quote,
                    person=index.people_by_id[quote.person_id] if quote.person_id else None,
                    document=document,
                    role=quote.role.text if quote.role else None,
                    organisations=tuple(organisations[o] for o in quote.organisation_ids),
                    publisher=organisations[publisher] if publisher else None,
                )
            )
        return Results(Statement, out)

    def organisations_spoken_for(self, person: PersonRef) -> Results[Organisation]:
        """Return the organisations a person is credited as speaking for, in any quote."""
        from ._results import Results  # noqa: PLC0415 - on first use

        index = self._index
        positions = index.organisation_positions
        found = {
            positions[o]
            for i in index.quotes_by_person.get(self._person_id(person), ())
            for o in self.quotes[i].organisation_ids
        }
        return Results(Organisation, (self.organisations[i] for i in sorted(found)))

    def mentions_of(self, entity: Many[OrganisationRef | PersonRef]) -> Results[Mention]:
        """Return every mention of an organisation or a person (or any of several)."""
        return self.find_mentions(of=entity)

    def documents_mentioning(
        self,
        entity: Many[OrganisationRef | PersonRef] | None = None,
        *,
        all_of: Iterable[OrganisationRef | PersonRef] | None = None,
        any_of: Iterable[OrganisationRef | PersonRef] | None = None,
    ) -> Results[Document]:
        """Return the documents that mention organisations or people.

        Args:
            entity: An organisation or a person; a bare list means any of them.
            all_of: Only documents that mention every one of these.
            any_of: Only documents that mention at least one of these.

        Given together, the arguments combine with AND. For example
        ``documents_mentioning(all_of=["King's Fund", "Nuffield Trust"])``.
        """
        from ._results import Results  # noqa: PLC0415 - on first use

        index = self._index
        positions = self._mentioning(
            entity,
            all_of,
            any_of,
            lambda: index.documents_mentioning_organisation,
            lambda: index.documents_mentioning_person,
        )
        return Results(Document, (self.documents[i] for i in positions))

    def _mentioning(
        self,
        entity: object,
        all_of: Iterable[object] | None,
        any_of: Iterable[object] | None,
        by_organisation: _Groups,
        by_person: _Groups,
    ) -> Sequence[int]:
        """Positions for the ``entity``, ``all_of`` and ``any_of`` arguments, ANDed."""
        from ._criteria import intersect  # noqa: PLC0415 - on first use

        asked = [
            value
            for value in (
                entity,
                None if all_of is None else AllOf(all_of),
                None if any_of is None else AnyOf(any_of),
            )
            if value is not None
        ]
        if not asked:
            msg = "name an organisation or person, or give all_of= or any_of="
            raise TypeError(msg)
        return intersect([list(self._naming(v, by_organisation, by_person)) for v in asked])

    @functools.cached_property
    def _holders(self) -> tuple[dict[str, tuple[int, ...]], ...]:
        """For quotes then comments: organisation or person id -> positions of holders."""
        index = self._index
        out = []
        for holders in index.containers:
            groups: dict[str, set[int]] = {}
            for i, mention in enumerate(self.mentions):
                holder = holders[i]
                if holder is not None:
                    for key in (mention.organisation_id, mention.person_id):
                        if key is not None:
                            groups.setdefault(key, set()).add(holder)
            out.append({key: tuple(sorted(found)) for key, found in groups.items()})
        return tuple(out)

    def quotes_mentioning(
        self,
        entity: Many[OrganisationRef | PersonRef] | None = None,
        *,
        all_of: Iterable[OrganisationRef | PersonRef] | None = None,
        any_of: Iterable[OrganisationRef | PersonRef] | None = None,
    ) -> Results[Quote]:
        """Return the quotes whose words mention organisations or people.

        The arguments are those of :meth:`documents_mentioning`.
        """
        from ._results import Results  # noqa: PLC0415 - on first use

        positions = self._mentioning(
            entity, all_of, any_of, lambda: self._holders[0], lambda: self._holders[0]
        )
        return Results(Quote, (self.quotes[i] for i in positions))

    def comments_mentioning(
        self,
        entity: Many[OrganisationRef | PersonRef] | None = None,
        *,
        all_of: Iterable[OrganisationRef | PersonRef] | None = None,
        any_of: Iterable[OrganisationRef | PersonRef] | None = None,
    ) -> Results[Comment]:
        """Return the reader comments whose text mentions organisations or people.

        The arguments are those of :meth:`documents_mentioning`.
        """
        from ._results import Results  # noqa: PLC0415 - on first use

        positions = self._mentioning(
            entity, all_of, any_of, lambda: self._holders[1], lambda: self._holders[1]
        )
        return Results(Comment, (self.comments[i] for i in positions))

    def co_mentions(
        self, entity: OrganisationRef | PersonRef | None = None, *, min_documents: int = 1
    ) -> Results[CoMention]:
        """Return pairs mentioned in the same documents, with counts.

        Args:
            entity: Only pairs with this organisation or person, which is then
                each pair's ``first``; the ``second`` is any organisation or
                person mentioned with it. Without it, the pairs are of
                organisations.
            min_documents: Only pairs mentioned together in at least this
                many documents.

        Pairs are ordered by count, most first, then by corpus order
        (organisations before people).
        """
        from ._results import CoMention, Results  # noqa: PLC0415 - on first use

        index = self._index
        records: list[Organisation | Person] = [*self.organisations, *self.people]
        offset = len(self.organisations)
        positions = {o.id: i for i, o in enumerate(self.organisations)}
        people = {p.id: offset + i for i, p in enumerate(self.people)}
        wanted: int | None = None
        documents: Sequence[Document] = self.documents
        if entity is not None:
            what, key = self._entity(entity)
            wanted = positions[key] if what == "organisation" else people[key]
            by = (
                index.documents_mentioning_organisation
                if what == "organisation"
                else index.documents_mentioning_person
            )
            documents = [self.documents[i] for i in by.get(key, ())]
        pairs: dict[tuple[int, int], list[Document]] = {}
        for document in documents:
            mentioned: set[int] = set()
            for i in index.mentions_by_document.get(document.id, ()):
                mention = self.mentions[i]
                if mention.organisation_id is not None:
                    mentioned.add(positions[mention.organisation_id])
                elif mention.person_id is not None and wanted is not None:
                    mentioned.add(people[mention.person_id])
            if wanted is not None:
                for other in sorted(mentioned - {wanted}):
                    pairs.setdefault((wanted, other), []).append(document)
                continue
            for pair in itertools.combinations(sorted(mentioned), 2):
                pairs.setdefault(pair, []).append(document)
        out = [
            (a, b, CoMention(records[a], records[b], tuple(found)))
            for (a, b), found in pairs.items()
            if len(found) >= min_documents
        ]
        out.sort(key=lambda t: (-t[2].count, t[0], t[1]))
        return Results(CoMention, (c for _, _, c in out))

    def people_quoted_in_several_documents(self, min_documents: int = 2) -> Results[Person]:
        """Return the people quoted in at least ``min_documents`` documents."""
        from ._results import Results  # noqa: PLC0415 - on first use

        quoting = self._index.documents_quoting
        return Results(
            Person, (p for p in self.people if len(quoting.get(p.id, ())) >= min_documents)
        )

    def in_document(self, document: DocumentRef) -> DocumentContents:
        """Return the quotes, comments and mentions in a document."""
        from ._results import DocumentContents, Results  # noqa: PLC0415 - on first use

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

    def timeline(self, *, undated: bool = True) -> Results[Document]:
        """Return the documents by publication date, oldest first, then the undated ones.

        An undated document is marked by its ``published.date`` being ``None``
        (``published.basis`` says why); tables show its date as empty.

        Args:
            undated: Put the documents without a date at the end, in corpus
                order; ``False`` leaves them out.
        """
        from ._results import Results  # noqa: PLC0415 - on first use

        _, positions = self._index.dates
        order = list(positions)
        if undated:
            order += [i for i, d in enumerate(self.documents) if d.published.date is None]
        return Results(Document, (self.documents[i] for i in order))

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
        from ._criteria import many  # noqa: PLC0415 - on first use
        from ._results import Results  # noqa: PLC0415 - on first use
        from ._search import KINDS, Hit  # noqa: PLC0415 - on first use

        chosen = list(KINDS) if kinds is None else [_search_kind(k) for k in many(kinds)]
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
        from . import _rows  # noqa: PLC0415 - on first use (a cheap import)
        from ._results import STATEMENT_COLUMNS  # noqa: PLC0415 - on first use

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
        tables["regions"] = (_rows.SCHEMAS["regions"], _rows.region_rows(self.documents))
        tables["statements"] = (STATEMENT_COLUMNS, self.statements().to_dicts())
        return tables

    def _table(self, name: str) -> tuple[_rows.Schema, list[_rows.Row]]:
        names = (*_TABLES,)
        if name not in names:
            raise UnknownRecordError("table", name, names)
        return self._tables()[name]

    def to_dataframes(self) -> dict[str, pandas.DataFrame]:
        """Return one pandas DataFrame per record type (needs the ``[pandas]`` extra).

        The tables are ``documents``, ``quotes``, ``comments``,
        ``organisations``, ``people``, ``mentions``, ``roles`` (one row
        per role a document states for a person), ``regions`` (one row per
        part of each document's page) and ``statements`` (one row per quote
        with its speaker, role, organisations and document, as
        :meth:`statements` gives them: the table for coding quotes). References are id columns
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
        from ._frames import arrow_table, describe  # noqa: PLC0415 - optional dependency

        return {
            name: describe(arrow_table(*table), name, self.version)
            for name, table in self._tables().items()
        }

    def to_arrow(self, name: str) -> pyarrow.Table:
        """Return one table of :meth:`to_arrow_tables` (``"quotes"``, say)."""
        from ._frames import arrow_table, describe  # noqa: PLC0415 - optional dependency

        return describe(arrow_table(*self._table(name)), name, self.version)

    def to_parquet(self, directory: str | os.PathLike[str]) -> dict[str, Path]:
        """Write each table as ``<directory>/<name>.parquet`` (needs the ``[arrow]`` extra).

        Parquet is what DuckDB, Polars and Spark read. Returns the paths by table name.
        """
        from pathlib import Path  # noqa: PLC0415 - only when writing

        from ._frames import write_parquet  # noqa: PLC0415 - optional dependency

        return write_parquet(self.to_arrow_tables(), Path(directory))

    def to_html(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write the corpus as a static HTML site into ``directory``; return the files.

        The site (an index, a page per document, person and organisation, the
        data card, the citation and a search page) works from ``file://`` with
        no server, links only relatively, and is byte-identical for the same
        corpus. See ``docs/views.md``.
        """
        from pathlib import Path  # noqa: PLC0415 - only when writing

        return write_site(self, Path(directory))

    # --- notebooks --------------------------------------------------------------

    def _repr_html_(self) -> str:
        return render_html(self)


def resolve_annotations() -> None:
    """Import the names the methods' annotations use, so ``typing.get_type_hints`` reads them.

    The modules behind them (results, criteria, indexes, names, search, rows,
    and :mod:`pathlib` for the writers) are imported by the methods on first
    use, so that loading a corpus does not pay for them; a tool that evaluates
    the annotations (the API docs' build) calls this first.
    """
    from pathlib import Path  # noqa: PLC0415

    from . import _rows  # noqa: PLC0415
    from ._criteria import Refine  # noqa: PLC0415
    from ._index import QueryIndex  # noqa: PLC0415
    from ._names import Names  # noqa: PLC0415
    from ._results import CoMention, DocumentContents, Results, Statement  # noqa: PLC0415
    from ._search import Hit  # noqa: PLC0415

    globals().update(
        Path=Path,
        _rows=_rows,
        Refine=Refine,
        QueryIndex=QueryIndex,
        Names=Names,
        CoMention=CoMention,
        DocumentContents=DocumentContents,
        Results=Results,
        Statement=Statement,
        Hit=Hit,
    )


_TABLES = (
    "documents",
    "quotes",
    "comments",
    "organisations",
    "people",
    "mentions",
    "roles",
    "regions",
    "statements",
)

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
