"""Review drafts: a curation file proposed from a text, and the build refusing review marks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import KnownNames, draft
from integrated_care_corpus._build import BuildError, build
from integrated_care_corpus._review import REVIEW_KEY, review_marks, without_review_marks

from .conftest import CURATION, SEEDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CURATED = sorted((CURATION / "documents").glob("*.toml"))

PAGE = """Cookie policy notice

By continuing to use this site you agree to our cookies policy.

Councils ‘must be given more say’ on care

By Ann Writer | 3 March 2014

The Local Government Association warned that plans would fail. \
Its chair, Cllr Jo Bloggs, said: ‘We need a seat at the table.’

‘Without it, nothing changes.’

The so-called ‘pioneer’ areas will be named soon.

Readers' comments (2)

  • I agree with "more say" entirely.

    Unsuitable or offensive? Report this comment

  • Nonsense.

    Unsuitable or offensive? Report this comment

Have your say
"""


def parsed(text: str) -> dict[str, Any]:
    spec: dict[str, Any] = tomllib.loads(text)
    return spec


def test_a_draft_proposes_regions_quotes_non_quotes_and_dates() -> None:
    spec = parsed(draft(PAGE, seed="page.txt", names=KnownNames()))
    assert [r["kind"] for r in spec["regions"]] == [
        "furniture",
        "headline",
        "byline",
        "body",
        "furniture",
        "comment",
        "furniture",
        "comment",
        "furniture",
    ]
    assert spec["published"]["date"].isoformat() == "2014-03-03"
    assert spec["id"] == "unknown-2014-03-03-councils-must-be-given-more-say"
    first, second = spec["quotes"]
    assert (first["text"], first["speaker"], first["kind"]) == (
        "We need a seat at the table.",
        "Cllr Jo Bloggs",
        "direct",
    )
    assert (second["speaker"], second["attribution"]) == ("Cllr Jo Bloggs", "inferred")
    assert "note" in second
    assert {n["text"] for n in spec["non_quotes"]} == {"must be given more say", "pioneer"}
    assert len(spec["comments"]) == 2


def test_a_draft_marks_every_proposal_for_review() -> None:
    text = draft(
        PAGE,
        seed="page.txt",
        names=KnownNames(organisations=(("Care", "c"), ("Local Government Association", "lga"))),
    )
    spec = parsed(text)
    assert REVIEW_KEY in spec
    for part in ("publisher", "published"):
        assert REVIEW_KEY in spec[part]
    for part in ("regions", "quotes", "non_quotes", "mentions", "not_mentions", "comments"):
        assert spec[part], part
        assert all(REVIEW_KEY in entry for entry in spec[part]), part
    assert '# cue: "said"' in text
    assert '# role: "Its chair"' in text


def test_mentions_are_counted_as_the_build_counts_them() -> None:
    names = KnownNames(
        organisations=(("Torbay Care Trust", "torbay"), ("Care Trust", "torbay"), ("trust", "t"))
    )
    text = "Torbay Care Trust grew. The Care Trust is new. Do not trust them.\n"
    spec = parsed(draft(text, seed="x.txt", names=names))
    got = {(m["text"], m["count"]) for m in spec["mentions"]}
    assert got == {("Torbay Care Trust", 1), ("Care Trust", 1), ("trust", 1)}


def test_other_case_occurrences_are_proposed_as_not_mentions() -> None:
    names = KnownNames(organisations=(("Trust", "t"),))
    spec = parsed(draft("The Trust is here. Do not trust it.\n", seed="x.txt", names=names))
    (excused,) = spec["not_mentions"]
    assert excused["text"] == "trust"
    assert excused["reason"]


@pytest.mark.parametrize("curated", CURATED, ids=lambda p: p.name)
def test_a_draft_of_each_seed_resolves_in_the_build_once_its_marks_are_removed(
    curated: Path, tmp_path: Path
) -> None:
    # With the bundled corpus's names, every region, quote, mention and
    # non-quote a draft proposes is found by the build, and every opening mark
    # and every known name is accounted for.
    spec = parsed(curated.read_text("utf-8"))
    proposed = draft((SEEDS / spec["seed"]).read_text("utf-8"), seed=spec["seed"])
    reviewed = parsed(proposed)
    assert list(review_marks(reviewed))
    shutil.copytree(CURATION, tmp_path / "curation")
    target = tmp_path / "curation" / "documents" / curated.name
    # Keep the curated id: people.toml ties roles to it.
    target.write_text(proposed.replace(f'id = "{reviewed["id"]}"', f'id = "{spec["id"]}"'))
    with pytest.raises(BuildError) as info:
        build(tmp_path / "curation", SEEDS)
    problems = str(info.value).splitlines()[1:]
    assert problems
    assert all("still marked for review" in p for p in problems), problems


def test_the_build_refuses_review_marks_naming_file_and_key(tmp_path: Path) -> None:
    shutil.copytree(CURATION, tmp_path / "curation")
    path = tmp_path / "curation" / "documents" / CURATED[0].name
    text = path.read_text("utf-8").replace(
        'id = "q2"', 'id = "q2"\nreview = "proposed by draft: check the speaker"', 1
    )
    path.write_text(text, "utf-8")
    with pytest.raises(BuildError) as info:
        build(tmp_path / "curation", SEEDS)
    message = str(info.value)
    assert "the build found 1 problem(s); nothing was written" in message
    assert (
        f"{CURATED[0].name} [kings-fund-undated-pilots-welcome] quotes[1].review: "
        "still marked for review (proposed by draft: check the speaker)"
    ) in message


def test_review_marks_are_found_at_every_depth() -> None:
    spec = {
        "review": "a",
        "publisher": {"review": "b"},
        "regions": [{"kind": "body"}, {"review": "c"}],
        "topics": ["x"],
    }
    assert list(review_marks(spec)) == [
        ("review", "a"),
        ("publisher.review", "b"),
        ("regions[1].review", "c"),
    ]
    assert without_review_marks(spec) == {
        "publisher": {},
        "regions": [{"kind": "body"}, {}],
        "topics": ["x"],
    }


def test_draft_from_a_corpus_s_names(corpus: icc.Corpus) -> None:
    text = "Niall Dickson said: ‘Yes.’\n"
    spec = parsed(draft(text, seed="x.txt", corpus=corpus))
    assert spec["quotes"][0]["person"] == "niall-dickson"


def test_draft_on_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "005-page.toml"
    run = [sys.executable, "-m", "integrated_care_corpus", "draft", str(page)]
    result = subprocess.run([*run, "--out", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    marks = len(list(review_marks(parsed(out.read_text("utf-8")))))
    assert result.stdout.strip() == f"wrote {out}: {marks} entries marked for review"
    again = subprocess.run([*run, "--out", str(out)], capture_output=True, text=True, check=False)
    assert again.returncode == 1
    assert "exists; pass --force to overwrite it" in again.stderr
    forced = subprocess.run(
        [*run, "--out", str(out), "--force"], capture_output=True, text=True, check=False
    )
    assert forced.returncode == 0
    shown = subprocess.run(run, capture_output=True, text=True, check=False)
    assert shown.stdout == out.read_text("utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff")
    failed = subprocess.run(
        [sys.executable, "-m", "integrated_care_corpus", "draft", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 1
    assert "bad.txt: not UTF-8 at byte 0" in failed.stderr
    assert "Traceback" not in failed.stderr
