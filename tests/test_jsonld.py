"""The JSON-LD export: schema.org used as defined, spans kept as Web Annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import rdflib

import integrated_care_corpus as icc
from integrated_care_corpus import _export
from integrated_care_corpus._jsonld import VOCABULARY

from .conftest import ROOT

SDO = rdflib.Namespace("https://schema.org/")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
ICCV = rdflib.Namespace("urn:integrated-care-corpus:vocab#")
ICC = "urn:integrated-care-corpus:"

pytestmark = [
    # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph internally,
    # and mlcroissant's dependencies warn about their own deprecations.
    pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning"),
]


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jsonld") / "out"
    _export.export(icc.load(), "jsonld", out)
    return out / "corpus.jsonld"


@pytest.fixture(scope="module")
def graph(path: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="json-ld")


def _node(path: Path, iri: str) -> dict[str, Any]:
    document = json.loads(path.read_bytes())
    (node,) = [n for n in document["@graph"] if n["@id"] == iri]
    return dict(node)


def test_the_dataset_node(path: Path, graph: rdflib.Graph) -> None:
    node = _node(path, f"icc:corpus/{icc.CORPUS_VERSION}")
    assert node["@type"] == "Dataset"
    assert node["version"] == icc.CORPUS_VERSION
    assert node["description"]
    assert node["license"][0] == "https://spdx.org/licenses/MIT.html"
    assert node["creator"] == {"@type": "Organization", "name": icc.citation().split(" (")[0]}
    assert node["citation"] == icc.citation()
    dataset = rdflib.URIRef(f"{ICC}corpus/{icc.CORPUS_VERSION}")
    assert (dataset, rdflib.RDF.type, SDO.Dataset) in graph
    assert len(list(graph.objects(dataset, SDO.hasPart))) == len(icc.load().documents)


def test_pyld_expands_it_and_converts_it_to_rdf_offline(path: Path) -> None:
    pyld = pytest.importorskip("pyld")

    def no_network(url: str, _options: Any = None) -> Any:
        msg = f"the export needed the network for {url}"
        raise AssertionError(msg)

    loader = pyld.jsonld.get_document_loader()
    pyld.jsonld.set_document_loader(no_network)
    try:
        document = json.loads(path.read_bytes())
        expanded = pyld.jsonld.expand(document)
        quads = pyld.jsonld.to_rdf(document, {"format": "application/n-quads"})
    finally:
        pyld.jsonld.set_document_loader(loader)
    assert len(expanded) > len(icc.load().quotes)
    assert "<http://www.w3.org/ns/oa#TextPositionSelector>" in quads


def test_mlcroissant_reads_it(path: Path) -> None:
    mlc = pytest.importorskip("mlcroissant")
    metadata = mlc.Metadata.from_file(ctx=mlc.Context(), file=str(path))
    assert metadata.name == "integrated-care-corpus"
    assert metadata.version == icc.CORPUS_VERSION
    assert not metadata.issues.errors


def _selectors(graph: rdflib.Graph, annotation: rdflib.term.Node) -> tuple[str, int, int, str]:
    (target,) = graph.objects(annotation, OA.hasTarget)
    (source,) = graph.objects(target, OA.hasSource)
    start = end = exact = None
    for selector in graph.objects(target, OA.hasSelector):
        if (selector, rdflib.RDF.type, OA.TextPositionSelector) in graph:
            start = int(next(graph.objects(selector, OA.start)))  # type: ignore[call-overload]
            end = int(next(graph.objects(selector, OA.end)))  # type: ignore[call-overload]
        if (selector, rdflib.RDF.type, OA.TextQuoteSelector) in graph:
            exact = str(next(graph.objects(selector, OA.exact)))
    assert start is not None
    assert end is not None
    assert exact is not None
    return str(source), start, end, exact


def test_every_quote_and_mention_is_a_web_annotation_with_its_span(graph: rdflib.Graph) -> None:
    corpus = icc.load()
    bodies: dict[str, rdflib.term.Node] = {}
    for annotation in graph.subjects(rdflib.RDF.type, OA.Annotation):
        for body in graph.objects(annotation, OA.hasBody):
            bodies.setdefault(str(annotation), body)
    texts = {f"{ICC}document/{d.id}": d.text for d in corpus.documents}
    for quote in corpus.quotes:
        annotation = rdflib.URIRef(f"{ICC}annotation/quote/{quote.id}")
        assert str(bodies[str(annotation)]) == f"{ICC}quote/{quote.id}"
        source, start, end, exact = _selectors(graph, annotation)
        assert source == f"{ICC}document/{quote.document_id}"
        assert (start, end) == (quote.span.start, quote.span.end)
        assert texts[source][start:end] == exact == quote.text
    for mention in corpus.mentions:
        annotation = rdflib.URIRef(f"{ICC}mention/{mention.id}")
        target = mention.organisation_id or mention.person_id
        kind = "organisation" if mention.organisation_id else "person"
        assert str(bodies[str(annotation)]) == f"{ICC}{kind}/{target}"
        source, start, end, exact = _selectors(graph, annotation)
        assert texts[source][start:end] == exact == mention.text
        assert str(next(graph.objects(annotation, ICCV.basis))) == mention.basis.value
    roles = [(p, r) for p in corpus.people for r in p.roles]
    assert roles
    for person, role in roles:
        annotation = rdflib.URIRef(
            f"{ICC}annotation/role/{person.id}/{role.document_id}/{role.span.start}"
        )
        source, start, end, exact = _selectors(graph, annotation)
        assert texts[source][start:end] == exact == role.text


def test_quotes_carry_kind_attribution_and_continuation(graph: rdflib.Graph) -> None:
    corpus = icc.load()
    continued = [q for q in corpus.quotes if q.continues]
    assert continued
    for quote in corpus.quotes:
        node = rdflib.URIRef(f"{ICC}quote/{quote.id}")
        assert str(next(graph.objects(node, ICCV.quoteKind))) == quote.kind.value
        assert str(next(graph.objects(node, ICCV.attribution))) == quote.attribution.value
        before = list(graph.objects(node, ICCV.continues))
        if quote.continues:
            assert before == [rdflib.URIRef(f"{ICC}quote/{quote.continues}")]
        else:
            assert before == []
        # Continuation is no longer said with schema.org's isBasedOn.
        assert list(graph.objects(node, SDO.isBasedOn)) == []
    assert set(VOCABULARY) >= {"continues", "quoteKind", "attribution"}


def test_affiliation_is_the_persons_not_the_comments(graph: rdflib.Graph, path: Path) -> None:
    corpus = icc.load()
    assert list(graph.subject_objects(SDO.about)) == []
    for comment in corpus.comments:
        node = rdflib.URIRef(f"{ICC}comment/{comment.id}")
        if comment.person_id and comment.organisation_ids:
            person = rdflib.URIRef(f"{ICC}person/{comment.person_id}")
            assert (node, SDO.author, person) in graph
            affiliated = set(graph.objects(person, SDO.affiliation))
            for organisation_id in comment.organisation_ids:
                assert rdflib.URIRef(f"{ICC}organisation/{organisation_id}") in affiliated
    assert any(c.person_id and c.organisation_ids for c in corpus.comments)
    # Roles: an OrganizationRole per stated role, its roleName the document's words.
    ham = rdflib.URIRef(f"{ICC}person/chris-ham")
    names = {
        str(name)
        for role in graph.objects(ham, SDO.affiliation)
        for name in graph.objects(role, SDO.roleName)
    }
    assert names == {r.text for r in corpus.person("chris-ham").roles}
    # Organisations: their kind is the corpus's term, not schema.org keywords.
    for organisation in corpus.organisations:
        node = rdflib.URIRef(f"{ICC}organisation/{organisation.id}")
        assert list(graph.objects(node, SDO.keywords)) == []
        assert str(next(graph.objects(node, ICCV.organisationKind))) == organisation.kind.value
    assert _node(path, "icc:organisation/kings-fund")["organisationKind"] == "think-tank"


def test_the_corpus_vocabulary_is_documented() -> None:
    page = (ROOT / "docs" / "exports.md").read_text("utf-8")
    for term in VOCABULARY:
        assert f"| `{term}` |" in page, term
