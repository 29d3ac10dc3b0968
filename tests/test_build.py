"""The build: reproducible, and refusing every kind of broken annotation."""

from __future__ import annotations

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
