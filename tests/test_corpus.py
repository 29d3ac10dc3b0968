"""The bundled corpus: integrity over every record, and facts checked by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import attrs
import pytest

import integrated_care_corpus as icc
from integrated_care_corpus._checks import _short, _span_problem, check_records
from integrated_care_corpus._resources import RecordSet
from integrated_care_corpus._rules import MAX_ID_LENGTH, is_id

from .conftest import SEEDS


def test_every_span_is_its_text(corpus: icc.Corpus) -> None:
    texts = {d.id: d.text for d in corpus.documents}
    checked = 0
    spanned: tuple[icc.Quote | icc.Comment | icc.Mention, ...] = (
        *corpus.quotes,
        *corpus.comments,
        *corpus.mentions,
    )
    for record in spanned:
        assert texts[record.document_id][record.span.start : record.span.end] == record.text
        checked += 1
    for person in corpus.people:
        for role in person.roles:
            assert role.span.of(texts[role.document_id]) == role.text
            checked += 1
    assert checked == len(corpus.quotes) + len(corpus.comments) + len(corpus.mentions) + sum(
        len(p.roles) for p in corpus.people
    )


def test_every_reference_resolves(corpus: icc.Corpus) -> None:
    for q in corpus.quotes:
        corpus.document(q.document_id)
        if q.person_id:
            corpus.person(q.person_id)
        for org in q.organisation_ids:
            corpus.organisation(org)
        if q.continues:
            assert corpus.quote(q.continues).document_id == q.document_id
    for c in corpus.comments:
        corpus.document(c.document_id)
        for org in c.organisation_ids:
            corpus.organisation(org)
    for m in corpus.mentions:
        corpus.document(m.document_id)
        target = corpus.organisation(m.organisation_id) if m.organisation_id else None
        person = corpus.person(m.person_id) if m.person_id else None
        assert (target is None) != (person is None)
    for d in corpus.documents:
        if d.publisher.organisation_id:
            corpus.organisation(d.publisher.organisation_id)
        for author in d.authors:
            corpus.person(author)


def test_ids_are_unique_across_each_type(corpus: icc.Corpus) -> None:
    for records in (
        corpus.documents,
        corpus.quotes,
        corpus.comments,
        corpus.organisations,
        corpus.people,
        corpus.mentions,
    ):
        ids = [r.id for r in records]
        assert len(ids) == len(set(ids))


def test_the_shared_checks_pass_and_can_fail(corpus: icc.Corpus) -> None:
    records = RecordSet(
        corpus.documents,
        corpus.quotes,
        corpus.comments,
        corpus.organisations,
        corpus.people,
        corpus.mentions,
    )
    assert check_records(records) == []
    broken = RecordSet(
        corpus.documents,
        (*corpus.quotes, corpus.quotes[0]),
        corpus.comments,
        corpus.organisations,
        corpus.people,
        corpus.mentions,
    )
    problems = check_records(broken)
    assert any(p.field == "id" and "duplicate" in p.message for p in problems)


def test_document_text_is_its_seed_byte_for_byte(corpus: icc.Corpus) -> None:
    sums = dict(line.split()[::-1] for line in (SEEDS / "SHA256SUMS").read_text().splitlines())
    assert sorted(d.source.file for d in corpus.documents) == sorted(sums)
    for doc in corpus.documents:
        data = (SEEDS / doc.source.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == doc.source.sha256 == sums[doc.source.file]
        assert data.decode("utf-8") == doc.text


def test_no_quote_or_comment_touches_site_furniture(corpus: icc.Corpus) -> None:
    quoted: tuple[icc.Quote | icc.Comment, ...] = (*corpus.quotes, *corpus.comments)
    for record in quoted:
        doc = corpus.document(record.document_id)
        for region in doc.regions_of(icc.RegionKind.FURNITURE):
            assert not region.span.overlaps(record.span), record.id
        assert "Report this comment" not in record.text
        assert "Unsuitable or offensive" not in record.text


# --- facts read off the documents by hand ---------------------------------

#: (quotes, comments, organisation mentions, person mentions) per document,
#: counted by reading each document.
EXPECTED = {
    "kings-fund-undated-pilots-welcome": (5, 0, 7, 1),
    "kings-fund-2010-11-23-integration-at-heart-of-nhs-reform": (2, 0, 20, 2),
    "cipfa-2012-01-05-ministers-must-prioritise-integration": (11, 0, 20, 6),
    "pulse-undated-nhs-fully-integrated-by-2018": (9, 5, 33, 3),
    "kings-fund-undated-marathon-not-a-sprint": (0, 2, 23, 4),
}


@pytest.mark.parametrize(("doc_id", "expected"), EXPECTED.items())
def test_counts_per_document(
    corpus: icc.Corpus, doc_id: str, expected: tuple[int, int, int, int]
) -> None:
    quotes = sum(q.document_id == doc_id for q in corpus.quotes)
    comments = sum(c.document_id == doc_id for c in corpus.comments)
    org_mentions = sum(
        m.document_id == doc_id and m.organisation_id is not None for m in corpus.mentions
    )
    person_mentions = sum(
        m.document_id == doc_id and m.person_id is not None for m in corpus.mentions
    )
    assert (quotes, comments, org_mentions, person_mentions) == expected


def test_documents_in_source_order_with_titles(corpus: icc.Corpus) -> None:
    assert [d.title for d in corpus.documents] == [
        "Pilots welcome as no one model of integrated care will work everywhere",
        "Put integration of care at the heart of NHS reform, says The King's Fund",
        "Ministers ‘must prioritise integration of health and social care’",
        "NHS to be fully integrated with social care 'by 2018'",
        "Making integrated care happen: a marathon not a sprint",
    ]


def test_dates_carry_their_basis(corpus: icc.Corpus) -> None:
    dated = {d.id: (d.published.date, d.published.basis) for d in corpus.documents}
    assert dated["cipfa-2012-01-05-ministers-must-prioritise-integration"] == (
        dt.date(2012, 1, 5),
        icc.Basis.STATED,
    )
    assert dated["kings-fund-2010-11-23-integration-at-heart-of-nhs-reform"] == (
        dt.date(2010, 11, 23),
        icc.Basis.INFERRED,
    )
    undated = [k for k, (date, basis) in dated.items() if basis is icc.Basis.UNKNOWN]
    assert len(undated) == 3
    assert all(dated[k][0] is None for k in undated)


def test_a_british_continued_quotation(corpus: icc.Corpus) -> None:
    doc = "kings-fund-undated-pilots-welcome"
    chain = [q for q in corpus.quotes if q.document_id == doc]
    assert [q.continues for q in chain] == [None] + [q.id for q in chain[:-1]]
    assert chain[0].text.startswith("Bringing different services together")
    assert chain[0].text.endswith("poor aftercare.")
    assert chain[-1].text.endswith("the best way to organise services.")
    assert {q.person_id for q in chain} == {"niall-dickson"}
    role = chain[0].role
    assert role is not None
    assert role.text == "The King's Fund's Chief Executive"


def test_a_partial_quote_and_its_speaker(corpus: icc.Corpus) -> None:
    q = corpus.quote("cipfa-2012-01-05-ministers-must-prioritise-integration/q9")
    assert q.text == (
        "less about extra spending and more about removing rigidities in the "
        "system and encouraging creativity"
    )
    assert q.kind is icc.QuoteKind.PARTIAL
    assert corpus.person(q.person_id or "").name == "Jennifer Dixon"
    assert q.role is not None
    assert q.role.text == "director of the Nuffield Trust"


def test_signed_and_anonymous_comments(corpus: icc.Corpus) -> None:
    signed = corpus.comment("kings-fund-undated-marathon-not-a-sprint/c1")
    assert (signed.author, signed.number, signed.role) == (
        "Deirdre Criddle",
        40880,
        "Complex Care Coordinator",
    )
    assert signed.affiliation == "CoNeCT - SIr Charles Gairdner Hospital"
    assert signed.text.startswith("Working across transitions of care")
    assert signed.text.endswith("change the way healthcare system function.")
    anonymous = [c for c in corpus.comments if c.author is None]
    assert len(anonymous) == 5
    second = corpus.comment("pulse-undated-nhs-fully-integrated-by-2018/c2")
    assert second.text.count("\n") == 4  # five paragraphs, every one kept
    assert second.text.startswith("The fundamental problem here")  # no list bullet
    assert second.text.endswith("has been destructive and damaging.")


def test_lookups_by_name_alias_and_case(corpus: icc.Corpus) -> None:
    kf = corpus.organisation("kings-fund")
    assert corpus.organisation("THE KING’S FUND") is kf
    # Aliases are stored without an article since corpus 1.1.0 ("Fund", not "the Fund").
    assert corpus.organisation("fund") is kf
    assert corpus.organisation("DH").name == "Department of Health"
    assert corpus.person("mr lamb").id == "norman-lamb"
    assert icc.load("1.0.1").organisation("the fund").id == "kings-fund"


def test_lookups_by_well_known_name(corpus: icc.Corpus) -> None:
    # Names the texts never print, recorded as the editor's: lookups find them.
    assert corpus.organisation("CQC").id == "care-quality-commission"
    assert corpus.organisation("doh").id == "department-of-health"
    assert corpus.organisation("NHSE").id == "nhs-england"
    assert corpus.organisation("KF").id == "kings-fund"
    printed = {m.text.casefold() for m in corpus.mentions}
    for org in corpus.organisations:
        assert not {n.casefold() for n in org.well_known_names} & printed, org.id
        assert not {n.casefold() for n in org.well_known_names} & {
            a.casefold() for a in (org.name, *org.aliases)
        }, org.id
    with pytest.raises(icc.UnknownRecordError):
        icc.load("1.0.1").organisation("CQC")


def test_no_alias_starts_with_an_article(corpus: icc.Corpus) -> None:
    aliases = [(o.id, a) for o in corpus.organisations for a in o.aliases]
    aliases += [(p.id, a) for p in corpus.people for a in p.aliases]
    for record_id, alias in aliases:
        assert alias.split()[0].casefold() not in {"the", "a", "an"}, (record_id, alias)


def test_unknown_keys_suggest_close_matches(corpus: icc.Corpus) -> None:
    with pytest.raises(LookupError) as info:
        corpus.organisation("Nufield Trust")
    assert isinstance(info.value, icc.UnknownRecordError)
    assert "Nuffield Trust" in str(info.value)
    with pytest.raises(icc.UnknownRecordError, match=r"did you mean Chris Ham \(chris-ham\)"):
        corpus.person("chris-hamm")
    with pytest.raises(icc.UnknownRecordError, match="no document 'nope'"):
        corpus.document("nope")


def test_records_are_frozen(corpus: icc.Corpus) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        corpus.quotes[0].text = "changed"  # type: ignore[misc]
    assert isinstance(corpus.quotes, tuple)


def test_records_show_compare_and_hash_as_attrs_would(corpus: icc.Corpus) -> None:
    # The record classes share one repr, eq and hash; attrs-made twins are the reference.
    records: list[Any] = [
        *corpus.quotes,
        *corpus.comments,
        *corpus.mentions,
        *corpus.organisations,
        *corpus.people,
        *(d.published for d in corpus.documents),
        *(d.publisher for d in corpus.documents),
        *(d.source for d in corpus.documents),
        *(r for d in corpus.documents for r in d.regions),
    ]
    twins: dict[type[Any], type[Any]] = {}
    for record in records:
        cls = type(record)
        names = [a.name for a in attrs.fields(cls)]
        twin = twins.setdefault(cls, attrs.make_class(cls.__name__, names, frozen=True))
        values = {name: getattr(record, name) for name in names}
        assert repr(record) == repr(twin(**values))
        same = type(record)(**values)
        assert same is not record
        assert same == record
        assert hash(same) == hash(record)
        assert (same != record) is False
        if "id" in names:
            assert attrs.evolve(record, id="other") != record
    assert len(set(corpus.mentions)) == len(corpus.mentions)
    # Distinct records hash apart (a constant hash would still compare equal).
    assert len({hash(r) for r in records}) == len(set(records))
    assert icc.Span(1, 2) != (1, 2)
    assert icc.Span(1, 2).__eq__((1, 2)) is NotImplemented
    assert icc.Source("a", "b") != icc.Span(1, 2)
    assert corpus.documents[0] == attrs.evolve(corpus.documents[0])
    assert corpus.documents[0] != corpus.documents[1]


def test_repr_is_short(corpus: icc.Corpus) -> None:
    assert repr(corpus).startswith(f"<Corpus {corpus.version}: 5 documents, 27 quotes")
    assert len(repr(corpus.documents[0])) < 120


def test_lookups_fold_the_article_the_aliases_no_longer_store(corpus: icc.Corpus) -> None:
    assert corpus.organisation("the Fund").id == "kings-fund"
    assert corpus.organisation("the government").id == "uk-government"
    assert corpus.organisation("the health service").id == "nhs"


def test_a_documents_repr_names_its_date_or_says_undated(corpus: icc.Corpus) -> None:
    dated = corpus.document("kings-fund-2010-11-23-integration-at-heart-of-nhs-reform")
    assert repr(dated) == (
        "Document('kings-fund-2010-11-23-integration-at-heart-of-nhs-reform', press-release, "
        f"2010-11-23, {len(dated.text)} chars)"
    )
    undated = corpus.document("kings-fund-undated-pilots-welcome")
    assert repr(undated) == (
        f"Document('kings-fund-undated-pilots-welcome', press-release, undated, "
        f"{len(undated.text)} chars)"
    )


def test_regions_of_a_kind_by_value_or_member(corpus: icc.Corpus) -> None:
    document = corpus.document("pulse-undated-nhs-fully-integrated-by-2018")
    comments = document.regions_of(icc.RegionKind.COMMENT)
    assert comments  # the article's reader comments
    assert comments == tuple(r for r in document.regions if r.kind is icc.RegionKind.COMMENT)
    for written in ("comment", "Comment", " COMMENT ", "_comment_"):
        assert document.regions_of(written) == comments
    assert document.regions_of("notes") == ()
    with pytest.raises(icc.UnknownRecordError) as caught:
        document.regions_of("paragraph")
    assert str(caught.value) == (
        "no region kind 'paragraph' (one of headline, standfirst, dateline, byline, body, "
        "notes, comment, furniture)"
    )
    with pytest.raises(TypeError) as wrong:
        document.regions_of(3)  # type: ignore[arg-type]
    assert str(wrong.value) == "region kind: expected a RegionKind or its value, got int"


def test_a_spans_length_is_its_characters() -> None:
    assert len(icc.Span(3, 10)) == 7
    assert len(icc.Span(4, 4)) == 0


def test_records_in_a_notebook(corpus: icc.Corpus) -> None:
    quote = corpus.quotes[0]
    html = quote._repr_html_()
    assert html.startswith('<div class="icc">')
    assert quote.id in html
    assert corpus.documents[0].id in corpus.documents[0]._repr_html_()


# --- the cross-record checks, one fault at a time, on records changed in memory -----
# Each test changes a record with attrs.evolve and runs check_records over the
# set: every problem found is pinned, its resource, record, field, message and
# category.

PILOTS = "kings-fund-undated-pilots-welcome"
Q1 = f"{PILOTS}/q1"
QUOTABLE = "body, headline, notes, standfirst"


def problems(
    corpus: icc.Corpus,
    *,
    quote: icc.Quote | None = None,
    document: icc.Document | None = None,
) -> list[tuple[str, str, str, str, str]]:
    """Check the corpus with ``quote`` and ``document`` in place of theirs."""
    quotes = tuple(quote if quote is not None and q.id == quote.id else q for q in corpus.quotes)
    documents = tuple(
        document if document is not None and d.id == document.id else d for d in corpus.documents
    )
    records = RecordSet(
        documents, quotes, corpus.comments, corpus.organisations, corpus.people, corpus.mentions
    )
    return [
        (p.resource, p.record_id, p.field, p.message, p.category) for p in check_records(records)
    ]


def moved(corpus: icc.Corpus, quote_id: str, start: int, end: int) -> icc.Quote:
    """The quote with its span moved to ``start:end`` and its text what is there."""
    quote = corpus.quote(quote_id)
    text = corpus.document(quote.document_id).text[start:end]
    return attrs.evolve(quote, span=icc.Span(start, end), text=text, source=None, cue=None)


def test_the_bundled_corpus_has_no_problems(corpus: icc.Corpus) -> None:
    assert problems(corpus) == []


def test_a_quote_in_site_furniture(corpus: icc.Corpus) -> None:
    # The pilots release: headline 0-70, furniture 72-117, body 119-2567, notes.
    quote = moved(corpus, Q1, 72, 117)
    assert problems(corpus, quote=quote) == [
        (
            "quotes.json",
            Q1,
            "span",
            f"lies in a furniture region; expected one of: {QUOTABLE}",
            "integrity",
        )
    ]


def test_a_quote_at_the_very_start_and_end_of_regions(corpus: icc.Corpus) -> None:
    assert problems(corpus, quote=moved(corpus, Q1, 119, 130)) == []  # the body's first words
    assert problems(corpus, quote=moved(corpus, Q1, 0, 70)) == []  # the whole headline


def test_a_quote_across_two_regions(corpus: icc.Corpus) -> None:
    quote = moved(corpus, Q1, 60, 130)
    assert problems(corpus, quote=quote) == [
        (
            "quotes.json",
            Q1,
            "span",
            "does not lie inside a single region of its document",
            "integrity",
        )
    ]


def test_regions_out_of_order_are_scanned(corpus: icc.Corpus) -> None:
    document = corpus.document(PILOTS)
    headline, furniture, body, notes = document.regions
    shuffled = attrs.evolve(document, regions=(headline, body, furniture, notes))
    regions = [
        (
            "documents.json",
            PILOTS,
            "regions[1]",
            (
                "text before this region is in no region: "
                "'This content relates to the following topics:'"
            ),
            "integrity",
        ),
        (
            "documents.json",
            PILOTS,
            "regions[2]",
            "regions must be in text order and not overlap",
            "integrity",
        ),
    ]
    found = problems(corpus, document=shuffled, quote=moved(corpus, Q1, 72, 117))
    assert found == [
        *regions,
        (
            "quotes.json",
            Q1,
            "span",
            f"lies in a furniture region; expected one of: {QUOTABLE}",
            "integrity",
        ),
    ]
    across = problems(corpus, document=shuffled, quote=moved(corpus, Q1, 60, 130))
    assert across[2:] == [
        (
            "quotes.json",
            Q1,
            "span",
            "does not lie inside a single region of its document",
            "integrity",
        )
    ]
    # In the body, scanned or not, a quote is where it may be.
    assert problems(corpus, document=shuffled, quote=moved(corpus, Q1, 119, 130)) == regions


def test_a_role_is_checked_reference_by_reference(corpus: icc.Corpus) -> None:
    quote = corpus.quote(Q1)
    assert quote.role is not None
    elsewhere = attrs.evolve(quote, role=attrs.evolve(quote.role, document_id="nowhere"))
    assert problems(corpus, quote=elsewhere) == [
        (
            "quotes.json",
            Q1,
            "role.document_id",
            "refers to document 'nowhere', which does not exist",
            "reference",
        ),
        (
            "quotes.json",
            Q1,
            "role.document_id",
            "a quote's role is stated in its own document",
            "integrity",
        ),
    ]
    unknown = attrs.evolve(quote, role=attrs.evolve(quote.role, organisation_ids=("nobody",)))
    assert problems(corpus, quote=unknown) == [
        (
            "quotes.json",
            Q1,
            "role.organisation_ids[0]",
            "refers to organisation 'nobody', which does not exist",
            "reference",
        )
    ]
    misquoted = attrs.evolve(quote, role=attrs.evolve(quote.role, text="Chief Executive"))
    assert problems(corpus, quote=misquoted) == [
        (
            "quotes.json",
            Q1,
            "role.span",
            "text[302:335] is \"The King's Fund's Chief Executive\", expected 'Chief Executive'",
            "integrity",
        )
    ]


def test_a_long_text_is_shortened_in_messages() -> None:
    assert _short("a" * 60) == repr("a" * 60)
    assert _short("a" * 61) == repr("a" * 57 + "...")
    assert _short("abcdef", width=5) == repr("ab...")


def test_a_span_may_end_at_the_end_of_the_text() -> None:
    assert _span_problem("quotes.json", "q", "span", icc.Span(0, 3), "abc", "abc") is None
    problem = _span_problem("quotes.json", "q", "span", icc.Span(0, 4), "abcd", "abc")
    assert problem is not None
    assert (problem.field, problem.message) == (
        "span",
        "span [0, 4) runs past the end of the document (3 characters)",
    )


@pytest.mark.parametrize(
    ("value", "valid"),
    [("a" * MAX_ID_LENGTH, True), ("a" * (MAX_ID_LENGTH + 1), False), ("a", True), (1, False)],
)
def test_the_longest_id(value: object, *, valid: bool) -> None:
    assert is_id(value) is valid


def test_records_of_two_types_with_the_same_values_hash_apart() -> None:
    # A Publisher and a PublicationDate of no value hold the same field values.
    publisher = icc.Publisher(None, icc.Basis.UNKNOWN, None)
    date = icc.PublicationDate(None, icc.Basis.UNKNOWN, None)
    assert attrs.astuple(publisher, recurse=False) == attrs.astuple(date, recurse=False)
    assert publisher != date
    assert hash(publisher) != hash(date)
    assert len({publisher, date}) == 2


def _document_problems(corpus: icc.Corpus, **changes: Any) -> list[tuple[str, str, str, str, str]]:
    return problems(corpus, document=attrs.evolve(corpus.document(PILOTS), **changes))


def test_a_documents_checksum_and_text(corpus: icc.Corpus) -> None:
    source = corpus.document(PILOTS).source
    assert _document_problems(corpus, source=attrs.evolve(source, sha256="ABC")) == [
        (
            "documents.json",
            PILOTS,
            "source.sha256",
            "expected 64 lowercase hex digits",
            "integrity",
        )
    ]
    mismatch = (
        "documents.json",
        PILOTS,
        "text",
        f"SHA-256 of the text does not match source.sha256 of {source.file!r}",
        "integrity",
    )
    assert _document_problems(corpus, source=attrs.evolve(source, sha256="0" * 64)) == [mismatch]
    # A lone surrogate (from a JSON "\ud800" escape) is hashed, not an encoding error.
    text = corpus.document(PILOTS).text
    assert mismatch in _document_problems(corpus, text=text + "\ud800")


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        (
            "published",
            icc.PublicationDate(dt.date(2010, 1, 1), icc.Basis.UNKNOWN, None),
            (
                "published.basis",
                "basis 'unknown' but a value is given",
            ),
        ),
        (
            "published",
            icc.PublicationDate(None, icc.Basis.STATED, None),
            (
                "published.basis",
                "basis 'stated' but no value is given",
            ),
        ),
        (
            "published",
            icc.PublicationDate(dt.date(2010, 1, 1), icc.Basis.INFERRED, None),
            (
                "published.note",
                "an inferred value needs a note of the evidence",
            ),
        ),
        (
            "publisher",
            icc.Publisher("kings-fund", icc.Basis.UNKNOWN, None),
            (
                "publisher.basis",
                "basis 'unknown' but a value is given",
            ),
        ),
        (
            "publisher",
            icc.Publisher(None, icc.Basis.INFERRED, "a note"),
            (
                "publisher.basis",
                "basis 'inferred' but no value is given",
            ),
        ),
    ],
)
def test_a_documents_date_and_publisher_carry_their_basis(
    corpus: icc.Corpus, field: str, value: object, problem: tuple[str, str]
) -> None:
    assert _document_problems(corpus, **{field: value}) == [
        ("documents.json", PILOTS, *problem, "integrity")
    ]


def test_a_documents_publisher_and_authors_are_references(corpus: icc.Corpus) -> None:
    publisher = icc.Publisher("nobody", icc.Basis.STATED, None)
    assert _document_problems(corpus, publisher=publisher, authors=("no-one",)) == [
        (
            "documents.json",
            PILOTS,
            "publisher.organisation_id",
            "refers to organisation 'nobody', which does not exist",
            "reference",
        ),
        (
            "documents.json",
            PILOTS,
            "authors[0]",
            "refers to person 'no-one', which does not exist",
            "reference",
        ),
    ]


def test_a_quote_in_no_known_document_is_checked_no_further(corpus: icc.Corpus) -> None:
    quote = attrs.evolve(corpus.quote(Q1), document_id="nowhere")
    assert problems(corpus, quote=quote) == [
        (
            "quotes.json",
            Q1,
            "document_id",
            "refers to document 'nowhere', which does not exist",
            "reference",
        ),
        (
            "quotes.json",
            f"{PILOTS}/q2",
            "continues",
            "must name an earlier quote by the same speaker in the same document",
            "integrity",
        ),
    ]


@pytest.mark.parametrize(
    ("resource", "kind"),
    [
        ("documents.json", "documents"),
        ("organisations.json", "organisations"),
        ("people.json", "people"),
        ("quotes.json", "quotes"),
        ("comments.json", "comments"),
        ("mentions.json", "mentions"),
    ],
)
def test_a_repeated_id_names_its_resource(corpus: icc.Corpus, resource: str, kind: str) -> None:
    parts = {
        name: getattr(corpus, name)
        for name in ("documents", "quotes", "comments", "organisations", "people", "mentions")
    }
    first = parts[kind][0]
    parts[kind] = (*parts[kind], first)
    found = check_records(RecordSet(**parts))
    assert (resource, first.id, "id", "duplicate id: ids must be unique", "reference") in [
        (p.resource, p.record_id, p.field, p.message, p.category) for p in found
    ]


def test_a_reply_names_a_comment(corpus: icc.Corpus) -> None:
    comment = corpus.comments[0]
    assert comment_problems(corpus, in_reply_to="no-such-comment") == [
        (
            "comments.json",
            comment.id,
            "in_reply_to",
            "refers to comment 'no-such-comment', which does not exist",
            "reference",
        )
    ]


def test_at_most_twenty_problems_are_listed() -> None:
    from integrated_care_corpus._checks import Problem, raise_problems  # noqa: PLC0415

    def make(count: int) -> list[Problem]:
        return [Problem("quotes.json", f"q{i}", "span", "wrong") for i in range(count)]

    with pytest.raises(icc.CorpusIntegrityError) as twenty:
        raise_problems(make(20))
    assert str(twenty.value).startswith("20 problems:\n")
    assert "more problems" not in str(twenty.value)
    assert str(twenty.value).count("\n") == 20
    with pytest.raises(icc.CorpusIntegrityError) as more:
        raise_problems(make(23))
    assert str(more.value).endswith("\n  ... and 3 more problems")
    assert "q19" in str(more.value)
    assert "q20" not in str(more.value)


def _region_problems(corpus: icc.Corpus, *spans: tuple[str, int, int]) -> list[tuple[str, str]]:
    regions = tuple(icc.Region(icc.RegionKind(kind), icc.Span(a, b)) for kind, a, b in spans)
    return [
        (field, message) for _, _, field, message, _ in _document_problems(corpus, regions=regions)
    ]


# The pilots release: headline 0-70, furniture 72-117, body 119-2567, notes 2569-3210.
HEADLINE, FURNITURE = ("headline", 0, 70), ("furniture", 72, 117)
BODY, NOTES = ("body", 119, 2567), ("notes", 2569, 3210)
BLANK_EDGE = "a region must be non-empty and start and end on a non-blank character"


def test_regions_are_checked_one_by_one(corpus: icc.Corpus) -> None:
    assert _region_problems(corpus, HEADLINE, FURNITURE, BODY, NOTES) == []
    assert _region_problems(corpus, HEADLINE, FURNITURE, BODY, ("notes", 2569, 3211)) == [
        ("regions[3]", "region runs past the end of the text")
    ]
    # Starting or ending on a line break.
    assert _region_problems(corpus, HEADLINE, FURNITURE, ("body", 118, 2567), NOTES) == [
        ("regions[2]", BLANK_EDGE)
    ]
    assert _region_problems(corpus, HEADLINE, FURNITURE, ("body", 119, 2568), NOTES) == [
        ("regions[2]", BLANK_EDGE)
    ]
    # Ending exactly at the end of the text, but starting on a line break.
    assert _region_problems(corpus, HEADLINE, FURNITURE, BODY, ("notes", 2568, 3210)) == [
        ("regions[3]", BLANK_EDGE)
    ]
    # Empty, between two letters.
    assert _region_problems(corpus, HEADLINE, FURNITURE, ("body", 120, 120), BODY, NOTES) == [
        ("regions[2]", BLANK_EDGE),
        ("regions[2]", "text before this region is in no region: 'C'"),
        ("regions[3]", "regions must be in text order and not overlap"),
    ]
    assert _region_problems(corpus, HEADLINE, FURNITURE, ("body", 124, 2567), NOTES) == [
        ("regions[2]", "text before this region is in no region: 'Comme'")
    ]


def test_spans_that_touch_do_not_overlap() -> None:
    assert not icc.Span(5, 9).overlaps(icc.Span(0, 5))
    assert not icc.Span(0, 5).overlaps(icc.Span(5, 9))
    assert icc.Span(4, 9).overlaps(icc.Span(0, 5))


def test_the_source_of_a_quote_in_no_single_region(corpus: icc.Corpus) -> None:
    # No region holds the quote, so none holds its source either: the span is the problem.
    text = corpus.document(PILOTS).text
    quote = attrs.evolve(
        moved(corpus, Q1, 60, 130), source=icc.Excerpt(text[132:140], icc.Span(132, 140))
    )
    assert problems(corpus, quote=quote) == [
        (
            "quotes.json",
            Q1,
            "span",
            "does not lie inside a single region of its document",
            "integrity",
        )
    ]


Q3 = f"{PILOTS}/q3"


def test_a_quotes_words_and_speaker_are_checked(corpus: icc.Corpus) -> None:
    quote = corpus.quote(Q3)
    assert problems(corpus, quote=attrs.evolve(quote, text="Not these words")) == [
        (
            "quotes.json",
            Q3,
            "span",
            (
                "text[1465:1914] is 'The major challenge will be getting different health "
                "prof...', expected 'Not these words'"
            ),
            "integrity",
        )
    ]
    assert problems(corpus, quote=attrs.evolve(quote, person_id="no-one"))[0] == (
        "quotes.json",
        Q3,
        "person_id",
        "refers to person 'no-one', which does not exist",
        "reference",
    )


def test_a_quotes_id_names_its_document(corpus: icc.Corpus) -> None:
    renamed = attrs.evolve(corpus.quote(Q3), id=f"{PILOTS}/x3")
    quotes = tuple(renamed if q.id == Q3 else q for q in corpus.quotes)
    records = RecordSet(
        corpus.documents,
        quotes,
        corpus.comments,
        corpus.organisations,
        corpus.people,
        corpus.mentions,
    )
    found = [(p.resource, p.record_id, p.field, p.message) for p in check_records(records)]
    assert (
        "quotes.json",
        f"{PILOTS}/x3",
        "id",
        f"expected an id of the form '{PILOTS}/q<n>'",
    ) in found


def comment_problems(corpus: icc.Corpus, **changes: Any) -> list[tuple[str, str, str, str, str]]:
    """Check the corpus with its first comment changed."""
    first = corpus.comments[0]
    comments = (attrs.evolve(first, **changes), *corpus.comments[1:])
    records = RecordSet(
        corpus.documents,
        corpus.quotes,
        comments,
        corpus.organisations,
        corpus.people,
        corpus.mentions,
    )
    return [
        (p.resource, p.record_id, p.field, p.message, p.category) for p in check_records(records)
    ]


def test_a_comments_references_words_and_region(corpus: icc.Corpus) -> None:
    first = corpus.comments[0]
    where = ("comments.json", first.id)
    assert comment_problems(corpus, person_id="no-one", organisation_ids=("nobody",))[:2] == [
        (*where, "person_id", "refers to person 'no-one', which does not exist", "reference"),
        (
            *where,
            "organisation_ids[0]",
            "refers to organisation 'nobody', which does not exist",
            "reference",
        ),
    ]
    assert comment_problems(corpus, text="Not these words")[0][:3] == (*where, "span")
    assert (
        *where,
        "person_id",
        "a signed comment links its author to a person, an anonymous one does not",
        "integrity",
    ) in comment_problems(
        corpus,
        author=None if first.author is not None else "Someone",
        person_id=first.person_id,
    )
    shifted = icc.Span(first.span.start, first.span.end - 1)
    text = corpus.document(first.document_id).text
    assert (
        *where,
        "span",
        "expected to equal one 'comment' region of its document",
        "integrity",
    ) in comment_problems(corpus, span=shifted, text=text[shifted.start : shifted.end])
    moved_to = comment_problems(corpus, position=first.position + 50)
    assert (
        "comments.json",
        first.document_id,
        "position",
    ) in [p[:3] for p in moved_to]
