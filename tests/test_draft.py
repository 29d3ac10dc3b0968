"""Review drafts: a curation file proposed from a text, and the build refusing review marks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import KnownNames, draft, extract
from integrated_care_corpus._build import BuildError, build
from integrated_care_corpus._draft import _count, _located
from integrated_care_corpus._records import Span
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
    first = spec["quotes"][0]
    assert (first["source"], first["cue"]) == ("Its chair, Cllr Jo Bloggs", "said")
    assert "the source" in first[REVIEW_KEY]
    assert "the cue" in first[REVIEW_KEY]
    # No known person, so no 'role' key (it names one of a person's roles): a comment.
    assert "role" not in first
    assert '# role: "Its chair"' in text


def test_a_draft_gives_a_known_person_s_role_and_its_people_toml_entry() -> None:
    names = KnownNames(people=(("Jo Bloggs", "jo-bloggs"),))
    page = (
        "Cuts ahead\n\nJo Bloggs, former leader of the council, said: ‘It will hurt.’\n\n"
        "‘It will hurt a lot.’\n"
    )
    text = draft(page, seed="x.txt", names=names)
    first, second = parsed(text)["quotes"]
    assert first["role"] == "former leader of the council"
    assert "former = true" in first[REVIEW_KEY]
    assert (
        '# for people.toml, a role of jo-bloggs: { document = "<this document\'s id>", '
        'text = "former leader of the council", former = true }'
    ) in text
    # The inferred paragraph carries the role over, without its own source or cue.
    assert (second["attribution"], second["role"]) == ("inferred", first["role"])
    assert "source" not in second
    assert "cue" not in second
    assert text.count("# for people.toml") == 1


@pytest.mark.parametrize(
    ("page", "words", "context"),
    [
        ("A said: ‘x.’ B said: ‘y.’\n", "said", "‘x.’ B said: ‘y.’"),
        ("Jo said: ‘x.’\nJo said: ‘y.’\n", "Jo", "Jo said: ‘y.’"),
        ("said said\n", "said", " said\n"),  # no whole words do: any stretch
    ],
)
def test_a_source_or_cue_that_recurs_gets_a_context_the_build_resolves(
    page: str, words: str, context: str
) -> None:
    at = page.rindex(words)
    got = _located(page, Span(at, at + len(words)))
    assert isinstance(got, dict)
    assert got["text"] == words
    assert _count(got["context"], page) == 1
    assert _count(words, got["context"]) == 1
    assert page.index(got["context"]) + got["context"].index(words) == at
    assert got["context"] == context  # whole words of its line, where they do


def _unmarked(proposed: str) -> str:
    """A draft with its review marks removed, as a curator leaves it who agrees with all."""
    reviewed = re.sub(r"(?m)^review = .*\n", "", proposed)
    assert not list(review_marks(parsed(reviewed)))
    return reviewed


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
    # With the marks removed it builds, and where the extractor is right (its
    # candidate's source and cue are the 1.1.0 gold's, as they all are on the
    # seeds) the built quote's source, cue and role are the gold's.
    unmarked = _unmarked(proposed).replace(f'id = "{reviewed["id"]}"', f'id = "{spec["id"]}"')
    target.write_text(unmarked, "utf-8")
    _, records, _ = build(tmp_path / "curation", SEEDS)
    gold = icc.load("1.1.0")
    doc = gold.document(spec["id"])
    found = {c.span.start: c for c in extract(doc.text)}
    built = {q.span.start: q for q in records.quotes if q.document_id == doc.id}
    compared = 0
    for q in (q for q in gold.quotes if q.document_id == doc.id):
        c = found.get(q.span.start)
        got = built.get(q.span.start)
        assert got is not None, q.id
        if c is None or (c.source, c.cue) != (
            q.source.span if q.source else None,
            q.cue.span if q.cue else None,
        ):
            continue
        compared += 1
        assert (got.source, got.cue) == (q.source, q.cue), q.id
        if got.role is not None:
            assert got.role == q.role, q.id
    assert compared == sum(q.document_id == doc.id for q in gold.quotes)


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
