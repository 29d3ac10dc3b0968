"""Whole-corpus checks shared by the build and the loader.

Each check runs in a single pass over its records (dict lookups, no nested
scans), collects every problem it finds, and names the resource, the record
id and the field of each.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable, Sequence

import attrs

from ._errors import CorpusError, CorpusIntegrityError, CorpusReferenceError
from ._files import sha256_hex
from ._records import (
    Basis,
    Comment,
    Document,
    Mention,
    Organisation,
    Person,
    Quote,
    RegionKind,
    Role,
    Span,
)
from ._resources import SHA256, RecordSet
from ._rules import IDS_JOINED, MAX_ID_LENGTH, is_id, is_plain_file_name

__all__ = ["ID_EXPECTED", "Problem", "check_contract", "check_records", "raise_problems"]

_QUOTABLE_REGIONS = frozenset(
    {RegionKind.HEADLINE, RegionKind.STANDFIRST, RegionKind.BODY, RegionKind.NOTES}
)
_COUNTRY = re.compile(r"[A-Z]{2}\Z")
_ID = operator.attrgetter("id")
#: A document's regions for bisection: their starts, ends and kinds, in text order.
_RegionIndex = tuple[list[int], list[int], list[RegionKind]]
_UNSEEN: _RegionIndex = ([], [], [])


@attrs.frozen
class Problem:
    """One failed check.

    Attributes:
        resource: The resource file (``"quotes.json"``).
        record_id: The id of the record at fault.
        field: The field at fault (a dotted path).
        message: What is wrong and what was expected.
        category: ``"integrity"`` or ``"reference"``.
    """

    resource: str
    record_id: str
    field: str
    message: str
    category: str = "integrity"

    def __str__(self) -> str:
        """Return ``resource: record 'id', field 'f': message``."""
        return f"{self.resource}: record {self.record_id!r}, field {self.field!r}: {self.message}"


def raise_problems(problems: Sequence[Problem], *, limit: int = 20) -> None:
    """Raise one error listing the problems, if there are any.

    The error's class follows the first problem: reference problems raise
    :class:`CorpusReferenceError`, the rest :class:`CorpusIntegrityError`.
    """
    if not problems:
        return
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more problems")
    cls: type[CorpusError] = (
        CorpusReferenceError if problems[0].category == "reference" else CorpusIntegrityError
    )
    head = lines[0] if len(lines) == 1 else f"{len(problems)} problems:\n  " + "\n  ".join(lines)
    raise cls(head)


def _unique(
    resource: str, records: Iterable[Document | Quote | Comment | Organisation | Person | Mention]
) -> tuple[dict[str, object], list[Problem]]:
    records = tuple(records)
    seen: dict[str, object] = dict(zip(map(_ID, records), records, strict=True))
    if len(seen) == len(records):
        return seen, []  # the common case, at C speed
    seen = {}
    problems = []
    for record in records:
        if record.id in seen:
            problems.append(
                Problem(resource, record.id, "id", "duplicate id: ids must be unique", "reference")
            )
        seen[record.id] = record
    return seen, problems


def _span_problem(
    resource: str, record_id: str, field: str, span: Span, expected: str, text: str
) -> Problem | None:
    if span.end > len(text):
        return Problem(
            resource,
            record_id,
            field,
            f"span [{span.start}, {span.end}) runs past the end of the document"
            f" ({len(text)} characters)",
        )
    actual = span.of(text)
    if actual != expected:
        return Problem(
            resource,
            record_id,
            field,
            f"text[{span.start}:{span.end}] is {_short(actual)}, expected {_short(expected)}",
        )
    return None


def _short(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 3] + "...")


class _Checker:
    """Runs every check over one record set and collects the problems."""

    def __init__(self, records: RecordSet) -> None:
        self.r = records
        self.problems: list[Problem] = []
        self.docs, p1 = _unique("documents.json", records.documents)
        self.orgs, p2 = _unique("organisations.json", records.organisations)
        self.people, p3 = _unique("people.json", records.people)
        self.quotes, p4 = _unique("quotes.json", records.quotes)
        self.comments, p5 = _unique("comments.json", records.comments)
        _, p6 = _unique("mentions.json", records.mentions)
        self.problems += p1 + p2 + p3 + p4 + p5 + p6
        self.tables = {
            "document": self.docs,
            "organisation": self.orgs,
            "person": self.people,
            "quote": self.quotes,
            "comment": self.comments,
        }
        self.region_index: dict[str, _RegionIndex | None] = {}
        self.doc_rank = {d.id: i for i, d in enumerate(records.documents)}
        #: Resources whose records are out of document order, then text order.
        self.misordered: set[str] = set()

    def ref(self, resource: str, record_id: str, field: str, target: str | None, kind: str) -> bool:
        """Check that an id points at an existing record of ``kind``."""
        if target is None:
            return True
        if target not in self.tables[kind]:
            self.problems.append(
                Problem(
                    resource,
                    record_id,
                    field,
                    f"refers to {kind} {target!r}, which does not exist",
                    "reference",
                )
            )
            return False
        return True

    def span(
        self, resource: str, record_id: str, field: str, doc_id: str, span: Span, expected: str
    ) -> None:
        """Check that a span exists in its document and covers exactly ``expected``."""
        doc = self.docs.get(doc_id)
        if not isinstance(doc, Document):
            return  # the dangling document reference is reported on its own
        problem = _span_problem(resource, record_id, field, span, expected, doc.text)
        if problem:
            self.problems.append(problem)

    def role(self, resource: str, record_id: str, field: str, role: Role) -> None:
        """Check a stated role: its document, its span and its organisations."""
        if self.ref(resource, record_id, f"{field}.document_id", role.document_id, "document"):
            self.span(resource, record_id, f"{field}.span", role.document_id, role.span, role.text)
        for i, org in enumerate(role.organisation_ids):
            self.ref(resource, record_id, f"{field}.organisation_ids[{i}]", org, "organisation")

    def add(self, resource: str, record_id: str, field: str, message: str) -> None:
        """Record an integrity problem."""
        self.problems.append(Problem(resource, record_id, field, message))

    # --- per resource -------------------------------------------------------

    def check_documents(self) -> None:
        """Check documents: checksum, dates, publisher, authors, regions, title."""
        res = "documents.json"
        for doc in self.r.documents:
            if not SHA256.match(doc.source.sha256):
                self.add(res, doc.id, "source.sha256", "expected 64 lowercase hex digits")
            elif (
                # surrogatepass: a JSON "\ud800" escape gives a lone surrogate, never in a seed
                sha256_hex(doc.text.encode("utf-8", "surrogatepass")) != doc.source.sha256
            ):
                self.add(
                    res,
                    doc.id,
                    "text",
                    f"SHA-256 of the text does not match source.sha256 of {doc.source.file!r}",
                )
            self._basis(
                res,
                doc.id,
                "published",
                doc.published.basis,
                has_value=doc.published.date is not None,
                note=doc.published.note,
            )
            self._basis(
                res,
                doc.id,
                "publisher",
                doc.publisher.basis,
                has_value=doc.publisher.organisation_id is not None,
                note=doc.publisher.note,
            )
            self.ref(
                res,
                doc.id,
                "publisher.organisation_id",
                doc.publisher.organisation_id,
                "organisation",
            )
            for i, author in enumerate(doc.authors):
                self.ref(res, doc.id, f"authors[{i}]", author, "person")
            self._regions(doc)

    def _basis(
        self, res: str, rid: str, field: str, basis: Basis, *, has_value: bool, note: str | None
    ) -> None:
        if basis is Basis.UNKNOWN and has_value:
            self.add(res, rid, f"{field}.basis", "basis 'unknown' but a value is given")
        if basis is not Basis.UNKNOWN and not has_value:
            self.add(res, rid, f"{field}.basis", f"basis {basis.value!r} but no value is given")
        if basis is Basis.INFERRED and not note:
            self.add(res, rid, f"{field}.note", "an inferred value needs a note of the evidence")

    def _regions(self, doc: Document) -> None:
        res = "documents.json"
        text = doc.text
        covered = 0
        headlines = []
        for i, region in enumerate(doc.regions):
            start, end = region.span.start, region.span.end
            if (
                covered <= start < end <= len(text)
                and not text[start].isspace()
                and not text[end - 1].isspace()
                and (start == covered or not text[covered:start].strip())
            ):  # the common case: in order, trimmed, nothing left between
                covered = end
                if region.kind is RegionKind.HEADLINE:
                    headlines.append(text[start:end])
                continue
            field = f"regions[{i}]"
            if region.span.end > len(text):
                self.add(res, doc.id, field, "region runs past the end of the text")
                return
            if region.span.start < covered:
                self.add(res, doc.id, field, "regions must be in text order and not overlap")
            part = region.span.of(text)
            if not part or part != part.strip():
                self.add(
                    res,
                    doc.id,
                    field,
                    "a region must be non-empty and start and end on a non-blank character",
                )
            gap = text[covered : region.span.start]
            if gap.strip():
                self.add(
                    res,
                    doc.id,
                    field,
                    f"text before this region is in no region: {_short(gap.strip())}",
                )
            covered = max(covered, region.span.end)
            if region.kind is RegionKind.HEADLINE:
                headlines.append(part)
        if text[covered:].strip():
            self.add(
                res,
                doc.id,
                "regions",
                f"text after the last region is in no region: {_short(text[covered:].strip())}",
            )
        if headlines != [doc.title]:
            self.add(
                res,
                doc.id,
                "title",
                f"expected exactly one headline region equal to the title, got {headlines!r}",
            )

    def _in_region(
        self, res: str, rid: str, doc_id: str, span: Span, allowed: frozenset[RegionKind]
    ) -> None:
        doc = self.docs.get(doc_id)
        if not isinstance(doc, Document):
            return
        region_kind = self.region_kind(doc, span)
        if region_kind is not None:
            if region_kind not in allowed:
                names = ", ".join(sorted(k.value for k in allowed))
                self.add(
                    res,
                    rid,
                    "span",
                    f"lies in a {region_kind.value} region; expected one of: {names}",
                )
            return
        for region in doc.regions:
            if region.span.contains(span):
                if region.kind not in allowed:
                    names = ", ".join(sorted(k.value for k in allowed))
                    self.add(
                        res,
                        rid,
                        "span",
                        f"lies in a {region.kind.value} region; expected one of: {names}",
                    )
                return
        self.add(res, rid, "span", "does not lie inside a single region of its document")

    def region_kind(self, doc: Document, span: Span) -> RegionKind | None:
        """Return the kind of the first region of ``doc`` containing ``span``, by bisection.

        ``None`` when no region contains it, or when the regions are out of
        order or overlap (reported on their own): then the caller scans them.
        """
        index = self.regions_of(doc)
        if index is None:
            return None
        starts, ends, kinds = index
        # In order and apart, region ends never decrease: the first region that
        # ends at or after the span's end is the only candidate.
        i = bisect.bisect_left(ends, span.end)
        if i < len(starts) and starts[i] <= span.start:
            return kinds[i]
        return None

    def regions_of(self, doc: Document) -> _RegionIndex | None:
        """Return a document's region starts, ends and kinds, built once per document.

        ``None`` when its regions are out of order or overlap (reported on
        their own): then bisection cannot find a span's region.
        """
        index = self.region_index.get(doc.id, _UNSEEN)
        if index is _UNSEEN:
            starts = [r.span.start for r in doc.regions]
            ends = [r.span.end for r in doc.regions]
            ordered = all(ends[i] <= starts[i + 1] for i in range(len(starts) - 1))
            index = (starts, ends, [r.kind for r in doc.regions]) if ordered else None
            self.region_index[doc.id] = index
        return index

    def _document_index(self, doc_id: str) -> tuple[Document | None, str, _RegionIndex | None]:
        """Return a document, its text and its region index (``None``: scan instead)."""
        doc = self.docs.get(doc_id)
        if not isinstance(doc, Document):
            return None, "", None
        return doc, doc.text, self.regions_of(doc)

    def unusual_quotes(self) -> list[Quote]:
        """Return the quotes that the common-case test does not pass, in one tight pass.

        Every other quote passes every quote check; only these are checked
        field by field. Quotes come grouped by document, so each document's
        text and region index are looked up once per run of its quotes.
        """
        people, has_org, quotes = self.people, self.orgs.__contains__, self.quotes
        quotable, unknown, inferred = _QUOTABLE_REGIONS, Basis.UNKNOWN, Basis.INFERRED
        bisect_left = bisect.bisect_left
        out: list[Quote] = []
        doc_id: str | None = None
        doc, text, index, prefix = None, "", None, ""
        doc_rank, rank, last_start, misordered = self.doc_rank, -1, -1, False
        for q in self.r.quotes:
            span = q.span
            start, end = span.start, span.end
            if q.document_id != doc_id:
                doc_id = q.document_id
                doc, text, index = self._document_index(doc_id)
                prefix = doc_id + "/q"
                rank, last_rank = doc_rank.get(doc_id, -1), rank
                misordered |= rank < last_rank
                last_start = -1 if rank > last_rank else last_start
            misordered |= start < last_start
            last_start = start
            if doc is None or index is None:
                out.append(q)
                continue
            role, continues = q.role, q.continues
            starts, ends, kinds = index
            i = bisect_left(ends, end)
            if (
                not q.id.startswith(prefix)
                or end > len(text)
                or text[start:end] != q.text
                or i == len(ends)
                or starts[i] > start
                or kinds[i] not in quotable
                or (q.person_id is not None and q.person_id not in people)
                or not all(map(has_org, q.organisation_ids))
                or q.attribution is unknown
                or (q.attribution is inferred and not q.note)
                or (
                    role is not None
                    and (
                        role.document_id != doc_id
                        or role.span.end > len(text)
                        or text[role.span.start : role.span.end] != role.text
                        or not all(map(has_org, role.organisation_ids))
                    )
                )
                or ((q.source is not None or q.cue is not None) and self._who_said_it(q, text))
            ):
                out.append(q)
            elif continues is not None:
                before = quotes.get(continues)
                if not isinstance(before, Quote) or (
                    (before.document_id, before.speaker, before.person_id)
                    != (doc_id, q.speaker, q.person_id)
                    or before.span.end >= start
                ):
                    out.append(q)
        if misordered:
            self.misordered.add("quotes.json")
        return out

    def check_quotes(self) -> None:
        """Check quotes: references, spans, regions, attribution and continuations."""
        res = "quotes.json"
        for q in self.unusual_quotes():
            if not self.ref(res, q.id, "document_id", q.document_id, "document"):
                continue
            if not q.id.startswith(q.document_id + "/q"):
                self.add(res, q.id, "id", f"expected an id of the form '{q.document_id}/q<n>'")
            self.span(res, q.id, "span", q.document_id, q.span, q.text)
            self._in_region(res, q.id, q.document_id, q.span, _QUOTABLE_REGIONS)
            self.ref(res, q.id, "person_id", q.person_id, "person")
            for i, org in enumerate(q.organisation_ids):
                self.ref(res, q.id, f"organisation_ids[{i}]", org, "organisation")
            if q.role is not None:
                self.role(res, q.id, "role", q.role)
                if q.role.document_id != q.document_id:
                    self.add(
                        res,
                        q.id,
                        "role.document_id",
                        "a quote's role is stated in its own document",
                    )
            if q.attribution is Basis.UNKNOWN:
                self.add(res, q.id, "attribution", "expected 'stated' or 'inferred'")
            if q.attribution is Basis.INFERRED and not q.note:
                self.add(res, q.id, "note", "an inferred attribution needs a note of the evidence")
            if q.source is not None or q.cue is not None:
                doc = self.docs[q.document_id]
                assert isinstance(doc, Document)  # noqa: S101 - the table holds documents only
                for field, message in self._who_said_it(q, doc.text):
                    self.add(res, q.id, field, message)
            if q.continues is not None and self.ref(res, q.id, "continues", q.continues, "quote"):
                before = self.quotes[q.continues]
                assert isinstance(before, Quote)  # noqa: S101 - the table holds quotes only
                if (before.document_id, before.speaker, before.person_id) != (
                    q.document_id,
                    q.speaker,
                    q.person_id,
                ) or before.span.end >= q.span.start:
                    self.add(
                        res,
                        q.id,
                        "continues",
                        "must name an earlier quote by the same speaker in the same document",
                    )

    def _who_said_it(self, q: Quote, text: str) -> list[tuple[str, str]]:
        """Return ``(field, message)`` for each fault of a quote's source and cue spans.

        Each must cover its text, lie in the quote's own region, and overlap
        neither the quote nor each other; a paragraph that continues a
        quotation, or a quote whose attribution is inferred, has neither.
        """
        out: list[tuple[str, str]] = []
        parts = [(name, e) for name, e in (("source", q.source), ("cue", q.cue)) if e is not None]
        if q.continues is not None:
            out.append((parts[0][0], "a paragraph that continues a quotation has no source or cue"))
        if q.attribution is Basis.INFERRED:
            out.append((parts[0][0], "an inferred attribution has no source or cue"))
        doc = self.docs.get(q.document_id)
        home = None
        if isinstance(doc, Document):
            home = next((r.span for r in doc.regions if r.span.contains(q.span)), None)
        for name, excerpt in parts:
            span = excerpt.span
            if span.end > len(text):
                out.append((f"{name}.span", "runs past the end of the document"))
                continue
            if span.of(text) != excerpt.text:
                found, wanted = _short(span.of(text)), _short(excerpt.text)
                message = f"text[{span.start}:{span.end}] is {found}, expected {wanted}"
                out.append((f"{name}.span", message))
            if not excerpt.text.strip():
                out.append((f"{name}.text", "expected words, got blank text"))
            if span.overlaps(q.span):
                out.append((f"{name}.span", "overlaps the quote's own words"))
            if home is not None and not home.contains(span):
                out.append((f"{name}.span", "expected inside the region that holds the quote"))
        if len(parts) == 2 and parts[0][1].span.overlaps(parts[1][1].span):  # noqa: PLR2004
            out.append(("cue.span", "overlaps the source"))
        return out

    def check_comments(self) -> None:
        """Check comments: references, spans, positions and their regions."""
        res = "comments.json"
        positions: dict[str, list[int]] = {}
        for c in self.r.comments:
            positions.setdefault(c.document_id, []).append(c.position)
        for c in self.unusual_comments():
            if not self.ref(res, c.id, "document_id", c.document_id, "document"):
                continue
            self.span(res, c.id, "span", c.document_id, c.span, c.text)
            self.ref(res, c.id, "person_id", c.person_id, "person")
            self.ref(res, c.id, "in_reply_to", c.in_reply_to, "comment")
            for i, org in enumerate(c.organisation_ids):
                self.ref(res, c.id, f"organisation_ids[{i}]", org, "organisation")
            if (c.author is None) != (c.person_id is None):
                self.add(
                    res,
                    c.id,
                    "person_id",
                    "a signed comment links its author to a person, an anonymous one does not",
                )
            doc = self.docs[c.document_id]
            assert isinstance(doc, Document)  # noqa: S101 - the table holds documents only
            if not any(r.kind is RegionKind.COMMENT and r.span == c.span for r in doc.regions):
                self.add(
                    res, c.id, "span", "expected to equal one 'comment' region of its document"
                )
        for doc in self.r.documents:
            got = positions.get(doc.id, [])
            n_regions = len(doc.regions_of(RegionKind.COMMENT))
            if got != list(range(1, len(got) + 1)) or len(got) != n_regions:
                self.add(
                    res,
                    doc.id,
                    "position",
                    f"expected one comment per 'comment' region, positions 1..{n_regions} "
                    f"in page order; got {got}",
                )

    def unusual_comments(self) -> list[Comment]:
        """Return the comments that the common-case test does not pass, in one tight pass."""
        people, comments, has_org = self.people, self.comments, self.orgs.__contains__
        out: list[Comment] = []
        doc_id: str | None = None
        doc, text, regions = None, "", set()
        doc_rank, rank, last_start, misordered = self.doc_rank, -1, -1, False
        for c in self.r.comments:
            span = c.span
            if c.document_id != doc_id:
                doc_id = c.document_id
                rank, last_rank = doc_rank.get(doc_id, -1), rank
                misordered |= rank < last_rank
                last_start = -1 if rank > last_rank else last_start
                doc = self.docs.get(doc_id)
                if isinstance(doc, Document):
                    text = doc.text
                    regions = {
                        (r.span.start, r.span.end)
                        for r in doc.regions
                        if r.kind is RegionKind.COMMENT
                    }
            misordered |= span.start < last_start
            last_start = span.start
            if (
                not isinstance(doc, Document)
                or span.end > len(text)
                or text[span.start : span.end] != c.text
                or (c.person_id is not None and c.person_id not in people)
                or (c.in_reply_to is not None and c.in_reply_to not in comments)
                or not all(map(has_org, c.organisation_ids))
                or (c.author is None) != (c.person_id is None)
                or (span.start, span.end) not in regions
            ):
                out.append(c)
        if misordered:
            self.misordered.add("comments.json")
        return out

    def unusual_mentions(self) -> list[Mention]:
        """Return the mentions that the common-case test does not pass, in one tight pass."""
        orgs, people, stated, inferred = self.orgs, self.people, Basis.STATED, Basis.INFERRED
        out: list[Mention] = []
        doc_id: str | None = None
        doc, text, prefix = None, "", ""
        doc_rank, rank, last_start, misordered = self.doc_rank, -1, -1, False
        for m in self.r.mentions:
            span = m.span
            if m.document_id != doc_id:
                doc_id = m.document_id
                doc = self.docs.get(doc_id)
                text = doc.text if isinstance(doc, Document) else ""
                prefix = doc_id + "/m"
                rank, last_rank = doc_rank.get(doc_id, -1), rank
                misordered |= rank < last_rank
                last_start = -1 if rank > last_rank else last_start
            misordered |= span.start < last_start
            last_start = span.start
            if (
                doc is None
                or span.end > len(text)
                or text[span.start : span.end] != m.text
                or m.id != prefix + str(span.start)
                or (m.organisation_id is not None and m.organisation_id not in orgs)
                or (m.person_id is not None and m.person_id not in people)
                or not (m.basis is stated or (m.basis is inferred and m.note))
            ):
                out.append(m)
        if misordered:
            self.misordered.add("mentions.json")
        return out

    def check_mentions(self) -> None:
        """Check mentions: exactly one target, references, spans and ids."""
        res = "mentions.json"
        for m in self.unusual_mentions():
            if not self.ref(res, m.id, "document_id", m.document_id, "document"):
                continue
            if m.id != f"{m.document_id}/m{m.span.start}":
                self.add(res, m.id, "id", f"expected '{m.document_id}/m{m.span.start}'")
            self.ref(res, m.id, "organisation_id", m.organisation_id, "organisation")
            self.ref(res, m.id, "person_id", m.person_id, "person")
            self.span(res, m.id, "span", m.document_id, m.span, m.text)
            if m.basis is Basis.UNKNOWN:
                self.add(res, m.id, "basis", "expected 'stated' or 'inferred'")
            if m.basis is Basis.INFERRED and not m.note:
                self.add(
                    res, m.id, "note", "an inferred identification needs a note of the evidence"
                )

    def check_organisations_and_people(self) -> None:
        """Check countries, aliases and the roles people hold."""
        for org in self.r.organisations:
            if not _COUNTRY.match(org.country):
                self.add(
                    "organisations.json",
                    org.id,
                    "country",
                    f"expected an ISO 3166-1 alpha-2 code such as 'GB', got {org.country!r}",
                )
            if org.name in org.aliases or len(set(org.aliases)) != len(org.aliases):
                self.add(
                    "organisations.json",
                    org.id,
                    "aliases",
                    "aliases must be distinct and differ from the name",
                )
            if org.well_known_names:
                self._well_known_names(org)
        docs, has_org = self.docs, self.orgs.__contains__
        for person in self.r.people:
            for i, role in enumerate(person.roles):
                doc, span = docs.get(role.document_id), role.span
                if not (
                    isinstance(doc, Document)
                    and span.end <= len(doc.text)
                    and doc.text[span.start : span.end] == role.text
                    and all(map(has_org, role.organisation_ids))
                ):
                    self.role("people.json", person.id, f"roles[{i}]", role)

    def _well_known_names(self, org: Organisation) -> None:
        """Check that well-known names are distinct, new, and printed in no document."""
        res, names = "organisations.json", org.well_known_names
        printed = {n.casefold() for n in (org.name, *org.aliases)}
        if len(set(names)) != len(names) or any(n.casefold() in printed for n in names):
            self.add(
                res,
                org.id,
                "well_known_names",
                "must be distinct and differ from the name and every alias",
            )
        for i, name in enumerate(names):
            if not name.strip():
                self.add(res, org.id, f"well_known_names[{i}]", "expected a name, got blank text")
                continue
            pattern = re.compile(r"(?<![\w@])" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
            for doc in self.r.documents:
                if pattern.search(doc.text):
                    self.add(
                        res,
                        org.id,
                        f"well_known_names[{i}]",
                        f"{name!r} is printed in {doc.id!r}: a printed form is an alias, "
                        "backed by mentions",
                    )
                    break

    def check_order(self) -> None:
        """Check the documented order: documents by source file, organisations and people by id.

        Quotes, comments and mentions are tested in their own checks' passes
        (each key, document rank then start, no smaller than the one before);
        this reports what those passes found.
        """
        files = [d.source.file for d in self.r.documents]
        if files != sorted(files):
            self.add("documents.json", "*", "source.file", "documents must be in source file order")
        for res in ("quotes.json", "comments.json", "mentions.json"):
            if res in self.misordered:
                self.add(res, "*", "span", "records must be in document order, then text order")
        for res, ids in (
            ("organisations.json", [o.id for o in self.r.organisations]),
            ("people.json", [p.id for p in self.r.people]),
        ):
            if ids != sorted(ids):
                self.add(res, "*", "id", "records must be in id order")


_RESOURCE_NAMES = ("documents", "quotes", "comments", "organisations", "people", "mentions")

#: What a malformed id is told it should be.
ID_EXPECTED = (
    "expected an id of ASCII letters, digits, '-', '_', '.' and '/', starting "
    f"with a letter or digit, at most {MAX_ID_LENGTH} characters (no spaces, "
    "controls or '..')"
)


def _id_problems(resource: str, ids: list[str]) -> list[Problem]:
    """Check a resource's ids: each well formed, and unique ignoring case."""
    joined = "\n".join(ids) + "\n" if ids else ""
    problems = []
    if (
        IDS_JOINED.match(joined) is None
        or joined.count("\n") != len(ids)
        or max(map(len, ids), default=0) > MAX_ID_LENGTH
    ):
        problems += [
            Problem(resource, record_id, "id", ID_EXPECTED, "reference")
            for record_id in ids
            if not is_id(record_id)
        ]
    # Valid ids are ASCII, where lower() is case folding; lookups fold case.
    folded = joined.lower().split("\n")[:-1] if joined.isascii() else []
    if len(folded) != len(ids):  # an id with a line break, or not ASCII
        folded = [i.casefold() for i in ids]
    if len(set(folded)) != len(set(ids)):
        first: dict[str, str] = {}
        for record_id, key in zip(ids, folded, strict=True):
            other = first.setdefault(key, record_id)
            if other != record_id:
                problems.append(
                    Problem(
                        resource,
                        record_id,
                        "id",
                        f"differs from {other!r} only in case; ids must be unique ignoring "
                        "case, as lookups ignore it",
                        "reference",
                    )
                )
    return problems


