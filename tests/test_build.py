"""The build: reproducible, and refusing every kind of broken annotation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from integrated_care_corpus._build import BuildError, build, write_corpus
from integrated_care_corpus._cli import main as cli_main

from .conftest import CURATION, DATA, SEEDS


def _build_to(out: Path, curation: Path = CURATION) -> Path:
    version, records, sums = build(curation, SEEDS)
    return write_corpus(version, records, sums, out)


def test_committed_data_equals_a_fresh_build(tmp_path: Path) -> None:
    folder = _build_to(tmp_path)
    committed = DATA / folder.name
    fresh = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert fresh == {p.name: p.read_bytes() for p in committed.iterdir()}


def test_the_build_is_deterministic(tmp_path: Path) -> None:
    a = _build_to(tmp_path / "a")
    b = _build_to(tmp_path / "b")
    assert {p.name: p.read_bytes() for p in a.iterdir()} == {
        p.name: p.read_bytes() for p in b.iterdir()
    }


def _edit(curation: Path, name: str, old: str, new: str) -> None:
    path = next((curation / "documents").glob(f"{name}*.toml"))
    text = path.read_text("utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _fails(curation: Path, *patterns: str) -> str:
    with pytest.raises(BuildError) as info:
        build(curation, SEEDS)
    message = str(info.value)
    for pattern in patterns:
        assert re.search(pattern, message), f"{pattern!r} not in:\n{message}"
    return message


def test_a_wrong_span_fails_naming_the_quote(curation_copy: Path) -> None:
    _edit(curation_copy, "002", 'text = "essential"', 'text = "esential"')
    _fails(
        curation_copy,
        r"cipfa-2012-01-05-ministers-must-prioritise-integration",
        r"quotes\[5\] \(q6\)",
        r"'esential' occurs 0 times",
    )


def test_a_dangling_person_id_fails_naming_the_record(curation_copy: Path) -> None:
    _edit(
        curation_copy,
        "000",
        'person = "niall-dickson"\norganisations',
        'person = "niall-dixon"\norganisations',
    )
    _fails(
        curation_copy,
        r"kings-fund-undated-pilots-welcome/q1",
        r"person_id.*'niall-dixon', which does not exist",
    )


def test_a_dangling_organisation_id_fails(curation_copy: Path) -> None:
    _edit(curation_copy, "004", 'organisation = "monitor"', 'organisation = "monitr"')
    _fails(
        curation_copy,
        r"kings-fund-undated-marathon-not-a-sprint/m\d+",
        r"organisation_id.*'monitr', which does not exist",
    )


def test_a_miscounted_mention_fails_showing_where(curation_copy: Path) -> None:
    _edit(curation_copy, "003", 'text = "DH"\ncount = 4', 'text = "DH"\ncount = 3')
    _fails(
        curation_copy,
        r"mentions\[\d+\] \('DH'\): found 4 occurrences, 'count' says 3",
        r"\[DH\] statement said",
    )


def test_an_unannotated_name_fails(curation_copy: Path) -> None:
    _edit(curation_copy, "004", 'text = "Monitor"\ncount = 1', 'text = "Monitor"\ncount = 0')
    _fails(curation_copy, r"'Monitor' \(monitor\) is named but not annotated")


def test_an_unexplained_quotation_mark_fails(curation_copy: Path) -> None:
    _edit(
        curation_copy,
        "001",
        '[[non_quotes]]\ntext = "form follows function"',
        '[[not_a_section]]\ntext = "form follows function"',
    )
    _fails(
        curation_copy,
        r"001-.*opening quotation mark is neither a quote nor a listed non-quote",
        r"form follows function",
    )


def test_a_quote_that_swallows_its_closing_mark_fails(curation_copy: Path) -> None:
    _edit(curation_copy, "003", 'to = "puts people first."', 'to = "puts people first.’"')
    _fails(
        curation_copy,
        r"pulse-undated-nhs-fully-integrated-by-2018/q4",
        r"must end right before a closing mark",
    )


def test_site_furniture_inside_a_quote_fails(curation_copy: Path) -> None:
    _edit(
        curation_copy,
        "002",
        'to = "at the right time and right place."',
        'to = "Did you enjoy this article?"',
    )
    _fails(
        curation_copy,
        r"cipfa-2012-01-05-ministers-must-prioritise-integration/q11",
        r"field 'span'",
    )


def test_a_bad_vocabulary_value_fails(curation_copy: Path) -> None:
    _edit(curation_copy, "004", 'kind = "blog-post"', 'kind = "blog"')
    _fails(curation_copy, r"004-.*document", r"DocumentKind")


def test_a_changed_seed_fails(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in SEEDS.iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    target = next(seeds.glob("002_*"))
    target.write_bytes(target.read_bytes().replace(b"Nick Mann", b"Nick Man"))
    with pytest.raises(BuildError, match=r"seeds/002_.*does not match SHA256SUMS"):
        build(CURATION, seeds)


def test_the_build_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(
        ["build", "--curation", str(CURATION), "--seeds", str(SEEDS), "--out", str(tmp_path)]
    )
    assert code == 0
    assert "wrote corpus" in capsys.readouterr().out
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "corpus.toml").write_text('version = "x"')
    assert (
        cli_main(
            ["build", "--curation", str(broken), "--seeds", str(SEEDS), "--out", str(tmp_path)]
        )
        == 1
    )
    assert "MAJOR.MINOR.PATCH" in capsys.readouterr().err


# --- who said it, aliases and former roles in the curation files -------------------

PULSE = "pulse-undated-nhs-fully-integrated-by-2018"


def test_source_and_cue_are_located_like_every_span(curation_copy: Path, tmp_path: Path) -> None:
    folder = _build_to(tmp_path, curation_copy)
    quotes = {q["id"]: q for q in json.loads((folder / "quotes.json").read_bytes())}
    text = json.loads((folder / "documents.json").read_bytes())[3]["text"]
    q1 = quotes[f"{PULSE}/q1"]
    assert q1["source"]["text"] == "A DH statement"
    assert q1["cue"]["text"] == "said"
    for part in ("source", "cue"):
        span = q1[part]["span"]
        assert text[span["start"] : span["end"]] == q1[part]["text"]
    assert quotes[f"{PULSE}/q9"]["source"] is None  # continues q8


def test_an_ambiguous_cue_needs_a_context(curation_copy: Path) -> None:
    _edit(
        curation_copy,
        "003",
        'cue = { text = "said", context = "A DH statement said:" }',
        'cue = "said"',
    )
    _fails(curation_copy, rf"\[{PULSE}\] quotes\[0\] \(q1\) cue: 'said' occurs \d+ times")


def test_a_malformed_source_is_named(curation_copy: Path) -> None:
    _edit(curation_copy, "003", 'source = "A DH statement"', "source = 3")
    _fails(
        curation_copy,
        rf"\[{PULSE}\] quotes\[0\] \(q1\) source: expected words, or a table with 'text'",
    )
    _edit(curation_copy, "003", "source = 3", 'source = { text = "A DH statement", at = 1 }')
    _fails(curation_copy, r"\(q1\) source: unknown keys \['at'\]")


def test_a_source_inside_the_quote_fails_the_check(curation_copy: Path) -> None:
    _edit(curation_copy, "003", 'source = "A DH statement"', 'source = "The document lays out"')
    _fails(curation_copy, rf"record '{PULSE}/q1', field 'source.span': overlaps the quote")


def test_a_cue_on_a_continuation_fails(curation_copy: Path) -> None:
    _edit(curation_copy, "003", 'continues = "q8"', 'continues = "q8"\ncue = "over claim"')
    _fails(
        curation_copy,
        rf"record '{PULSE}/q9', field 'cue': a paragraph that continues a quotation has no",
    )


def test_an_alias_with_an_article_fails(curation_copy: Path) -> None:
    path = curation_copy / "organisations.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('"Care Trust"', '"the Care Trust"', 1), "utf-8")
    _fails(
        curation_copy,
        r"organisations.toml \[torbay-care-trust\]: alias 'the Care Trust' starts with an "
        r"article; store it without one \('Care Trust'\)",
    )


def test_a_former_role_is_built(curation_copy: Path, tmp_path: Path) -> None:
    folder = _build_to(tmp_path, curation_copy)
    people = {p["id"]: p for p in json.loads((folder / "people.json").read_bytes())}
    roles = {r["text"]: r["former"] for r in people["george-coxon"]["roles"]}
    assert roles == {"Various inc care home owner / MH clinician": False, "NHS commissioner": True}
    path = curation_copy / "people.toml"
    path.write_text(path.read_text("utf-8").replace("former = true", 'former = "yes"'), "utf-8")
    _fails(
        curation_copy,
        r"people.toml \[george-coxon\]: expected true or false, got a string "
        r"@ \$\.roles\[1\]\.former",
    )
