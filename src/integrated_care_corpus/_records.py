"""The record types of the corpus: frozen, slotted attrs classes.

Records hold ids, never other records: cross-references go through
:class:`~integrated_care_corpus.Corpus`, so every record serialises as it is
and there are no cycles.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import attrs

from ._hooks import render_html

if TYPE_CHECKING:
    import datetime as _dt
else:

    class _LazyDatetime:
        """The ``datetime`` module, imported on first use.

        Only resolving the type hint of :attr:`PublicationDate.date` needs it
        here, so ``import integrated_care_corpus`` does not load ``datetime``
        (and its two C extensions) until something asks for it.
        """

        def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - whatever datetime has
            import datetime  # noqa: PLC0415 - lazy on purpose

            return getattr(datetime, name)

    _dt = _LazyDatetime()

__all__ = [
    "Basis",
    "Comment",
    "Document",
    "DocumentKind",
    "Excerpt",
    "Mention",
    "Organisation",
    "OrganisationKind",
    "Person",
    "PublicationDate",
    "Publisher",
    "Quote",
    "QuoteKind",
    "RecordKind",
    "Region",
    "RegionKind",
    "Role",
    "Source",
    "Span",
    "Tombstone",
    "Topic",
]


class Basis(str, enum.Enum):
    """How a value is known: stated in the text, inferred by the editor, or unknown."""

    STATED = "stated"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


class DocumentKind(str, enum.Enum):
    """The genre of a document."""

    PRESS_RELEASE = "press-release"
    NEWS_ARTICLE = "news-article"
    BLOG_POST = "blog-post"


class Topic(str, enum.Enum):
    """The controlled topic vocabulary (documented in the data card)."""

    INTEGRATED_CARE = "integrated-care"
    HEALTH_AND_SOCIAL_CARE = "health-and-social-care"
    NHS_REFORM = "nhs-reform"
    PILOTS_AND_PIONEERS = "pilots-and-pioneers"
    COMMISSIONING = "commissioning"
    FUNDING = "funding"
    LEADERSHIP = "leadership"
    EVALUATION = "evaluation"
    INTERNATIONAL = "international"


class RegionKind(str, enum.Enum):
    """The parts of a page; every non-blank character of a document is in one region."""

    HEADLINE = "headline"
    STANDFIRST = "standfirst"
    DATELINE = "dateline"
    BYLINE = "byline"
    BODY = "body"
    NOTES = "notes"
    COMMENT = "comment"
    FURNITURE = "furniture"


class QuoteKind(str, enum.Enum):
    """A direct quote (whole sentences) or a partial one woven into reported speech."""

    DIRECT = "direct"
    PARTIAL = "partial"


class OrganisationKind(str, enum.Enum):
    """The controlled organisation vocabulary (documented in the data card).

    ``CLASS_OF_BODIES`` marks a record that stands for a kind of local body
    existing in many places (clinical commissioning groups, say), not one body.
    """

    THINK_TANK = "think-tank"
    GOVERNMENT = "government"
    GOVERNMENT_DEPARTMENT = "government-department"
    PUBLIC_BODY = "public-body"
    HEALTH_SYSTEM = "health-system"
    HEALTH_BODY = "health-body"
    PROFESSIONAL_BODY = "professional-body"
    MEDIA = "media"
    COMPANY = "company"
    ACADEMIC = "academic"
    CLASS_OF_BODIES = "class-of-bodies"


def _repr(self: object) -> str:
    """Return ``Name(field=value, ...)``, the repr attrs would write.

    One function shared by every record class, instead of one generated and
    compiled per class, keeps ``import integrated_care_corpus`` cheap.
    """
    cls = type(self)
    fields: tuple[attrs.Attribute[object], ...] = cls.__attrs_attrs__  # type: ignore[attr-defined]
    shown = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in fields if a.repr)
    return f"{cls.__name__}({shown})"


def _repr_html(self: object) -> str:
    """Return the notebook view of a record (the tools layer draws it)."""
    return render_html(self)


def _fields_of(cls: type[object]) -> Callable[[object], object]:
    """Return a function giving an instance's field values in field order."""
    getter = _FIELDS.get(cls)
    if getter is None:
        names = [a.name for a in attrs.fields(cast("Any", cls))]
        getter = _FIELDS[cls] = operator.attrgetter(*names)
    return getter


