"""The cross-record checks, one fault at a time, on records changed in memory.

Each test changes a record of the bundled corpus with :func:`attrs.evolve`
and runs :func:`check_records` over the set: every problem found is pinned,
its resource, record, field, message and category.
"""

from __future__ import annotations

import attrs
import pytest

import integrated_care_corpus as icc
from integrated_care_corpus._checks import _short, _span_problem, check_records
from integrated_care_corpus._resources import RecordSet
from integrated_care_corpus._rules import MAX_ID_LENGTH, is_id

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
