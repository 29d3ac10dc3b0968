"""Search over the joined, folded texts finds exactly what folding each text alone finds.

The reference is the plainest search there is: fold each text on its own
with :func:`normalise`, run the query over it, and map each match back
through that text's own map. Search folds a record type's texts together
(:func:`normalise_joined`, in runs, most of them in a few passes in C); these
tests compare the two on generated texts built from the cases folding treats
specially (case, accents and combining marks, quotation marks and
apostrophes, dashes and hyphens inside words, runs of whitespace,
punctuation, the separator itself), with queries that start and end
mid-word, single characters, prefixes, phrases and whole words.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import integrated_care_corpus as icc
from integrated_care_corpus import _text
from integrated_care_corpus._search import Query, _Texts
from integrated_care_corpus._text import normalise, normalise_joined

from .conftest import ROOT

#: Characters folding treats specially, and plain ones to make words of.
TRICKY = "aAbBcé\u0301ßİﬁ’‘'`“”\"-‐–— \u00a0\n\t.,:;!?_0\x00"
PLAIN = "abcdeo ."

texts = st.text(alphabet=TRICKY, max_size=30)
ascii_texts = st.text(alphabet="aBc- \n\t’.,x", max_size=30)
corpora = st.lists(texts | ascii_texts, max_size=8)
#: Runs of a few characters, so that a corpus is folded in several runs.
small_chunks = st.sampled_from([1, 7, 40, _text.CHUNK])


def reference(texts: list[str], query: Query) -> Iterator[tuple[int, int, int]]:
    """Yield (text position, start, end) of each match, folding each text alone."""
    for position, text in enumerate(texts):
        folded, where = normalise(text)
        for start, end in query.spans(folded):
            yield (position, *where.span(start, end))


def queries(texts: list[str], data: st.DataObject) -> Iterator[tuple[str, bool]]:
    """Draw queries: slices of the folded texts (mid-word), single characters, syntax."""
    folded = [normalise(t)[0] for t in texts]
    for _ in range(3):
        source = data.draw(st.sampled_from(folded)) if folded else ""
        start = data.draw(st.integers(0, len(source)))
        end = data.draw(st.integers(start, min(len(source), start + 12)))
        piece = source[start:end]
        yield piece, data.draw(st.booleans())
        yield f'"{piece}"', False
        yield piece + "*", False
    yield data.draw(st.text(alphabet=TRICKY + PLAIN, min_size=1, max_size=3)), False
    yield data.draw(st.sampled_from(PLAIN.strip())), data.draw(st.booleans())


def parsed(text: str, *, whole_word: bool) -> Query | None:
    try:
        return Query.parse(text, whole_word=whole_word)
    except ValueError:
        return None  # empty, or syntax search refuses


@given(texts=corpora, chunk=small_chunks)
def test_the_joined_fold_is_each_fold_joined(texts: list[str], chunk: int) -> None:
    with mock.patch.object(_text, "CHUNK", chunk):
        folded, folded_starts, starts, where = normalise_joined(texts, "\x00")
    each = [normalise(t) for t in texts]
    assert folded == "\x00".join(f for f, _ in each)
    assert starts == [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    assert folded_starts == [sum(len(f) + 1 for f, _ in each[:i]) for i in range(len(texts))]
    for (text_folded, text_map), at, origin in zip(each, folded_starts, starts, strict=True):
        for offset in range(len(text_folded)):
            assert where.original(at + offset) - origin == text_map.original(offset)


@given(texts=corpora, chunk=small_chunks, data=st.data())
def test_search_finds_what_folding_each_text_alone_finds(
    texts: list[str], chunk: int, data: st.DataObject
) -> None:
    with mock.patch.object(_text, "CHUNK", chunk):
        index = _Texts(texts)
    for text, whole_word in queries(texts, data):
        query = parsed(text, whole_word=whole_word)
        if query is None:
            continue
        expected = list(reference(texts, query))
        assert list(index.find(query)) == expected, (texts, text, whole_word)
        assert index.positions(query) == list(dict.fromkeys(p for p, _, _ in expected))


def test_the_empty_corpus() -> None:
    assert normalise_joined([], "\x00") == ("", [], [], normalise("")[1])
    assert list(_Texts([]).find(Query.parse("a"))) == []


@pytest.fixture(scope="module")
def generated() -> icc.Corpus:
    """A generated corpus, as the benchmarks make them, with a few tricky texts of its own."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate  # type: ignore[import-not-found]  # noqa: PLC0415
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from integrated_care_corpus._corpus import Corpus  # noqa: PLC0415

    return Corpus("1.0.0", "1", generate(400, seed=19))


@pytest.mark.parametrize("kind", ["documents", "quotes", "comments"])
def test_search_on_a_generated_corpus_is_a_full_scan(generated: icc.Corpus, kind: str) -> None:
    records = getattr(generated, kind)
    words = records[len(records) // 2].text.casefold().split()
    phrases = [
        " ".join(words[1:4]),
        " ".join(words[2:4])[2:-1],  # starting and ending mid-word
        words[1][:1],
        f'"{words[2]} {words[3]}"',
        words[3][:3] + "*",
        "said: 'pooled",
        "trust, said",
    ]
    texts = [r.text for r in records]
    for phrase in phrases:
        query = Query.parse(phrase)
        hits = generated.search(phrase, kinds=kind)
        expected = list(reference(texts, query))
        assert [(h.record, h.text) for h in hits] == [
            (records[p], records[p].text[s:e]) for p, s, e in expected
        ]
        for hit, (_, start, end) in zip(hits, expected, strict=True):
            record = hit.record
            offset = 0 if isinstance(record, icc.Document) else record.span.start
            assert (hit.span.start, hit.span.end) == (offset + start, offset + end)