_FIELDS: dict[type[object], Callable[[object], object]] = {}


def _eq(self: object, other: object) -> bool:
    """Compare two records of the same class field by field, as attrs would."""
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return] # typeshed types it as Any
    fields = _fields_of(type(self))
    return bool(fields(self) == fields(other))


def _hash(self: object) -> int:
    """Hash a record by its class and its field values, as attrs would."""
    return hash((type(self).__qualname__, _fields_of(type(self))(self)))


def _non_negative(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        msg = f"{attribute.name} must be >= 0, got {value}"
        raise ValueError(msg)


@attrs.frozen(weakref_slot=False)
class Span:
    """A half-open character range ``[start, end)`` into a document's ``text``.

    Attributes:
        start: Index of the first character.
        end: Index one past the last character.
    """

    __repr__ = _repr
    __eq__ = _eq
    __hash__ = _hash

    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        """Reject a span that ends before it starts."""
        if self.end < self.start:
            msg = f"span end {self.end} is before its start {self.start}"
            raise ValueError(msg)

    def __len__(self) -> int:
        """Return the number of characters covered."""
        return self.end - self.start

    def of(self, text: str) -> str:
        """Return the slice of ``text`` this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Return whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Return whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@attrs.frozen(weakref_slot=False)
class Excerpt:
    """A stretch of a document's text, with where it is.

    Attributes:
        text: The words exactly as printed.
        span: Where ``text`` is in the document's text.
    """

    __repr__ = _repr
    __eq__ = _eq
    __hash__ = _hash

    text: str
    span: Span


@attrs.frozen(weakref_slot=False)
class Source:
    """The seed file a document's text is, byte for byte.

    Attributes:
        file: File name in the project's ``seeds/`` folder.
        sha256: Hex SHA-256 of that file's bytes.
    """

    __repr__ = _repr
    __eq__ = _eq
    __hash__ = _hash

    file: str
    sha256: str


@attrs.frozen(weakref_slot=False)
class PublicationDate:
    """A publication date with its basis.

    Attributes:
        date: The date, or ``None`` when the text does not give one.
        basis: ``stated`` (the text gives it), ``inferred`` (see ``note``) or ``unknown``.
        note: The evidence for an inferred date, or why it is unknown.
    """

    __repr__ = _repr
    __eq__ = _eq
    __hash__ = _hash

    date: _dt.date | None
    basis: Basis
    note: str | None = None


@attrs.frozen(weakref_slot=False)
class Publisher:
    """Who published a document, with the basis of that attribution.

    Attributes:
        organisation_id: Id of the publishing :class:`Organisation`, or ``None``.
        basis: ``stated``, ``inferred`` (see ``note``) or ``unknown``.
        note: The evidence for an inferred publisher.
    """

    __repr__ = _repr
    __eq__ = _eq
    __hash__ = _hash

    organisation_id: str | None
    basis: Basis
    note: str | None = None


@attrs.frozen(weakref_slot=False)
class Region:
    """One part of a page (headline, body, a reader comment, site furniture ...).

    Attributes:
        kind: What the part is.
        span: Where it is in the document's text.
    """

    __repr__ = _repr
    __eq__ = _eq
    __hash__ = _hash

    kind: RegionKind
    span: Span


@attrs.frozen(weakref_slot=False)
class Role:
    """A role or affiliation exactly as one document states it.

    Attributes:
        document_id: The document that states it.
        text: The words as printed (``"chief executive of The King’s Fund"``).
        span: Where those words are in the document's text.
        organisation_ids: Organisations the stated role ties the person to.
        former: Whether the text gives the role as past ("After many years as
            an NHS commissioner"); a search for current holders leaves it out.
    """

    __repr__ = _repr
    __eq__ = _eq
    __hash__ = _hash

    document_id: str
    text: str
    span: Span
    organisation_ids: tuple[str, ...] = ()
    former: bool = False


@attrs.frozen(weakref_slot=False)
class Document:
    """A source document: its exact text and what the editor knows about it.

    Attributes:
        id: Stable slug (publisher, date or ``undated``, title words).
        title: The headline as printed.
        kind: Press release, news article or blog post.
        publisher: The publishing organisation, with its basis.
        authors: Ids of the :class:`Person` records the text names as authors.
        published: The publication date, with its basis.
        topics: Topics from the controlled vocabulary.
        source: The seed file and its SHA-256.
        regions: The parts of the page, in text order.
        text: The seed file decoded as UTF-8, unchanged.
    """

    id: str
    title: str
    kind: DocumentKind
    publisher: Publisher
    authors: tuple[str, ...]
    published: PublicationDate
    topics: tuple[Topic, ...]
    source: Source
    regions: tuple[Region, ...]
    text: str = attrs.field(repr=False)

    __eq__ = _eq
    __hash__ = _hash
    _repr_html_ = _repr_html

    def __repr__(self) -> str:
        """Return a one-line summary; the text is too long to show."""
        date = self.published.date.isoformat() if self.published.date else "undated"
        return f"Document({self.id!r}, {self.kind.value}, {date}, {len(self.text)} chars)"

    def regions_of(self, kind: RegionKind | str) -> tuple[Region, ...]:
        """Return the regions of one kind (``RegionKind`` or its value, ``"comment"``).

        Raises:
            UnknownRecordError: ``kind`` is no region kind; the message names them.
        """
        wanted = kind if isinstance(kind, RegionKind) else _region_kind(kind)
        return tuple(r for r in self.regions if r.kind is wanted)


def _region_kind(value: object) -> RegionKind:
    """Read a region kind as every vocabulary argument is read (case, ``_`` or space)."""
    if isinstance(value, str):
        from ._text import fold  # noqa: PLC0415 - the one fold, loaded on first use

        key = "-".join(fold(value).replace("_", " ").split())
        for member in RegionKind:
            if key == member.value:
                return member
        from ._errors import UnknownRecordError  # noqa: PLC0415 - errors load on first use

        error = UnknownRecordError("region kind", value, [m.value for m in RegionKind])
        error.hint = "one of " + ", ".join(m.value for m in RegionKind)
        raise error
    msg = f"region kind: expected a RegionKind or its value, got {type(value).__name__}"
    raise TypeError(msg)


@attrs.frozen(weakref_slot=False)
class Quote:
    """Words the text presents, in quotation marks, as someone's.

    Attributes:
        id: Stable id, ``<document id>/q<n>``.
        document_id: The document the quote is in.
        text: The words inside the quotation marks, exactly as printed.
        span: Where ``text`` is in the document's text.
        speaker: The speaker's name as printed in the credit (a person, an
            organisation, or a publication such as ``"the report"``).
        person_id: The :class:`Person` speaking, if a person.
        organisation_ids: The organisations the speaker speaks for, as credited.
        role: The speaker's role as the document states it, if it does.
        kind: ``direct`` or ``partial``.
        attribution: ``stated`` when the credit names the speaker for these
            words; ``inferred`` when it comes from context (see ``note``).
        continues: For a paragraph of a quotation that runs across paragraphs,
            the id of the paragraph before.
        note: Editorial note, for example the evidence for an inferred attribution.
        source: The words that name the speaker for this quote ("Chris Ham,
            chief executive of The King’s Fund", "he", "the report"), where
            the text gives them around the quote; ``None`` for a paragraph
            that continues a quotation and for an inferred attribution.
        cue: The reporting words that introduce or follow the quote ("said",
            "warned", "according to"), where the text gives them; ``None``
            in the same cases as ``source``.
    """

    __repr__ = _repr
    _repr_html_ = _repr_html
    __eq__ = _eq
    __hash__ = _hash

    id: str
    document_id: str
    text: str
    span: Span
    speaker: str
    person_id: str | None
    organisation_ids: tuple[str, ...]
    role: Role | None
    kind: QuoteKind
    attribution: Basis
    continues: str | None = None
    note: str | None = None
    source: Excerpt | None = None
    cue: Excerpt | None = None


@attrs.frozen(weakref_slot=False)
class Comment:
    """One reader comment, as posted below a document.

    Attributes:
        id: Stable id, ``<document id>/c<n>``.
        document_id: The document the comment is under.
        position: 1-based position in page order.
        author: The name as signed, or ``None`` when anonymous.
        person_id: The :class:`Person` for a signed comment.
        role: The commenter's role as given, verbatim.
        affiliation: The commenter's affiliation as given, verbatim.
        organisation_ids: Organisations named in the affiliation.
        number: The site's own comment number, where the page shows one.
        in_reply_to: The comment this one answers, only where the page shows it.
        text: What the reader wrote, every paragraph, no site furniture.
        span: Where ``text`` is in the document's text.
    """

    __repr__ = _repr
    _repr_html_ = _repr_html
    __eq__ = _eq
    __hash__ = _hash

    id: str
    document_id: str
    position: int
    author: str | None
    person_id: str | None
    role: str | None
    affiliation: str | None
    organisation_ids: tuple[str, ...]
    number: int | None
    in_reply_to: str | None
    text: str
    span: Span


@attrs.frozen(weakref_slot=False)
class Organisation:
    """An organisation, or a class of bodies, named somewhere in the corpus.

    Attributes:
        id: Stable slug.
        name: Canonical name.
        aliases: Other names, abbreviations and back-references the corpus uses.
        kind: From the controlled vocabulary; ``class-of-bodies`` for a kind of body.
        country: ISO 3166-1 alpha-2 code: the editor's reading, except where a
            text states the country, which the note then says.
        note: Editorial note, for example how an identification was made.
        well_known_names: Names the corpus never prints but readers of the
            field use ("CQC", "DoH"); the editor's, not evidence, and never
            backed by a mention. Lookups by name find them.
    """

    __repr__ = _repr
    _repr_html_ = _repr_html
    __eq__ = _eq
    __hash__ = _hash

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: OrganisationKind
    country: str
    note: str | None = None
    well_known_names: tuple[str, ...] = ()


@attrs.frozen(weakref_slot=False)
class Person:
    """A person named somewhere in the corpus.

    Attributes:
        id: Stable slug.
        name: Full name as the corpus prints it.
        aliases: Other forms the corpus uses (``"Mr Lamb"``).
        roles: Every role the corpus states, each tied to its document.
        note: Editorial note.
    """

    __repr__ = _repr
    _repr_html_ = _repr_html
    __eq__ = _eq
    __hash__ = _hash

    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    note: str | None = None


@attrs.frozen(weakref_slot=False)
class Mention:
    """One place where a document names an organisation or a person.

    Exactly one of ``organisation_id`` and ``person_id`` is set.

    Attributes:
        id: Stable id, ``<document id>/m<start offset>``.
        document_id: The document.
        text: The words as printed (without a leading article unless it is
            part of the name, as in "The King's Fund").
        span: Where ``text`` is in the document's text.
        organisation_id: The organisation named, for an organisation mention.
        person_id: The person named, for a person mention.
        basis: ``stated`` when the words name the target, ``inferred`` when
            identifying it is the editor's reading (see ``note``).
        note: The evidence for an inferred identification.
    """

    __repr__ = _repr
    _repr_html_ = _repr_html
    __eq__ = _eq
    __hash__ = _hash

    id: str
    document_id: str
    text: str
    span: Span
    organisation_id: str | None = None
    person_id: str | None = None
    basis: Basis = Basis.STATED
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        """Require exactly one target."""
        if (self.organisation_id is None) == (self.person_id is None):
            msg = "a mention names exactly one of organisation_id and person_id"
            raise ValueError(msg)


class RecordKind(str, enum.Enum):
    """The kinds of record that have stable ids (as named in error messages)."""

    DOCUMENT = "document"
    QUOTE = "quote"
    COMMENT = "comment"
    ORGANISATION = "organisation"
    PERSON = "person"
    MENTION = "mention"


@attrs.frozen(weakref_slot=False)
class Tombstone:
    """A record id that an earlier corpus version had and this one does not.

    Attributes:
        kind: The kind of record removed.
        id: The removed record's id.
        removed_in: The first corpus version without it.
        replaced_by: The id of the record (of the same kind) that takes its
            place, if any: a merged duplicate, say, or a corrected id.
        note: Why it was removed.
    """

    kind: RecordKind
    id: str
    removed_in: str
    replaced_by: str | None = None
    note: str | None = None
