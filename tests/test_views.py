"""The notebook views and the static site, read as markup (the browser tests drive them)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import html5lib
import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _hooks
from integrated_care_corpus._html import _layer, _Mark, document_view
from integrated_care_corpus._site import build_site

from .htmlsite import SCRIPT, elements, hostile_corpus
from .test_cli import run


def parse_strictly(markup: str, *, fragment: bool = True) -> Any:
    """Parse with the HTML5 algorithm, failing on any parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parseFragment(markup) if fragment else parser.parse(markup)


def views(corpus: icc.Corpus) -> dict[str, object]:
    """One value of every type that has a notebook view."""
    document = corpus.document("pulse-undated-nhs-fully-integrated-by-2018")
    return {
        "Document": document,
        "Quote": corpus.quotes[0],
        "Comment": corpus.comments[1],
        "Organisation": corpus.organisation("Nuffield Trust"),
        "Person": corpus.people[0],
        "Mention": corpus.mentions[0],
        "Statement": corpus.quotes_by("niall-dickson")[0],
        "Hit": corpus.search("Nuffield Trust")[0],
        "CoMention": corpus.co_mentions("kings-fund")[0],
        "CorpusDiff": icc.diff("1.0.0", "1.0.1"),
        "DocumentContents": corpus.in_document(document),
        "Results": corpus.find_quotes(),
        "Results of statements": corpus.quotes_by("niall-dickson"),
        "Results of hits": corpus.search("integrat"),
        "Results of co-mentions": corpus.co_mentions("kings-fund"),
        "Results of documents": corpus.find_documents(),
        "Results of comments": corpus.find_comments(),
        "Results of organisations": corpus.find_organisations(),
        "Results of people": corpus.find_people(),
        "Results of mentions": corpus.find_mentions(),
        "Corpus": corpus,
    }


@pytest.mark.parametrize(
    "name",
    list(views(icc.load())),
)
def test_every_view_is_a_styled_fragment_that_parses(corpus: icc.Corpus, name: str) -> None:
    value = views(corpus)[name]
    markup = value._repr_html_()  # type: ignore[attr-defined]
    assert markup.startswith('<div class="icc"><style>')
    parse_strictly(markup)
    assert "<pre>" not in markup, "a view fell back to the plain repr"
    # Text is left-aligned whatever the notebook's own CSS says.
    assert "text-align:left!important" in markup


def test_cards_show_the_names_the_records_carry(corpus: icc.Corpus) -> None:
    statement = corpus.quotes_by("niall-dickson")[0]
    markup = statement._repr_html_()
    assert "Niall Dickson" in markup
    assert "The King&#x27;s Fund&#x27;s Chief Executive" in markup
    comention = corpus.co_mentions("kings-fund")[0]
    assert f"{comention.first.name}</span> + {comention.second.name}" not in markup
    assert comention.second.name.replace("'", "&#x27;") in comention._repr_html_()
    hit = corpus.search("Nuffield Trust")[0]
    assert "<mark>Nuffield Trust</mark>" in hit._repr_html_()


def test_long_text_is_folded_and_kept_whole(corpus: icc.Corpus) -> None:
    document = corpus.documents[0]
    markup = document._repr_html_()
    assert "show all 3,210 characters" in markup
    details = next(e for e in parse_strictly(markup).iter() if e.tag == "details")
    summary = next(e for e in details.iter() if e.tag == "summary")
    more = next(e for e in summary.iter() if e.get("class") == "icc-more")
    folded = "".join(details.itertext()).replace("".join(more.itertext()), "", 1)
    assert folded == document.text  # folded, not cut


def test_results_tables_stop_at_fifty_rows(corpus: icc.Corpus) -> None:
    mentions = corpus.find_mentions()
    assert len(mentions) > 50
    markup = mentions._repr_html_()
    assert markup.count("<tr>") == 1 + 50 + 1  # the head, 50 rows, "… more"
    assert f"… {len(mentions) - 50} more" in markup


