"""The data card's tables are generated from the corpus, and its prose counts match it."""

from __future__ import annotations

import collections
import enum
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _datacard

from .conftest import ROOT

DATACARD = ROOT / "DATACARD.md"
REGENERATE = "python -m integrated_care_corpus._datacard DATACARD.md"
_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905


def _word(n: int) -> str:
    return _WORDS[n] if n < len(_WORDS) else str(n)


def test_the_generated_tables_match_the_corpus(corpus: icc.Corpus) -> None:
    text = DATACARD.read_text("utf-8")
    assert _datacard.render(text, corpus) == text, f"DATACARD.md is stale: run {REGENERATE}"


@pytest.mark.parametrize(
    ("definitions", "vocabulary"),
    [
        (_datacard.TOPICS, icc.Topic),
        (_datacard.ORGANISATION_KINDS, icc.OrganisationKind),
        (_datacard.REGION_KINDS, icc.RegionKind),
    ],
)
def test_every_vocabulary_value_is_defined(
    definitions: dict[enum.Enum, str], vocabulary: type[enum.Enum]
) -> None:
    assert set(definitions) == set(vocabulary)


def test_the_prose_counts_match_the_corpus(corpus: icc.Corpus) -> None:
    """Every count the card's prose states, rebuilt from the corpus.

    When the corpus changes, the failure lists the sentences to revisit.
    """
    docs = corpus.documents
    dated = sorted((d for d in docs if d.published.date), key=lambda d: d.id)
    dated.sort(key=lambda d: d.published.date or 0)
    undated = len(docs) - len(dated)
    years = " and ".join(str(d.published.date.year) for d in dated if d.published.date)
    dated_with_basis = " and ".join(
        f"{d.published.date.year} ({d.published.basis.value})" for d in dated if d.published.date
    )
    kings_fund = [d for d in docs if d.publisher.organisation_id == "kings-fund"]
    kf_press = sum(d.kind is icc.DocumentKind.PRESS_RELEASE for d in kings_fund)
    kf_blog = sum(d.kind is icc.DocumentKind.BLOG_POST for d in kings_fund)
    assert kf_press + kf_blog == len(kings_fund)
    others = [d for d in docs if d not in kings_fund]
    assert all(d.kind is icc.DocumentKind.NEWS_ARTICLE for d in others)
    comments = corpus.comments
    signed = sum(c.author is not None for c in comments)
    anonymous = len(comments) - signed
    under = len({c.document_id for c in comments})
    kinds = {o.id: o.kind for o in corpus.organisations}
    by_person = [q for q in corpus.quotes if q.person_id]
    think_tank = [
        q
        for q in by_person
        if any(kinds[o] is icc.OrganisationKind.THINK_TANK for o in q.organisation_ids)
    ]
    rest = [q for q in by_person if q not in think_tank]
    assert all(q.organisation_ids == ("uk-government",) for q in rest)  # "ministers'"
    quotes = corpus.quotes
    credited = [q for q in quotes if q.source is not None]
    assert credited == [q for q in quotes if q.cue is not None]  # "No quote has one without ..."
    continuing = sum(q.continues is not None for q in quotes)
    inferred = sum(q.attribution is icc.Basis.INFERRED for q in quotes)
    assert len(credited) + continuing + inferred == len(quotes)
    cues = collections.Counter(q.cue.text for q in credited if q.cue)
    n, c = _word(len(docs)), _word(len(comments))
    blog = "a blog post" if kf_blog == 1 else f"{_word(kf_blog)} blog posts"
    expected = [
        f"**What:** {n} web pages",
        (
            f"**Period:** {_word(len(dated))} documents are dated ({years}); "
            f"{_word(undated)} are undated."
        ),
        f"**Statistics about anything beyond these {n} texts.** {n.capitalize()} documents",
        f"{c.capitalize()} self-selected reader comments under {_word(under)} pages",
        (
            f"{_word(undated).capitalize()} of the {n} documents have no date; date-based "
            f"analyses see only {_word(len(dated))} documents."
        ),
        f"Of the {c} reader comments, {_word(signed)} are signed",
        f"{_word(anonymous)} are anonymous, and some",
        f"**{n.capitalize()} documents.** Everything in this corpus is {n} pages",
        (
            f"{_word(len(dated)).capitalize()} documents are dated: {dated_with_basis}. "
            f"{_word(undated).capitalize()} are undated."
        ),
        (
            f"{_word(len(kings_fund)).capitalize()} of the {n} pages are The King's Fund's "
            f"({_word(kf_press)} press releases and {blog}); {_word(len(others))} are trade or "
            "professional press"
        ),
        (
            f"{len(think_tank)} of the {len(by_person)} quotes credited to a person are "
            "think-tank leaders', the rest ministers'."
        ),
        (
            f"{c.capitalize()} comments under {_word(under)} pages, {_word(anonymous)} of them "
            "anonymous"
        ),
        f"{_word(signed).capitalize()} comments are signed",
        f"{_word(anonymous).capitalize()} comments are anonymous.",
        (
            f"Of the {len(quotes)} quotes, {len(credited)} have a source and a cue; "
            f"{continuing} continue the paragraph before and {inferred} have an inferred "
            f"attribution, and these {continuing + inferred} have neither."
        ),
        (
            f'The cues are "said" ({cues["said"]} quotes, two of them sharing one credit), '
            f'"added" ({cues["added"]}), "called on" and "commented" (one each).'
        ),
    ]
    assert sum(cues.values()) == cues["said"] + cues["added"] + 2  # no other cue
    prose = " ".join(DATACARD.read_text("utf-8").split())
    missing = [sentence for sentence in expected if sentence not in prose]
    assert missing == [], "DATACARD.md's prose no longer matches the corpus; revisit:\n" + (
        "\n".join(missing)
    )


def test_render_replaces_only_the_marked_blocks(corpus: icc.Corpus) -> None:
    blocks = "\n".join(
        f"<!-- begin generated: {name} -->\nold\n<!-- end generated: {name} -->"
        for name in _datacard.TABLES
    )
    fresh = _datacard.render(f"# Card\n\nprose\n\n{blocks}\n\nmore prose\n", corpus)
    assert fresh.startswith("# Card\n\nprose\n\n<!-- begin generated: record-counts -->\n\n")
    last = list(_datacard.TABLES)[-1]
    assert fresh.endswith(f"<!-- end generated: {last} -->\n\nmore prose\n")
    assert "old" not in fresh
    assert _datacard.render(fresh, corpus) == fresh


def test_render_refuses_a_card_without_its_markers(corpus: icc.Corpus) -> None:
    with pytest.raises(ValueError, match="begin generated: record-counts"):
        _datacard.render("# Card\n", corpus)


def test_the_regenerate_command(tmp_path: Path) -> None:
    card = tmp_path / "DATACARD.md"
    stale = DATACARD.read_text("utf-8").replace("| documents | ", "| documents | 999", 1)
    card.write_text(stale, "utf-8")
    command = [sys.executable, "-m", "integrated_care_corpus._datacard"]
    check = subprocess.run(
        [*command, "--check", str(card)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 1
    assert "stale" in check.stderr
    assert card.read_text("utf-8") == stale
    fix = subprocess.run([*command, str(card)], capture_output=True, text=True, check=True)
    assert "regenerated" in fix.stdout
    assert card.read_text("utf-8") == DATACARD.read_text("utf-8")


@pytest.mark.slow
def test_the_sdist_ships_the_data_card_and_citation(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    assert {"DATACARD.md", "CITATION.cff", "docs/datacard.md", "docs/conf.py"} <= names