def check_contract(records: RecordSet) -> list[Problem]:
    """Check the format's cross-record rules beyond references and spans.

    Ids are well formed and unique ignoring case; a comment's id is
    ``<document id>/c<n>`` and its ``in_reply_to`` an earlier comment of the
    same document; a document's ``source.file`` is a plain file name that no
    other document uses.
    """
    problems: list[Problem] = []
    for name in _RESOURCE_NAMES:
        problems += _id_problems(f"{name}.json", [r.id for r in getattr(records, name)])
    comments = {c.id: c for c in records.comments}
    for c in records.comments:
        prefix = c.document_id + "/c"
        if not (c.id.startswith(prefix) and c.id[len(prefix) :].isdecimal() and c.id.isascii()):
            problems.append(
                Problem(
                    "comments.json",
                    c.id,
                    "id",
                    f"expected '<document id>/c<n>' of its own document, {prefix}<n>",
                    "reference",
                )
            )
        if c.in_reply_to is not None:
            target = comments.get(c.in_reply_to)
            if target is not None and (
                target.document_id != c.document_id or target.position >= c.position
            ):
                problems.append(
                    Problem(
                        "comments.json",
                        c.id,
                        "in_reply_to",
                        f"refers to comment {c.in_reply_to!r}; expected an earlier comment "
                        "of the same document",
                        "reference",
                    )
                )
    files: dict[str, str] = {}
    for doc in records.documents:
        if not is_plain_file_name(doc.source.file):
            problems.append(
                Problem(
                    "documents.json",
                    doc.id,
                    "source.file",
                    f"is {doc.source.file[:80]!r}; expected a plain file name, no folder or '..'",
                )
            )
        other = files.setdefault(doc.source.file, doc.id)
        if other != doc.id:
            problems.append(
                Problem(
                    "documents.json",
                    doc.id,
                    "source.file",
                    f"{doc.source.file!r} is the source of document {other!r} too; "
                    "expected one document per source file",
                    "reference",
                )
            )
    return problems


def check_records(records: RecordSet) -> list[Problem]:
    """Run every cross-record check and return the problems found (none: valid)."""
    checker = _Checker(records)
    checker.problems += check_contract(records)
    checker.check_documents()
    checker.check_organisations_and_people()
    checker.check_quotes()
    checker.check_comments()
    checker.check_mentions()
    checker.check_order()
    return checker.problems