def test_inferred_dates_and_publishers_are_marked(corpus: icc.Corpus) -> None:
    inferred_date = corpus.document("kings-fund-2010-11-23-integration-at-heart-of-nhs-reform")
    markup = inferred_date._repr_html_()
    assert "2010-11-23" in markup
    assert 'class="icc-badge icc-inferred"' in markup
    assert "was published on Tuesday 23 November 2010" in markup  # the note, on hover
    undated = corpus.document("kings-fund-undated-pilots-welcome")
    assert "undated" in undated._repr_html_()
    stated = corpus.document("cipfa-2012-01-05-ministers-must-prioritise-integration")
    view = corpus.in_document(stated)._repr_html_()
    assert "2012-01-05" in view
    assert "CIPFA" in view  # the publisher by name, marked as inferred
    assert view.count("icc-inferred") >= 1


@pytest.mark.parametrize("index", range(5))
def test_document_view_marks_each_record_once(corpus: icc.Corpus, index: int) -> None:
    contents = corpus.in_document(corpus.documents[index])
    tags = elements(document_view(contents)).tags

    def ids(name: str) -> list[str]:
        return sorted(str(a[name]) for _, a in tags if name in a)

    assert ids("data-quote-id") == sorted(q.id for q in contents.quotes)
    assert ids("data-mention-id") == sorted(m.id for m in contents.mentions)
    assert ids("data-comment-id") == sorted(c.id for c in contents.comments)
    furniture = [a for _, a in tags if a.get("data-region") == "furniture"]
    assert len(furniture) == len(
        [r for r in contents.document.regions if r.kind.value == "furniture"]
    )
    for q in contents.quotes:
        title = next(a["title"] for _, a in tags if a.get("data-quote-id") == q.id)
        assert q.speaker in (title or "")


def test_one_colour_per_speaker(corpus: icc.Corpus) -> None:
    contents = corpus.in_document("pulse-undated-nhs-fully-integrated-by-2018")
    tags = elements(document_view(contents)).tags
    colour: dict[str, set[str]] = {}
    for _, a in tags:
        if "data-quote-id" in a:
            quote = corpus.quote(str(a["data-quote-id"]))
            speaker = colour.setdefault(quote.person_id or quote.speaker, set())
            speaker.update(c for c in str(a["class"]).split() if c.startswith("icc-s"))
    assert all(len(classes) == 1 for classes in colour.values())
    assert len({next(iter(c)) for c in colour.values()}) == len(colour)


def test_the_text_survives_the_markup(corpus: icc.Corpus) -> None:
    """Apart from generated labels, the view's text is the document's text exactly."""
    contents = corpus.in_document("pulse-undated-nhs-fully-integrated-by-2018")
    tree = parse_strictly(document_view(contents))
    for label in tree.iter():
        if label.get("data-generated") == "label":
            label.text = ""
    body = next(e for e in tree.iter() if e.get("class") == "icc-text")
    text = "".join(body.itertext())
    assert text == contents.document.text


def test_crossing_marks_are_split_and_counted_once() -> None:
    marks = [
        _Mark(0, 6, 2, "mark", ' data-quote-id="q"', ' class="more"'),
        _Mark(4, 9, 4, "span", ' data-mention-id="m"', ' class="more"'),
    ]
    markup = _layer("abcdefghij", marks)
    assert markup == (
        '<mark data-quote-id="q">abcd<span data-mention-id="m">ef</span></mark>'
        '<span class="more">ghi</span>j'
    )


