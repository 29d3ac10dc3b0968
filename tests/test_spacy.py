"""spaCy: ``corpus.to_spacy(nlp)`` and ``export --format spacy``, with a blank English pipeline."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _export
from integrated_care_corpus._spacy import register_extensions

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def nlp() -> object:
    return spacy.blank("en")


def test_every_mention_quote_and_comment_aligns(nlp: object, corpus: icc.Corpus) -> None:
    docs = corpus.to_spacy(nlp)
    assert [d.user_data["icc"]["document_id"] for d in docs] == [d.id for d in corpus.documents]
    mentions = {s._.icc_id: s for d in docs for s in d.spans["mentions"]}
    assert len(mentions) == len(corpus.mentions) == 119
    for m in corpus.mentions:
        span = mentions[m.id]
        assert (span.start_char, span.end_char) == (m.span.start, m.span.end), m.id
        assert span.text == m.text
        assert span.kb_id_ == (m.organisation_id or m.person_id)
        assert span.label_ == ("ORG" if m.organisation_id else "PERSON")
    quotes = {s._.icc_id: s for d in docs for s in d.spans["quotes"]}
    assert len(quotes) == len(corpus.quotes) == 27
    for q in corpus.quotes:
        span = quotes[q.id]
        assert (span.start_char, span.end_char) == (q.span.start, q.span.end), q.id
        assert span.label_ == q.kind.value
        assert span._.icc_speaker == q.speaker
        assert span._.icc_person_id == q.person_id
    comments = {s._.icc_id: s for d in docs for s in d.spans["comments"]}
    assert len(comments) == len(corpus.comments)
    for c in corpus.comments:
        assert comments[c.id].text == c.text
        assert comments[c.id]._.icc_speaker == c.author
    # No two mentions overlap, so every one is also an entity.
    assert sum(len(d.ents) for d in docs) == len(corpus.mentions)


def test_the_docbin_export_reads_back(tmp_path: Path, corpus: icc.Corpus) -> None:
    files = _export.export(corpus, "spacy", tmp_path / "out")
    assert tmp_path / "out" / "corpus.spacy" in files
    register_extensions()
    doc_bin = spacy.tokens.DocBin().from_disk(tmp_path / "out" / "corpus.spacy")
    docs = list(doc_bin.get_docs(spacy.blank("en").vocab))
    assert len(docs) == len(corpus.documents)
    assert [d.text for d in docs] == [d.text for d in corpus.documents]
    first = docs[0].spans["quotes"][0]
    quote = corpus.quotes[0]
    assert (first._.icc_id, first._.icc_speaker, first.text) == (
        quote.id,
        quote.speaker,
        quote.text,
    )
    assert docs[0].user_data["icc"]["corpus_version"] == corpus.version
    readme = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert "DocBin" in readme


def test_without_spacy_the_error_names_the_extra(
    corpus: icc.Corpus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(icc.MissingExtraError, match=r"integrated-care-corpus\[spacy\]"):
        corpus.to_spacy(object())
    with pytest.raises(icc.MissingExtraError, match=r"integrated-care-corpus\[spacy\]"):
        _export.export(corpus, "spacy", tmp_path / "out")
    assert list(tmp_path.iterdir()) == []
