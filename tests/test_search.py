"""Text search: what it matches, and that every hit's span is exact in the original."""

from __future__ import annotations

import re
import sys
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

import integrated_care_corpus as icc
from integrated_care_corpus._search import (
    SYNTAX,
    Query,
    SearchIndex,
    TextMap,
    _matches,
    _snippet,
    _Texts,
    normalise,
)
from integrated_care_corpus._text import WHITESPACE, fold

KF_PILOTS = "kings-fund-undated-pilots-welcome"
KF_2010 = "kings-fund-2010-11-23-integration-at-heart-of-nhs-reform"
CIPFA = "cipfa-2012-01-05-ministers-must-prioritise-integration"
PULSE = "pulse-undated-nhs-fully-integrated-by-2018"
MARATHON = "kings-fund-undated-marathon-not-a-sprint"


def assert_exact(hit: icc.Hit) -> None:
    """The span indexes the document's original text, and lies inside the record."""
    assert hit.document.text[hit.span.start : hit.span.end] == hit.text
    if not isinstance(hit.record, icc.Document):
        assert hit.record.span.contains(hit.span)
        assert hit.record.document_id == hit.document.id


def test_both_apostrophes_match(corpus: icc.Corpus) -> None:
    hits = corpus.search("King's Fund", kinds="documents")
    # Read off the texts: the pilots release 'The King's Fund's Chief Executive',
    # 'The King’s Fund press ...', 'The King’s Fund is a charity'; the 2010 release
    # has it in the headline, 'from The King's Fund says', 'Chief Executive of The
    # King's Fund' and note 7 (curly); CIPFA 'The King’s Fund and the Nuffield
    # Trust' and 'chief executive of The King’s Fund'.
    assert Counter(h.document_id for h in hits) == {KF_PILOTS: 3, KF_2010: 4, CIPFA: 2}
    assert Counter(h.text for h in hits) == {"King's Fund": 4, "King’s Fund": 5}
    for hit in hits:
        assert_exact(hit)
    assert corpus.search("KING’S FUND", kinds="documents") == hits


def test_a_hit_across_a_no_break_space(corpus: icc.Corpus) -> None:
    # In CIPFA, a no-break space and a space follow 'working together, says'.
    (hit,) = corpus.search("says this would")
    assert hit.document_id == CIPFA
    assert hit.text == "says\u00a0 this would"
    assert_exact(hit)


def test_a_hit_across_a_curly_apostrophe_a_no_break_space_and_a_dash(
    corpus: icc.Corpus,
) -> None:
    # The 2010 release: 'when ‘form follows function’\u00a0– where teams ...'
    (hit,) = corpus.search("form follows function' - where")
    assert hit.document_id == KF_2010
    assert hit.text == "form follows function’\u00a0– where"
    assert_exact(hit)


def test_a_hit_across_paragraphs(corpus: icc.Corpus) -> None:
    # The pilots release: '... and poor aftercare.\n\n'As more people live ...'
    (hit,) = corpus.search("aftercare. 'As more")
    assert (hit.kind, hit.document_id, hit.text) == (
        "document",
        KF_PILOTS,
        "aftercare.\n\n'As more",
    )
    assert_exact(hit)
    # Each paragraph is a quote of its own, so no quote holds both.
    assert corpus.search("aftercare. 'As more", kinds="quotes") == ()


def test_hits_in_quotes_and_comments(corpus: icc.Corpus) -> None:
    hits = corpus.search("integrated care", kinds="quotes")
    assert [(h.record.id, h.text) for h in hits] == [
        (f"{CIPFA}/q7", "Integrated care"),
        (f"{PULSE}/q3", "integrated care"),
        (f"{PULSE}/q8", "integrated care"),
    ]
    for hit in hits:
        assert_exact(hit)
    (comment,) = corpus.search("DÉJÀ VU", kinds=icc.Comment)
    assert (comment.record.id, comment.text) == (f"{PULSE}/c5", "déjà vu")
    assert_exact(comment)