def test_markup_in_the_data_arrives_escaped(corpus_copy: Path, tmp_path: Path) -> None:
    hostile = hostile_corpus(corpus_copy)
    marked = [
        hostile.organisations[0],
        hostile.people[0],
        hostile.documents[-1],
        *(q for q in hostile.quotes if q.note == SCRIPT),
        hostile.in_document(hostile.documents[-1]),
        hostile.find_organisations(),
    ]
    for value in marked:
        markup = value._repr_html_()  # type: ignore[attr-defined]
        parse_strictly(markup)
        found = elements(markup)
        assert [t for t, _ in found.tags if t in ("script", "img")] == []
        assert "&lt;script&gt;" in markup or "&lt;img" in markup
    files = hostile.to_html(tmp_path / "site")
    for path in files:
        if path.suffix != ".html":
            continue
        page = path.read_text("utf-8")
        parse_strictly(page, fragment=False)
        found = elements(page)
        assert [t for t, _ in found.tags if t == "img"] == [], path
        sources = [a.get("src") for t, a in found.tags if t == "script"]
        assert all(s in (None, "search-index.js") for s in sources), path
        assert all("PWNED" not in s for s in found.scripts), path
    index = (tmp_path / "site" / "search-index.js").read_text("utf-8")
    assert "<" not in index
    assert "\\u003cscript\\u003e" in index


def test_the_site_is_deterministic_and_relative(corpus: icc.Corpus, tmp_path: Path) -> None:
    first = corpus.to_html(tmp_path / "one")
    second = corpus.to_html(tmp_path / "two")
    assert [p.relative_to(tmp_path / "one") for p in first] == [
        p.relative_to(tmp_path / "two") for p in second
    ]

    def digest(paths: list[Path]) -> list[str]:
        return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]

    assert digest(first) == digest(second)
    names = {p.relative_to(tmp_path / "one").as_posix() for p in first}
    assert {
        "index.html",
        "search.html",
        "search-index.js",
        "datacard.html",
        "citation.html",
    } <= names
    assert len([n for n in names if n.startswith("documents/")]) == len(corpus.documents)
    assert len([n for n in names if n.startswith("people/")]) == len(corpus.people)
    assert len([n for n in names if n.startswith("organisations/")]) == len(corpus.organisations)
    for path in first:
        if path.suffix == ".html":
            for tag, attributes in elements(path.read_text("utf-8")).tags:
                target = attributes.get("href") or attributes.get("src") or ""
                assert "//" not in target, (path, tag, target)
                assert not target.startswith("/"), (path, tag, target)


def test_odd_ids_get_safe_file_names(corpus: icc.Corpus) -> None:
    from integrated_care_corpus._site import _name  # noqa: PLC0415

    assert _name("kings-fund") == "kings-fund"
    assert _name("../etc/passwd").startswith("id-")
    assert _name("a b") != _name("a_b")
    assert len(build_site(corpus)) == 7 + len(corpus.documents) + len(corpus.people) + len(
        corpus.organisations
    )


def test_the_citation_page_cites_the_version(corpus: icc.Corpus) -> None:
    page = build_site(corpus)["citation.html"]
    assert f"(Version {corpus.version}) [Data set]" in page
    assert "@misc{" in page


