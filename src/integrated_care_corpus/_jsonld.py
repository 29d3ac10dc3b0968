"""The JSON-LD export: every record as a schema.org node, spans as Web Annotations.

One document, ``corpus.jsonld``, with its ``@context`` embedded so that no
JSON-LD processor needs the network. schema.org is the vocabulary, each
property used as schema.org defines it; what schema.org has no property for
(a quotation's kind, how its attribution is known, a paragraph continuing
the quotation before) is a term of the corpus's own vocabulary,
``urn:integrated-care-corpus:vocab#``, listed in :data:`VOCABULARY`. Every
quote, mention and stated role is also a W3C Web Annotation whose target is
its document with a ``TextPositionSelector`` (the character offsets) and a
``TextQuoteSelector`` (the exact words), so linked-data users keep the spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._records import (
    Comment,
    Document,
    DocumentKind,
    Mention,
    Organisation,
    Person,
    Quote,
    Role,
    Span,
)

if TYPE_CHECKING:
    from ._corpus import Corpus

__all__ = ["JSONLD_CONTEXT", "VOCABULARY", "jsonld"]

_VOCAB = "urn:integrated-care-corpus:vocab#"

#: The corpus's own terms: what schema.org has no property for.
VOCABULARY: dict[str, str] = {
    "continues": "A quotation's paragraph continues the quotation (the paragraph) before it: "
    "one quotation running across paragraphs, each paragraph a Quotation.",
    "quoteKind": "direct (the whole sentence or more in quotation marks) or partial "
    "(a phrase in quotation marks inside the writer's own sentence).",
    "attribution": "How the speaker of a quotation is known: stated (the credit names the "
    "speaker for these words) or inferred (from context; see the description).",
    "basis": "How a mention's identification is known: stated or inferred.",
    "organisationKind": "The editor's classification of an organisation.",
    "attributionSource": "The words that name a quotation's speaker for it (PARC 3.0's "
    "source), as printed.",
    "attributionCue": "The reporting words that attribute a quotation (PARC 3.0's cue), "
    "as printed: said, added, according to.",
    "wellKnownName": "A name readers of the field use for an organisation that the corpus "
    "never prints: the editor's, not evidence.",
    "formerJobTitle": "A role the text gives as past.",
}

#: The ``@context`` of the JSON-LD export, embedded in the file.
JSONLD_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "oa": "http://www.w3.org/ns/oa#",
    "icc": "urn:integrated-care-corpus:",
    "iccv": _VOCAB,
    "datePublished": {"@type": "xsd:date"},
    "continues": {"@id": "iccv:continues", "@type": "@id"},
    "quoteKind": {"@id": "iccv:quoteKind", "@language": None},
    "attribution": {"@id": "iccv:attribution", "@language": None},
    "basis": {"@id": "iccv:basis", "@language": None},
    "organisationKind": {"@id": "iccv:organisationKind", "@language": None},
    "attributionSource": {"@id": "iccv:attributionSource"},
    "attributionCue": {"@id": "iccv:attributionCue"},
    "wellKnownName": {"@id": "iccv:wellKnownName"},
    "formerJobTitle": {"@id": "iccv:formerJobTitle"},
    "identifier": {"@id": "schema:identifier", "@language": None},
    "genre": {"@id": "schema:genre", "@language": None},
    "addressCountry": {"@id": "schema:addressCountry", "@language": None},
    "hasBody": {"@id": "oa:hasBody", "@type": "@id"},
    "hasTarget": {"@id": "oa:hasTarget"},
    "hasSource": {"@id": "oa:hasSource", "@type": "@id"},
    "hasSelector": {"@id": "oa:hasSelector"},
    "motivatedBy": {"@id": "oa:motivatedBy", "@type": "@id"},
    "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
    "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
    "exact": {"@id": "oa:exact"},
    "Annotation": "oa:Annotation",
    "SpecificResource": "oa:SpecificResource",
    "TextPositionSelector": "oa:TextPositionSelector",
    "TextQuoteSelector": "oa:TextQuoteSelector",
}

_DOCUMENT_TYPES = {
    DocumentKind.NEWS_ARTICLE: "NewsArticle",
    DocumentKind.BLOG_POST: "BlogPosting",
    DocumentKind.PRESS_RELEASE: "Article",  # schema.org has no press release type
}


def _iri(kind: str, record_id: str) -> str:
    return f"icc:{kind}/{record_id}"


def _ref(kind: str, record_id: str) -> dict[str, str]:
    return {"@id": _iri(kind, record_id)}


def _refs(kind: str, ids: Sequence[str]) -> list[dict[str, str]]:
    return [_ref(kind, i) for i in ids]


def _drop_empty(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if v not in (None, [], "")}


def _one_or_many(items: list[Any]) -> Any:  # noqa: ANN401 - a node or a list of nodes
    return items[0] if len(items) == 1 else items


def _annotation(
    iri: str, body: str, motivation: str, corpus: Corpus, document_id: str, span: Span
) -> dict[str, Any]:
    """Return a Web Annotation: ``body`` is about the characters ``span`` of the document."""
    text = corpus.document(document_id).text
    return {
        "@id": iri,
        "@type": "Annotation",
        "motivatedBy": f"oa:{motivation}",
        "hasBody": body,
        "hasTarget": {
            "@type": "SpecificResource",
            "hasSource": _iri("document", document_id),
            "hasSelector": [
                {"@type": "TextPositionSelector", "start": span.start, "end": span.end},
                {"@type": "TextQuoteSelector", "exact": span.of(text)},
            ],
        },
    }


def _dataset_node(corpus: Corpus) -> dict[str, Any]:
    from ._citation import AUTHOR, DATE_RELEASED, TITLE  # noqa: PLC0415
    from ._citation import citation as cite  # noqa: PLC0415
    from ._errors import UnknownVersionError  # noqa: PLC0415
    from ._tables import DESCRIPTION, LICENCE_SUMMARY  # noqa: PLC0415

    try:
        citation: str | None = cite(version=corpus.version)
    except UnknownVersionError:  # a corpus folder of a version this package does not bundle
        citation = None
    return _drop_empty(
        {
            "@id": f"icc:corpus/{corpus.version}",
            "@type": "Dataset",
            "name": "integrated-care-corpus",
            "alternateName": TITLE,
            "description": DESCRIPTION,
            "version": corpus.version,
            "datePublished": DATE_RELEASED,
            "inLanguage": "en-GB",
            "license": [
                "https://spdx.org/licenses/MIT.html",
                {"@type": "CreativeWork", "name": "Source texts", "text": LICENCE_SUMMARY},
            ],
            "creator": {"@type": "Organization", "name": AUTHOR},
            "citation": citation,
            "hasPart": _refs("document", [d.id for d in corpus.documents]),
        }
    )


def _document_node(corpus: Corpus, d: Document) -> dict[str, Any]:
    contents = corpus.in_document(d)
    return _drop_empty(
        {
            "@id": _iri("document", d.id),
            "@type": _DOCUMENT_TYPES[d.kind],
            "identifier": d.id,
            "headline": d.title,
            "name": d.title,
            "genre": d.kind.value,
            "datePublished": d.published.date.isoformat() if d.published.date else None,
            "publisher": (
                _ref("organisation", d.publisher.organisation_id)
                if d.publisher.organisation_id
                else None
            ),
            "author": _refs("person", d.authors),
            "keywords": [t.value for t in d.topics],
            "mentions": [
                *_refs("organisation", contents.organisations.ids()),
                *_refs("person", contents.people.ids()),
            ],
            "commentCount": len(contents.comments),
            "text": d.text,
        }
    )


def _quote_node(q: Quote) -> dict[str, Any]:
    creator: list[dict[str, Any]]
    if q.person_id is not None:
        creator = [_ref("person", q.person_id)]
    elif q.organisation_ids:
        creator = _refs("organisation", q.organisation_ids)
    else:  # a speaker the corpus has no record for: a node of its own
        creator = [{"@type": "Thing", "name": q.speaker}]
    return _drop_empty(
        {
            "@id": _iri("quote", q.id),
            "@type": "Quotation",
            "identifier": q.id,
            "text": q.text,
            "creator": _one_or_many(creator),
            "sourceOrganization": _refs("organisation", q.organisation_ids),
            "isPartOf": _ref("document", q.document_id),
            "quoteKind": q.kind.value,
            "attribution": q.attribution.value,
            "continues": _iri("quote", q.continues) if q.continues else None,
            "attributionSource": q.source.text if q.source else None,
            "attributionCue": q.cue.text if q.cue else None,
            "description": q.note,
        }
    )


def _comment_node(c: Comment) -> dict[str, Any]:
    author: dict[str, Any] | None = None
    if c.person_id is not None:
        author = _ref("person", c.person_id)
    elif c.author is not None:
        author = {"@type": "Person", "name": c.author}
    if author is not None and c.organisation_ids:
        # The affiliation the comment gives is the commenter's, not the comment's.
        author = {**author, "affiliation": _refs("organisation", c.organisation_ids)}
    parent = _ref("comment", c.in_reply_to) if c.in_reply_to else _ref("document", c.document_id)
    return _drop_empty(
        {
            "@id": _iri("comment", c.id),
            "@type": "Comment",
            "identifier": c.id,
            "text": c.text,
            "author": author,
            "position": c.position,
            "parentItem": parent,
            "isPartOf": _ref("document", c.document_id),
        }
    )


def _organisation_node(o: Organisation) -> dict[str, Any]:
    return _drop_empty(
        {
            "@id": _iri("organisation", o.id),
            "@type": "Organization",
            "identifier": o.id,
            "name": o.name,
            "alternateName": list(o.aliases),
            "wellKnownName": list(o.well_known_names),
            "organisationKind": o.kind.value,
            "address": {"@type": "PostalAddress", "addressCountry": o.country},
            "description": o.note,
        }
    )


def _role_iri(p: Person, r: Role) -> str:
    return _iri("role", f"{p.id}/{r.document_id}/{r.span.start}")


def _person_node(p: Person) -> dict[str, Any]:
    affiliations: list[dict[str, Any]] = [
        _drop_empty(
            {
                "@id": _role_iri(p, r),
                "@type": "OrganizationRole",
                "roleName": r.text,
                "affiliation": (
                    _one_or_many(_refs("organisation", r.organisation_ids))
                    if r.organisation_ids
                    else None
                ),
            }
        )
        for r in p.roles
    ]
    return _drop_empty(
        {
            "@id": _iri("person", p.id),
            "@type": "Person",
            "identifier": p.id,
            "name": p.name,
            "alternateName": list(p.aliases),
            "jobTitle": list(dict.fromkeys(r.text for r in p.roles if not r.former)),
            "formerJobTitle": list(dict.fromkeys(r.text for r in p.roles if r.former)),
            "affiliation": affiliations,
            "description": p.note,
        }
    )


def _mention_annotation(corpus: Corpus, m: Mention) -> dict[str, Any]:
    if m.organisation_id is not None:
        body = _iri("organisation", m.organisation_id)
    else:
        body = _iri("person", m.person_id or "")
    node = _annotation(_iri("mention", m.id), body, "identifying", corpus, m.document_id, m.span)
    node.update(_drop_empty({"identifier": m.id, "basis": m.basis.value, "description": m.note}))
    return node


def jsonld(corpus: Corpus) -> dict[str, Any]:
    """Return the corpus as one JSON-LD document of schema.org nodes and Web Annotations.

    Documents are ``NewsArticle``, ``BlogPosting`` or (press releases)
    ``Article``; quotes are ``Quotation`` with a ``creator`` (the person,
    else the organisations credited) and ``isPartOf`` their document;
    comments are ``Comment`` with a ``parentItem`` (the comment answered, else
    the document) and an ``author`` whose ``affiliation`` is the one the
    comment gives; organisations and people are ``Organization`` and
    ``Person``, each stated role an ``OrganizationRole`` in the person's
    ``affiliation``. Quotes, roles and mentions are also Web Annotations
    (``oa:Annotation``) with a ``TextPositionSelector`` into their document.
    A ``Dataset`` node names the corpus, its version, licence and citation.
    Record IRIs are ``urn:integrated-care-corpus:<type>/<id>``.
    """
    graph: list[dict[str, Any]] = [
        _dataset_node(corpus),
        *(_document_node(corpus, d) for d in corpus.documents),
        *(_quote_node(q) for q in corpus.quotes),
        *(_comment_node(c) for c in corpus.comments),
        *(_organisation_node(o) for o in corpus.organisations),
        *(_person_node(p) for p in corpus.people),
        *(
            _annotation(
                _iri("annotation", f"quote/{q.id}"),
                _iri("quote", q.id),
                "describing",
                corpus,
                q.document_id,
                q.span,
            )
            for q in corpus.quotes
        ),
        *(
            _annotation(
                _iri("annotation", f"role/{p.id}/{r.document_id}/{r.span.start}"),
                _role_iri(p, r),
                "describing",
                corpus,
                r.document_id,
                r.span,
            )
            for p in corpus.people
            for r in p.roles
        ),
        *(_mention_annotation(corpus, m) for m in corpus.mentions),
    ]
    return {"@context": JSONLD_CONTEXT, "@graph": graph}