def test_whole_words(corpus: icc.Corpus) -> None:
    # Comments: 'GPs' four times and 'GP' twice in the second Pulse comment, 'GPs'
    # in the fourth, and 'KPOOH and GPOOH' twice in George Coxon's.
    assert len(corpus.search("GP", kinds="comments")) == 9
    whole = corpus.search("gp", kinds="comments", whole_word=True)
    assert [h.text for h in whole] == ["GP", "GP"]
    assert len(corpus.search("GPs", kinds="comments", whole_word=True)) == 5
    assert corpus.search("GPOO", kinds="comments", whole_word=True) == ()
    for hit in whole:
        assert_exact(hit)


def test_kinds_and_their_order(corpus: icc.Corpus) -> None:
    both = corpus.search("Integrated care can be delivered")
    assert [(h.kind, h.record.id) for h in both] == [
        ("document", CIPFA),
        ("quote", f"{CIPFA}/q7"),
    ]
    assert both[0].span == both[1].span
    reverse = corpus.search("Integrated care can be delivered", kinds=["quotes", "documents"])
    assert [h.kind for h in reverse] == ["quote", "document"]
    assert corpus.search("Integrated care can be delivered", kinds="comments") == ()


def test_snippets(corpus: icc.Corpus) -> None:
    hits = corpus.search("Torbay Care Trust", kinds="documents", context=20)
    assert [h.snippet for h in hits] == [
        "…they established Torbay Care Trust, an integrated care…",
        "…for patients. 4. Torbay Care Trust is an integrated…",  # across a no-break space
    ]
    (quote,) = corpus.search("Integrated care can be", kinds="quotes", context=10)
    assert quote.snippet == "Integrated care can be delivered…"  # a quote's own text only
    assert repr(quote) == (f"<Hit quote {CIPFA}/q7 2211:2233 'Integrated care can be delivered…'>")


def test_every_hit_of_a_common_word_is_exact(corpus: icc.Corpus) -> None:
    hits = corpus.search("care")
    assert len(hits) > 100
    for hit in hits:
        assert_exact(hit)
        assert hit.text.casefold() == "care"
    rows = hits.to_dicts()
    assert rows[0]["kind"] == "document"
    assert {r["kind"] for r in rows} == {"document", "quote", "comment"}


def test_empty_queries_are_refused(corpus: icc.Corpus) -> None:
    for query in ("", "   ", "\u00a0\n"):
        with pytest.raises(ValueError, match="search for some text"):
            corpus.search(query)
    with pytest.raises(ValueError, match="search for some text"):
        corpus.find_quotes(text=" ")


# --- the normalised text and its map --------------------------------------------------


def test_normalise_maps_back() -> None:
    text = "The King’s\u00a0 FUND\n\n“Quoted” – here"
    norm, where = normalise(text)
    assert norm == 'the king\'s fund "quoted" - here'
    assert where.span(4, 15) == (4, 16)
    start, end = where.span(norm.index('"quoted"'), norm.index('"quoted"') + 8)
    assert text[start:end] == "“Quoted”"


def test_normalise_when_case_folding_lengthens() -> None:
    text = "Straße  und ß"
    norm, where = normalise(text)
    assert norm == "strasse und ss"
    assert where.span(0, 7) == (0, 6)  # 'strasse' is 'Straße'
    assert where.span(4, 5) == (4, 5)  # either 's' of 'ss' is the 'ß'
    assert text[slice(*where.span(12, 14))] == "ß"
    assert where == TextMap((0, 5, 8, 13), (0, 4, 8, 12))


ALPHABET = "aAbBsß İ’'‘\u00a0\n\t-–.x"