def test_a_corpus_of_an_unbundled_version_is_still_cited(corpus_copy: Path) -> None:
    import json  # noqa: PLC0415

    manifest = json.loads((corpus_copy / "manifest.json").read_bytes())
    manifest["corpus_version"] = "9.9.9"
    (corpus_copy / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    page = build_site(icc.load_path(corpus_copy))["citation.html"]
    assert "(Version 9.9.9) [Data set]" in page
    assert "@misc{" not in page


def test_export_html_from_the_command_line(tmp_path: Path) -> None:
    result = run("export", "--format", "html", "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "index.html" in result.stdout
    assert (tmp_path / "site" / "search-index.js").is_file()
    assert (tmp_path / "site" / "index.html").read_bytes() == build_site(icc.load())[
        "index.html"
    ].encode("utf-8")


def test_without_the_public_face_a_record_renders_as_its_repr(
    corpus: icc.Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_hooks, "_RENDERER", [])
    monkeypatch.setattr(_hooks, "_SITE_WRITER", [])
    quote = corpus.quotes[0]
    assert quote._repr_html_() == "<pre>" + __import__("html").escape(repr(quote)) + "</pre>"
    with pytest.raises(RuntimeError, match="no HTML site writer"):
        corpus.to_html("unused")


def test_record_modules_do_not_import_the_renderer() -> None:
    import ast  # noqa: PLC0415
    import importlib.util  # noqa: PLC0415

    for module in ("_records", "_results", "_query", "_search", "_hooks"):
        spec = importlib.util.find_spec(f"integrated_care_corpus.{module}")
        assert spec is not None
        assert spec.origin is not None
        tree = ast.parse(Path(spec.origin).read_text("utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not imported & {"_html", "_site"}, module


def test_the_html_export_is_a_self_describing_folder(tmp_path: Path) -> None:
    import json  # noqa: PLC0415

    from integrated_care_corpus._export import export  # noqa: PLC0415

    corpus = icc.load()
    out = tmp_path / "site"
    files = export(corpus, "html", out)
    names = {p.relative_to(out).as_posix() for p in files}
    assert {"manifest.json", "README.md", "LICENSE", "CITATION.cff"} <= names
    assert set(build_site(corpus)) <= names
    listed = json.loads((out / "manifest.json").read_bytes())["export"]["files"]
    assert set(build_site(corpus)) <= set(listed)
    readme = (out / "README.md").read_text("utf-8")
    assert "open `index.html` in a browser" in readme
    assert "- `search-index.js`: the search page's index" in readme
    assert "- `documents/kings-fund-undated-pilots-welcome.html`: a page of the site" in readme


def test_a_statement_without_a_person_names_the_speaker(corpus: icc.Corpus) -> None:
    import attrs  # noqa: PLC0415

    statement = corpus.quotes_by("niall-dickson")[0]
    unnamed = attrs.evolve(statement, person=None)
    assert "Niall Dickson" in unnamed._repr_html_()
    assert "Niall Dickson" in icc.Results(type(unnamed), [unnamed])._repr_html_()


def test_the_words_that_credit_a_quote_are_marked(corpus: icc.Corpus) -> None:
    """A quote's source and cue (corpus 1.1.0) are underlined once each, naming their quotes."""
    document = corpus.document("cipfa-2012-01-05-ministers-must-prioritise-integration")
    contents = corpus.in_document(document)
    credited = [q for q in contents.quotes if q.source is not None and q.cue is not None]
    assert credited, "corpus 1.1.0 records sources and cues"
    by_source: dict[tuple[int, int], list[str]] = {}
    by_cue: dict[tuple[int, int], list[str]] = {}
    for q in credited:
        assert q.source is not None
        assert q.cue is not None
        by_source.setdefault((q.source.span.start, q.source.span.end), []).append(q.id)
        by_cue.setdefault((q.cue.span.start, q.cue.span.end), []).append(q.id)
    view = document_view(contents)
    tags = elements(view).tags
    sources = [a for _, a in tags if "data-source-of" in a]
    cues = [a for _, a in tags if "data-cue-of" in a]
    assert sorted(str(a["data-source-of"]) for a in sources) == sorted(
        " ".join(ids) for ids in by_source.values()
    )
    assert sorted(str(a["data-cue-of"]) for a in cues) == sorted(
        " ".join(ids) for ids in by_cue.values()
    )
    assert any("Chris Ham" in str(a["title"]) for a in sources)
    assert "the words that credit a quote" in view
    # The role inside the source, and the mentions inside both, are still marked once.
    assert sorted(str(a["data-mention-id"]) for _, a in tags if "data-mention-id" in a) == sorted(
        m.id for m in contents.mentions
    )
    old = icc.load("1.0.1")
    assert "the words that credit a quote" not in document_view(
        old.in_document(old.document(document.id))
    )
