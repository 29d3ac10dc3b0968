"""spaCy documents: one ``Doc`` per document, with the corpus's annotations.

spaCy is imported here, on first use, and nowhere else (the ``[spacy]``
extra). Each document's text becomes a ``Doc`` (tokenised by the pipeline
given, no other component run), and:

- every mention is a span in the ``mentions`` span group, labelled ``ORG``
  or ``PERSON`` with the organisation's or person's id as ``kb_id``; the
  mentions that do not overlap an earlier one are also ``doc.ents``;
- every quote is a span in the ``quotes`` span group, labelled ``direct`` or
  ``partial``; every reader comment one in the ``comments`` group;
- every span carries ``span._.icc_id`` (the record id), and quotes and
  comments ``span._.icc_speaker`` (the speaker or the signature) and
  ``span._.icc_person_id``;
- ``doc.user_data["icc"]`` holds the document id and the corpus version.

A span whose offsets fall inside a token is widened to the tokens it
touches (spaCy's ``alignment_mode="expand"``); with ``spacy.blank("en")``
every span of the corpus aligns exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._frames import _require

if TYPE_CHECKING:
    from ._query import CorpusQueries

__all__ = ["EXTENSIONS", "docbin", "docs", "register_extensions"]

#: The span attributes set on every span (``span._.icc_id`` ...).
EXTENSIONS = ("icc_id", "icc_speaker", "icc_person_id")


def register_extensions() -> None:
    """Register the span attributes, so that a DocBin read back shows them."""
    spacy_tokens = _require("spacy.tokens", "spacy", "spaCy documents")
    for name in EXTENSIONS:
        if not spacy_tokens.Span.has_extension(name):
            spacy_tokens.Span.set_extension(name, default=None)


def _span(doc: Any, start: int, end: int, label: str, kb_id: str = "") -> Any:  # noqa: ANN401
    span = doc.char_span(start, end, label=label, kb_id=kb_id)
    if span is None:
        span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
    return span


def docs(corpus: CorpusQueries, nlp: Any) -> list[Any]:  # noqa: ANN401 - spaCy's Language and Doc
    """Return one spaCy ``Doc`` per document, in document order, annotated."""
    util = _require("spacy.util", "spacy", "spaCy documents")
    register_extensions()
    out = []
    for document in corpus.documents:
        contents = corpus.in_document(document)
        doc = nlp.make_doc(document.text)
        doc.user_data["icc"] = {"document_id": document.id, "corpus_version": corpus.version}
        mentions = []
        for m in contents.mentions:
            label, target = (
                ("ORG", m.organisation_id) if m.organisation_id else ("PERSON", m.person_id)
            )
            span = _span(doc, m.span.start, m.span.end, label, target or "")
            span._.icc_id = m.id
            mentions.append(span)
        quotes = []
        for q in contents.quotes:
            span = _span(doc, q.span.start, q.span.end, q.kind.value)
            span._.icc_id, span._.icc_speaker, span._.icc_person_id = q.id, q.speaker, q.person_id
            quotes.append(span)
        comments = []
        for c in contents.comments:
            span = _span(doc, c.span.start, c.span.end, "comment")
            span._.icc_id, span._.icc_speaker, span._.icc_person_id = c.id, c.author, c.person_id
            comments.append(span)
        doc.spans["mentions"] = mentions
        doc.spans["quotes"] = quotes
        doc.spans["comments"] = comments
        doc.ents = util.filter_spans(mentions)
        out.append(doc)
    return out


def docbin(corpus: CorpusQueries) -> Any:  # noqa: ANN401 - spaCy's DocBin
    """Return a ``DocBin`` of :func:`docs` with ``spacy.blank("en")``, user data kept."""
    spacy = _require("spacy", "spacy", "spaCy documents")
    tokens = _require("spacy.tokens", "spacy", "spaCy documents")
    return tokens.DocBin(store_user_data=True, docs=docs(corpus, spacy.blank("en")))