@given(st.text(alphabet=ALPHABET, max_size=40), st.data())
def test_every_match_maps_to_an_exact_span(text: str, data: st.DataObject) -> None:
    folded = normalise(text)[0]
    start = data.draw(st.integers(min_value=0, max_value=len(folded)))
    end = data.draw(st.integers(min_value=start, max_value=len(folded)))
    try:
        query = Query.parse(folded[start:end])
    except ValueError:
        return  # only whitespace
    hits = list(_Texts(["", text, "zz"]).find(query))
    assert hits, (text, query)
    for position, hit_start, hit_end in hits:
        assert position == 1
        assert 0 <= hit_start < hit_end <= len(text)
        assert query.text in normalise(text[hit_start:hit_end])[0]


@given(st.text(alphabet=ALPHABET + "é\u0301ﬁ", max_size=40))
def test_the_search_fold_is_the_lookup_fold(text: str) -> None:
    assert normalise(text)[0].strip(" ") == fold(text)
    assert fold(fold(text)) == fold(text)


def test_whole_words_after_a_failed_candidate() -> None:
    assert list(_matches("xab ab ab", "ab ab", whole_word=True)) == [4]
    assert list(_matches("xab ab ab", "ab ab", whole_word=False)) == [1]
    assert list(_matches("ab_ab ab", "ab", whole_word=True)) == [6]


def test_the_whitespace_list_is_complete() -> None:
    every = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != " ")
    assert every == WHITESPACE


# --- what a query may say ---------------------------------------------------------------


def test_accents_are_ignored(corpus: icc.Corpus) -> None:
    plain, accented = corpus.search("deja vu"), corpus.search("déjà vu")
    assert len(plain) == 2
    assert plain == accented
    assert {h.text for h in plain} == {"déjà vu"}
    for hit in plain:
        assert_exact(hit)


def test_a_hyphen_inside_a_word_is_ignored(corpus: icc.Corpus) -> None:
    hyphened, joined = corpus.search("well-being"), corpus.search("wellbeing")
    assert len(joined) == 4
    assert hyphened == joined
    assert corpus.search("WELL‐BEING") == joined  # U+2010, the typographic hyphen


def test_a_trailing_star_is_a_word_prefix(corpus: icc.Corpus) -> None:
    hits = corpus.search("integrat*")
    words = Counter(h.text.casefold() for h in hits)
    assert set(words) == {"integrate", "integrated", "integrating", "integration"}
    for hit in hits:
        assert_exact(hit)
        before = hit.document.text[hit.span.start - 1 : hit.span.start]
        after = hit.document.text[hit.span.end : hit.span.end + 1]
        assert not before.isalnum()
        assert not after.isalnum()  # the hit is the whole word
    # Every plain match of the prefix here starts a word, so the counts agree;
    # a prefix inside a word ('care' in 'aftercare') is no match.
    assert len(hits) == len(corpus.search("integrat"))
    assert "aftercare" not in {h.text.casefold() for h in corpus.search("care*")}
    assert "aftercare" in {h.text.casefold() for h in corpus.search("aftercare*")}
    assert {h.text.casefold() for h in corpus.search("integrat* care")} >= {"integrated care"}


def test_a_quoted_phrase_is_whole_words(corpus: icc.Corpus) -> None:
    assert len(corpus.search('"care"')) < len(corpus.search("care"))  # 'careful', 'aftercare'
    assert corpus.search("“care”") == corpus.search('"care"')
    assert corpus.search('"care"') == corpus.search("care", whole_word=True)


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("in*tegrat", r"\* goes at the end of a word, for a prefix"),
        ("*care", r"\* goes at the end of a word, for a prefix"),
        ("care**", r"\* goes at the end of a word, for a prefix"),
        ('"social care', "a phrase goes in double quotes around the whole query"),
        ('the "social care" bill', "a phrase goes in double quotes around the whole query"),
        ("health AND care", "AND is not an operator"),
        ("health OR care", "OR is not an operator"),
    ],
)
def test_unsupported_syntax_says_what_is_supported(
    corpus: icc.Corpus, query: str, why: str
) -> None:
    with pytest.raises(ValueError, match=f"unsupported search syntax in .*: {why}; a search is"):
        corpus.search(query)
    with pytest.raises(ValueError, match=why):
        corpus.find_quotes(text=query)


