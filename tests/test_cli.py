"""The command line, run as a user runs it: the installed console script in a subprocess.

Expected values come from the document texts (``documents.json``, the seeds)
and the manifest, read here without the package, never from the command's
own output.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import rdflib

import integrated_care_corpus as icc
from integrated_care_corpus._converter import converter
from integrated_care_corpus._resources import RESOURCE_TYPES

from .conftest import DATA

#: The newest bundled corpus: what the commands read by default.
NEWEST = icc.versions()[-1]
RELEASED = DATA / NEWEST
SCRIPT = shutil.which("integrated-care-corpus", path=str(Path(sys.executable).parent))
COMMAND = [SCRIPT] if SCRIPT else [sys.executable, "-m", "integrated_care_corpus"]
TYPES = ("documents", "quotes", "comments", "organisations", "people", "mentions")
SDO = rdflib.Namespace("https://schema.org/")
DIXON = "cipfa-2012-01-05-ministers-must-prioritise-integration"
PULSE = "pulse-undated-nhs-fully-integrated-by-2018"
BLOG = "kings-fund-undated-marathon-not-a-sprint"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environ["COLUMNS"] = "200"
    environ.update(env or {})
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        check=False,
    )


def run_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def raw(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((RELEASED / f"{name}.json").read_bytes())
    return data


def test_the_installed_script_is_used() -> None:
    assert SCRIPT is not None, "the console script is not installed next to this Python"


# --- usage ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("frobnicate",),
        ("list",),
        ("list", "speeches"),
        ("list", "quotes", "--bogus"),
        ("list", "quotes", "--kind", "indirect"),
        ("list", "people", "--speaker", "Norman Lamb"),  # a quotes filter, not a people one
        ("list", "quotes", "--limit", "-1"),
        ("export", "--format", "xml", "--out", "x"),
        ("export", "--out", "x"),
        ("show",),
        ("info", "extra"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "usage:" in result.stderr
    assert result.stdout == ""


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("info", "list", "show", "search", "diff", "verify", "export", "build"):
        assert command in result.stdout


def test_python_m_is_the_same_program() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "integrated_care_corpus", "info", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert module.returncode == 0, module.stderr
    assert json.loads(module.stdout) == run_json("info")


# --- info ---------------------------------------------------------------------------


def test_info_reports_versions_counts_checksums_and_citation() -> None:
    manifest = json.loads((RELEASED / "manifest.json").read_bytes())
    info = run_json("info")
    assert info["package_version"] == icc.__version__
    assert info["corpus_version"] == NEWEST == icc.versions()[-1]
    assert info["bundled_versions"] == ["1.0.0", "1.0.1", "1.1.0"]
    assert info["counts"] == {
        name: manifest["resources"][f"{name}.json"]["count"] for name in TYPES
    }
    for name in TYPES:
        digest = hashlib.sha256((RELEASED / f"{name}.json").read_bytes()).hexdigest()
        assert info["checksums"][f"{name}.json"] == digest
    by_document = {d["id"]: d for d in info["documents"]}
    assert [d["id"] for d in raw("documents")] == list(by_document)
    # The blog post has the two signed comments; the Pulse article the five anonymous ones.
    assert by_document[BLOG]["comments"] == 2
    assert by_document[PULSE]["comments"] == 5
    assert sum(d["quotes"] for d in info["documents"]) == 27
    assert f"(Version {NEWEST}) [Data set]" in info["citation"]["text"]
    assert info["citation"]["bibtex"].startswith("@misc{")


def test_info_as_text() -> None:
    result = run("info")
    assert result.returncode == 0, result.stderr
    assert f"corpus {NEWEST}" in result.stdout
    assert "27 quotes" in result.stdout
    assert hashlib.sha256((RELEASED / "quotes.json").read_bytes()).hexdigest() in result.stdout
    assert "How to cite" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_corpus_version_option() -> None:
    assert run_json("info", "--corpus-version", "1")["corpus_version"] == NEWEST
    assert run_json("info", "--corpus-version", "1.0.0")["corpus_version"] == "1.0.0"
    line = assert_one_line_error(run("info", "--corpus-version", "9"), 1)
    assert "no bundled corpus version matches '9'" in line
    line = assert_one_line_error(run("list", "quotes", "--corpus-version", "0.1"), 1)
    assert "bundled versions: 1.0.0" in line


# --- list -------------------------------------------------------------------------


def test_list_quotes_by_speaker() -> None:
    rows = run_json("list", "quotes", "--speaker", "Jennifer Dixon")
    # By hand from the seeds: one quote in the CIPFA article, two in the Pulse one.
    assert [r["id"].split("/")[0] for r in rows] == [DIXON, PULSE, PULSE]
    assert rows[0]["text"].startswith("less about extra spending")
    assert rows[1]["text"].startswith("There have been attempts develop integrated care")
    assert {r["person_id"] for r in rows} == {"jennifer-dixon"}


def test_list_filters_combine() -> None:
    # Quotes in documents dated 2011 to 2013: the CIPFA article (5 January 2012) only.
    rows = run_json("list", "quotes", "--since", "2011", "--until", "2013")
    assert len(rows) == 11
    assert {r["document_id"] for r in rows} == {DIXON}
    texts = [q["text"] for q in raw("quotes") if q["document_id"] == DIXON]
    assert [r["text"] for r in rows] == texts
    # The report speaks for both think tanks; --organisation is "any of", repeated.
    both = run_json("list", "quotes", "--document", DIXON, "--organisation", "nuffield trust")
    assert len(both) == 7  # the joint credit, five 'the report' quotes and Dixon's
    assert run_json("list", "documents", "--kind", "blog-post")[0]["id"] == BLOG
    signed = run_json("list", "comments", "--signed")
    assert [c["author"] for c in signed] == ["Deirdre Criddle", "George Coxon"]
    assert len(run_json("list", "comments", "--anonymous")) == 5
    orgs = {o["id"] for o in run_json("list", "organisations", "--kind", "think-tank")}
    assert {"kings-fund", "nuffield-trust"} <= orgs
    people = {p["id"] for p in run_json("list", "people", "--role", "minister")}
    assert {"norman-lamb", "paul-burstow"} <= people
    mentions = run_json("list", "mentions", "--of", "Nuffield Trust")
    assert {m["document_id"] for m in mentions} == {DIXON, PULSE}


def test_list_as_a_table_fits_the_width() -> None:
    result = run("list", "quotes", "--speaker", "Jennifer Dixon", env={"COLUMNS": "90"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "speaker", "role", "text"]
    assert len(lines) == 4
    assert all(len(line) <= 90 for line in lines)
    assert "…" in result.stdout  # the quote texts do not fit, so they are cut


def test_a_pipe_without_columns_cuts_nothing() -> None:
    result = run("info", env={"COLUMNS": ""})
    assert result.returncode == 0, result.stderr
    assert "kings-fund-2010-11-23-integration-at-heart-of-nhs-reform " in result.stdout
    assert "…" not in result.stdout


def test_list_limit() -> None:
    result = run("list", "mentions", "--limit", "3")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 5  # header, 3 rows, "… 116 more"
    assert "116 more" in result.stdout


def test_list_nothing_found_exits_1() -> None:
    result = run("list", "quotes", "--text", "no such words anywhere", "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == []
    assert "no quotes match" in result.stderr


def test_list_unknown_name_suggests() -> None:
    line = assert_one_line_error(run("list", "quotes", "--speaker", "Jenifer Dixon"), 1)
    assert "Jennifer Dixon" in line


def test_list_malformed_date_is_a_usage_error() -> None:
    line = assert_one_line_error(run("list", "quotes", "--since", "2011-13"), 2)
    assert "since" in line


# --- show -------------------------------------------------------------------------


def test_show_a_quote_with_its_context() -> None:
    quote = next(q for q in raw("quotes") if q["id"] == f"{PULSE}/q1")
    text = next(d["text"] for d in raw("documents") if d["id"] == PULSE)
    shown = run_json("show", f"{PULSE}/q1", "--context", "30")
    assert shown["kind"] == "quote"
    assert converter.structure(shown["record"], icc.Quote) == converter.structure(quote, icc.Quote)
    start, end = quote["span"]["start"], quote["span"]["end"]
    context = shown["context"]
    assert context["text"] == quote["text"] == text[start:end]
    assert context["before"] == text[start - 30 : start]
    assert context["after"] == text[end : end + 30]
    assert context["before"].endswith("A DH statement said: ‘")

    result = run("show", f"{PULSE}/q1")
    assert result.returncode == 0, result.stderr
    assert "A DH statement said: ‘«The document lays out how local areas" in result.stdout
    assert re.search(r"^speaker +A DH statement$", result.stdout, re.MULTILINE)
    assert re.search(r"^source\.text +A DH statement$", result.stdout, re.MULTILINE)
    assert re.search(r"^cue\.text +said$", result.stdout, re.MULTILINE)


def test_show_organisations_and_people_by_name() -> None:
    assert run_json("show", "Nuffield Trust")["record"]["id"] == "nuffield-trust"
    person = run_json("show", "dr jennifer dixon")
    assert person["kind"] == "person"
    assert person["context"] is None
    assert run_json("show", BLOG)["record"]["title"].startswith("Making integrated care")


def test_show_unknown_id_suggests() -> None:
    line = assert_one_line_error(run("show", f"{PULSE}/q99"), 1)
    assert f"no quote '{PULSE}/q99'" in line
    assert "did you mean" in line
    line = assert_one_line_error(run("show", "nufield-trust"), 1)
    assert "did you mean nuffield-trust" in line


# --- search --------------------------------------------------------------------------


def test_search_hits_and_highlight() -> None:
    texts = {d["id"]: d["text"] for d in raw("documents")}
    expected = [
        (doc_id, m.start(), m.end())
        for doc_id, text in texts.items()
        for m in re.finditer(r"nuffield\s+trust", text, re.IGNORECASE)
    ]
    hits = run_json("search", "nuffield trust", "--kind", "documents")
    assert [(h["record_id"], h["start"], h["end"]) for h in hits] == expected
    assert {h["text"] for h in hits} == {"Nuffield Trust"}

    result = run("search", "nuffield trust", "--kind", "documents")
    assert result.returncode == 0
    assert result.stdout.count("«Nuffield Trust»") == len(expected)


def test_search_ignores_quote_style() -> None:
    hits = run_json("search", "The King's Fund and the Nuffield Trust")
    assert [h["text"] for h in hits] == ["The King’s Fund and the Nuffield Trust"]


def test_search_nothing_found_exits_1() -> None:
    result = run("search", "xylophone")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no hits" in result.stderr
    assert_one_line_error(run("search", "   "), 2)


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("*", "search for some text, not '*'"),
        ('"  "', "search for some text, not '\"  \"'"),
        ("a*b", "* goes at the end of a word"),
        ('"integration', "a phrase goes in double quotes"),
        ("health AND care", "AND is not an operator"),
    ],
)
@pytest.mark.parametrize("json_output", [False, True])
def test_search_syntax_it_does_not_support_is_a_usage_error(
    query: str, why: str, *, json_output: bool
) -> None:
    result = run("search", query, *(["--json"] if json_output else []))
    line = assert_one_line_error(result, 2)
    assert line.startswith("integrated-care-corpus: error: search: ")
    assert why in line
    assert result.stdout == ""


# --- colour ------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_colour_only_on_a_terminal_without_no_color(
    no_color: str | None,
    coloured: bool,  # noqa: FBT001 - parametrised
) -> None:
    leader, follower = os.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env |= {"TERM": "xterm", "COLUMNS": "120"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    try:
        process = subprocess.run(
            [*COMMAND, "search", "nuffield trust"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    assert process.returncode == 0
    output = b"".join(chunks).decode("utf-8")
    assert ("\x1b[" in output) is coloured
    assert ("«Nuffield Trust»" in output) is not coloured


# --- verify -------------------------------------------------------------------------------


def test_verify_the_bundled_corpus() -> None:
    result = run("verify")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    report = run_json("verify", "--corpus-version", "1.0.0")
    assert report["ok"] is True
    assert report["corpus_version"] == "1.0.0"


def test_verify_a_good_corpus_folder(corpus_copy: Path) -> None:
    report = run_json("verify", str(corpus_copy))
    assert report["ok"] is True
    assert report["counts"]["mentions"] == 119


def _rehash(folder: Path, name: str) -> None:
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_bytes())
    digest = hashlib.sha256((folder / f"{name}.json").read_bytes()).hexdigest()
    manifest["resources"][f"{name}.json"]["sha256"] = digest
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")


def test_verify_a_damaged_checksum(corpus_copy: Path) -> None:
    path = corpus_copy / "quotes.json"
    path.write_bytes(path.read_bytes().replace(b"Nuffield", b"Nufield", 1))
    line = assert_one_line_error(run("verify", str(corpus_copy)), 1)
    assert "verification failed" in line
    assert "quotes.json: SHA-256" in line


def test_verify_a_damaged_span(corpus_copy: Path) -> None:
    quotes = raw("quotes")
    quotes[0]["span"]["start"] += 1
    (corpus_copy / "quotes.json").write_text(json.dumps(quotes), encoding="utf-8")
    _rehash(corpus_copy, "quotes")
    result = run("verify", str(corpus_copy), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert quotes[0]["id"] in report["message"]
    assert "span" in report["message"]


def test_verify_a_broken_reference(corpus_copy: Path) -> None:
    comments = raw("comments")
    comments[-1]["person_id"] = "nobody"
    (corpus_copy / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    _rehash(corpus_copy, "comments")
    result = run("verify", str(corpus_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "'nobody'" in result.stderr


def test_verify_not_a_corpus(tmp_path: Path) -> None:
    line = assert_one_line_error(run("verify", str(tmp_path)), 1)
    assert "manifest.json" in line
    line = assert_one_line_error(run("verify", str(tmp_path / "missing")), 2)
    assert "no such file or directory" in line


# --- export --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_export_json_round_trips(fmt: str, tmp_path: Path) -> None:
    result = run("export", "--format", fmt, "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for name in TYPES:
        text = (tmp_path / "out" / f"{name}.{fmt}").read_text(encoding="utf-8")
        items = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
        cls = RESOURCE_TYPES[name]
        exported = [converter.structure(item, cls) for item in items]
        originals = [converter.structure(item, cls) for item in raw(name)]
        assert exported == originals, name


def test_export_csv(tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in TYPES:
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        assert [r["id"] for r in rows] == [r["id"] for r in raw(name)], name
    with (tmp_path / "quotes.csv").open(encoding="utf-8", newline="") as file:
        first = next(csv.DictReader(file))
    original = raw("quotes")[0]
    assert first["text"] == original["text"]
    assert int(first["span_start"]) == original["span"]["start"]
    assert json.loads(first["organisation_ids"]) == original["organisation_ids"]
    with (tmp_path / "roles.csv").open(encoding="utf-8", newline="") as file:
        roles = list(csv.DictReader(file))
    assert len(roles) == sum(len(p["roles"]) for p in raw("people"))
    assert {r["former"] for r in roles} == {"true", "false"}
    assert [r["text"] for r in roles if r["former"] == "true"] == ["NHS commissioner"]
    with (tmp_path / "quotes.csv").open(encoding="utf-8", newline="") as file:
        by_id = {r["id"]: r for r in csv.DictReader(file)}
    assert by_id[f"{PULSE}/q1"]["source"] == "A DH statement"
    assert by_id[f"{PULSE}/q1"]["cue"] == "said"
    assert by_id[f"{PULSE}/q9"]["source"] == ""


def test_export_parquet(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    result = run("export", "--format", "parquet", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for name in TYPES:
        table = parquet.read_table(tmp_path / f"{name}.parquet")
        assert table.column("id").to_pylist() == [r["id"] for r in raw(name)], name


def test_export_parquet_without_the_extra(tmp_path: Path) -> None:
    # A pyarrow that cannot be imported, ahead of the real one on the path.
    shim = tmp_path / "shim" / "pyarrow"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError('no pyarrow here')\n", encoding="utf-8")
    env = {"PYTHONPATH": str(shim.parent)}
    result = run("export", "--format", "parquet", "--out", str(tmp_path / "out"), env=env)
    line = assert_one_line_error(result, 1)
    assert 'pip install "integrated-care-corpus[arrow]"' in line


def test_export_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    line = assert_one_line_error(run("export", "--format", "json", "--out", str(target)), 2)
    assert "not a directory" in line


# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_export_jsonld(tmp_path: Path) -> None:
    result = run("export", "--format", "jsonld", "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "corpus.jsonld"
    assert str(path) in json.loads(result.stdout)["files"]
    document = json.loads(path.read_bytes())
    assert isinstance(document["@context"], dict), "the context must be embedded (offline)"
    graph = rdflib.Graph().parse(path, format="json-ld")
    typed = set(graph.subjects(rdflib.RDF.type, None))

    def of_type(name: str) -> set[Any]:
        return set(graph.subjects(rdflib.RDF.type, SDO[name]))

    kinds = {d["id"]: d["kind"] for d in raw("documents")}
    schema_types = {"news-article": "NewsArticle", "blog-post": "BlogPosting"}
    for doc_id, kind in kinds.items():
        node = rdflib.URIRef(f"urn:integrated-care-corpus:document/{doc_id}")
        assert (node, rdflib.RDF.type, SDO[schema_types.get(kind, "Article")]) in graph

    quotations = of_type("Quotation")
    assert len(quotations) == len(raw("quotes"))
    for quotation in quotations:
        creators = list(graph.objects(quotation, SDO.creator))
        assert creators, quotation
        for creator in creators:
            assert creator in typed, f"{quotation}'s creator {creator} is not a node"
            assert creator in of_type("Person") | of_type("Organization")
        (part_of,) = graph.objects(quotation, SDO.isPartOf)
        assert part_of in typed
    # Seed 003: "Nuffield Trust executive Dr Jennifer Dixon said: ‘There have been ..."
    dixon = rdflib.URIRef(f"urn:integrated-care-corpus:quote/{PULSE}/q8")
    person = rdflib.URIRef("urn:integrated-care-corpus:person/jennifer-dixon")
    assert (dixon, SDO.creator, person) in graph
    # The joint credit of seed 002, "The King’s Fund and the Nuffield Trust said", has two.
    joint = rdflib.URIRef(f"urn:integrated-care-corpus:quote/{DIXON}/q1")
    assert {str(o) for o in graph.objects(joint, SDO.creator)} == {
        "urn:integrated-care-corpus:organisation/kings-fund",
        "urn:integrated-care-corpus:organisation/nuffield-trust",
    }

    comments = of_type("Comment")
    assert len(comments) == len(raw("comments"))
    for comment in comments:
        (parent,) = graph.objects(comment, SDO.parentItem)
        assert parent in typed
    # Every organisation record, and the corpus's maintainers as the Dataset's creator.
    organisations = {o for o in of_type("Organization") if isinstance(o, rdflib.URIRef)}
    assert len(organisations) == len(raw("organisations"))
    assert len(of_type("Person")) == len(raw("people"))
    vocab = rdflib.Namespace("urn:integrated-care-corpus:vocab#")
    assert {str(o) for o in graph.objects(dixon, vocab.attributionSource)} == {
        "Nuffield Trust executive Dr Jennifer Dixon"
    }
    assert {str(o) for o in graph.objects(dixon, vocab.attributionCue)} == {"said"}
    cqc = rdflib.URIRef("urn:integrated-care-corpus:organisation/care-quality-commission")
    # A well-known name is the editor's, so it is a term of its own, not an alternateName.
    assert {str(o) for o in graph.objects(cqc, vocab.wellKnownName)} == {"CQC"}
    assert "CQC" not in {str(o) for o in graph.objects(cqc, SDO.alternateName)}
    coxon = rdflib.URIRef("urn:integrated-care-corpus:person/george-coxon")
    assert {str(o) for o in graph.objects(coxon, SDO.jobTitle)} == {
        "Various inc care home owner / MH clinician"
    }
    assert {str(o) for o in graph.objects(coxon, vocab.formerJobTitle)} == {"NHS commissioner"}


# --- the other commands ----------------------------------------------------------------


def test_diff() -> None:
    result = run("diff", "1.0.0", "1.0.0")
    assert result.returncode == 0, result.stderr
    line = assert_one_line_error(run("diff", "1.0.0", "9"), 1)
    assert "no bundled corpus version matches '9'" in line


@pytest.mark.parametrize("command", ["build", "lock", "schema", "diff"])
def test_delegated_commands_have_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"integrated-care-corpus {command}" in result.stdout


def test_list_documents_marks_inferred_dates_and_publishers() -> None:
    result = run("list", "documents")
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert (
        "2010-11-23 (inferred)" in lines["kings-fund-2010-11-23-integration-at-heart-of-nhs-reform"]
    )
    assert "cipfa (inferred)" in lines[DIXON]
    assert "2012-01-05 " in lines[DIXON]
    assert "(inferred)" not in lines["kings-fund-undated-pilots-welcome"]  # all stated
    # --json keeps the values and their bases apart.
    (row,) = [r for r in run_json("list", "documents") if r["id"] == DIXON]
    assert (row["publisher_id"], row["publisher_basis"]) == ("cipfa", "inferred")


def test_a_known_command_is_parsed_without_defining_the_others() -> None:
    import argparse  # noqa: PLC0415 - only here

    from integrated_care_corpus import _cli  # noqa: PLC0415 - the module under test

    assert _cli._command_in(["--debug", "info", "--json"]) == "info"
    assert _cli._command_in(["list", "quotes"]) == "list"
    assert _cli._command_in(["lst", "quotes"]) is None  # a typo: every command, to suggest
    assert _cli._command_in(["--version"]) is None
    # The names _command_in knows are exactly the subcommands the full parser defines.
    (every,) = [a for a in _cli._parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(every.choices) == _cli._SUBCOMMANDS

    def listing(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        found: argparse.ArgumentParser = sub.choices["list"]
        return found

    (sub,) = [a for a in _cli._parser("info")._actions if isinstance(a, argparse._SubParsersAction)]
    assert list(sub.choices) == ["info"]  # the one subcommand asked for
    assert len(listing(_cli._parser("list"))._actions) > 1
    full = listing(_cli._parser())
    assert any(isinstance(a, argparse._SubParsersAction) for a in full._actions)
    # Whichever parser is built, the same arguments mean the same.
    for command in (None, "info"):
        args = _cli._parser(command).parse_args(["info", "--json"])
        assert (args.command, args.json) == ("info", True)


def test_a_mistyped_command_still_suggests_the_close_one() -> None:
    out = run("lst", "quotes")
    assert out.returncode == 2
    assert out.stderr.rstrip().endswith("did you mean list?")