def test_the_text_filters_take_the_same_syntax(corpus: icc.Corpus) -> None:
    quotes = corpus.find_quotes(text="integrat*")
    assert quotes.ids() == tuple(
        dict.fromkeys(h.record.id for h in corpus.search("integrat*", kinds="quotes"))
    )
    # A few candidates (one document's quotes) take the other path: the same answer.
    pulse = corpus.find_quotes(document=PULSE, text="integrat*")
    assert pulse.ids() == tuple(q for q in quotes.ids() if q.startswith(PULSE))
    assert corpus.find_documents(text="well-being") == corpus.find_documents(text="wellbeing")


@given(st.text())
def test_lookups_and_search_fold_text_alike(text: str) -> None:
    # One fold: a name lookup and a text search compare the same form.
    assert fold(text) == normalise(text)[0].strip(" ")


def test_every_apostrophe_style_folds_alike() -> None:
    assert {fold(f"King{mark}s") for mark in "'’‘‛′`"} == {"king's"}


# --- the parts of a search, one by one ---------------------------------------------------


@pytest.mark.parametrize(
    ("query", "whole_word", "text", "pattern"),
    [
        ("care", False, "care", None),  # plain text: str.find, no pattern
        ("care", True, "care", r"(?<!\w)care(?!\w)"),
        ("integrat*", False, "integrat", r"(?<!\w)integrat\w*"),
        ("integrat*", True, "integrat", r"(?<!\w)integrat\w*"),
        ('"social care"', False, "social care", r"(?<!\w)social care(?!\w)"),
        ('" social care "', False, "social care", r"(?<!\w)social care(?!\w)"),
        ("care integrat*", False, "care integrat", r"care integrat\w*"),
        ("care integrat*", True, "care integrat", r"(?<!\w)care integrat\w*"),
        ("integrat* care", False, "integrat care", r"(?<!\w)integrat\w* care"),
        ("integrat* care", True, "integrat care", r"(?<!\w)integrat\w* care(?!\w)"),
        ("Social CARE", False, "social care", None),
        ("AND", False, "and", None),  # an operator's word alone is a word
    ],
)
def test_a_query_parses_to_its_text_and_pattern(
    query: str, *, whole_word: bool, text: str, pattern: str | None
) -> None:
    parsed = Query.parse(query, whole_word=whole_word)
    assert parsed.text == text
    assert (parsed.pattern.pattern if parsed.pattern else None) == pattern


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ('social care"', "a phrase goes in double quotes around the whole query"),
        ('"social" "care"', "a phrase goes in double quotes around the whole query"),
        ('""social care"', "a phrase goes in double quotes around the whole query"),
        ('"social care""', "a phrase goes in double quotes around the whole query"),
        ("NOT integration", "NOT is not an operator"),
        ("care *", "* goes at the end of a word, for a prefix"),
        ("integrat**", "* goes at the end of a word, for a prefix"),
        ("in*tegrat", "* goes at the end of a word, for a prefix"),
    ],
)
def test_unsupported_syntax_is_refused_in_whole(query: str, why: str) -> None:
    with pytest.raises(ValueError, match=r"^unsupported search syntax in ") as caught:
        Query.parse(query)
    assert (
        str(caught.value) == f"unsupported search syntax in {query!r}: {why}; a search is {SYNTAX}"
    )


@pytest.mark.parametrize("query", ["", '"*"', "* *", '""', '" "', "care\x00care"])
def test_a_query_of_no_text_is_refused(query: str) -> None:
    with pytest.raises(ValueError, match=r"^search for some text, not ") as caught:
        Query.parse(query)
    assert str(caught.value) == f"search for some text, not {query!r}"


def test_a_query_must_be_a_string() -> None:
    with pytest.raises(TypeError) as caught:
        Query.parse(3)  # type: ignore[arg-type]
    assert str(caught.value) == "search for a string, not int"


def test_found_in_reads_an_original_text() -> None:
    assert Query.parse("care").found_in("Social CARE")
    assert Query.parse("care").found_in("careful")
    assert not Query.parse("care").found_in("health")
    assert not Query.parse("care", whole_word=True).found_in("careful")
    assert Query.parse("care", whole_word=True).found_in("the Care.")
    assert Query.parse("King's fund").found_in("The King’s Fund")
    assert not Query.parse("integrat*").found_in("disintegration")


@pytest.mark.parametrize(
    ("blob", "query", "expected"),
    [
        ("care and care", "care", [0, 9]),  # a match at the very start
        ("abc care.", "care", [4]),  # a word before, a stop after
        ("careful care care", "care", [8, 13]),  # each whole word after a failed one
        ("x...", "..", [2]),  # the next candidate one character on
    ],
)
def test_whole_word_matches(blob: str, query: str, expected: list[int]) -> None:
    assert list(_matches(blob, query, whole_word=True)) == expected


def test_joined_texts_and_the_records_that_match() -> None:
    assert _Texts(["ab", "cd", "ef"]).starts == [0, 3, 6]
    texts = _Texts(["care care", "care", "x", "care", "care and care"])
    assert texts.positions(Query.parse("care")) == [0, 1, 3, 4]
    assert _Texts(["care", "x care"]).positions(Query.parse("care")) == [0, 1]
    assert [position for position, _, _ in texts.find(Query.parse("care"))] == [0, 0, 1, 3, 4, 4]


@pytest.mark.parametrize(
    ("text", "start", "end", "context", "snippet"),
    [
        ("one two three four five six", 8, 13, 4, "…two three…"),
        ("one two three four five six", 8, 13, 5, "…two three four…"),
        ("one two three four five six", 24, 27, 3, "…six"),  # to the end: no ellipsis
        ("one two three four five six", 4, 7, 4, "one two…"),  # from the start
        ("one two three four five six", 8, 13, 100, "one two three four five six"),
        ("one two three", 4, 7, 3, "…two…"),  # a part word either side is dropped
        ("one two three", 0, 3, 3, "one…"),
        ("one two three", 0, 3, 5, "one two…"),
        ("one twoxyz", 0, 3, 4, "one…"),
        ("abcdefgh ij", 6, 8, 3, "…defgh ij"),  # no space before: the part word stays
        ("ab cdefghij", 3, 5, 3, "ab cdefg…"),  # no space after: likewise
        ("onetwo", 0, 3, 0, "one…"),  # no context at all
    ],
)
def test_snippets_keep_whole_words(
    text: str, start: int, end: int, context: int, snippet: str
) -> None:
    assert _snippet(text, start, end, context) == snippet


def test_a_search_index_of_its_own(corpus: icc.Corpus) -> None:
    index = SearchIndex(corpus.documents, corpus.quotes, corpus.comments)
    assert index.positions("documents", "integrat") == [0, 1, 2, 3, 4]  # inside words too
    assert index.positions("documents", "integrat", whole_word=True) == []
    assert index.texts("quotes") is index.texts("quotes")  # normalised once
    assert index.positions("comments", "care") == [
        i for i, c in enumerate(corpus.comments) if "care" in fold(c.text)
    ]
    documents = {d.id: d for d in corpus.documents}
    assert list(index.hits("documents", "integrat", documents))  # not whole words by default
    hits = list(index.hits("quotes", "integrated care", documents))
    pulse = next(h for h in hits if h.record.id == f"{PULSE}/q3")
    # 40 characters of context either side, cut to whole words.
    assert pulse.snippet == "…to support innovative approaches to integrated care and support."
    assert [
        h.record.id for h in index.hits("quotes", "integrated care", documents, whole_word=True)
    ] == [h.record.id for h in hits if re.search(r"\bintegrated care\b", fold(h.record.text))]


def test_a_hit_in_a_notebook(corpus: icc.Corpus) -> None:
    (hit,) = corpus.search("Integrated care can be", kinds="quotes")
    html = hit._repr_html_()
    assert html.startswith('<div class="icc">')
    assert hit.record.id in html
