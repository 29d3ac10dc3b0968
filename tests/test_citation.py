"""``icc.citation()`` gives the citation in CITATION.cff, as text and as BibTeX."""

from __future__ import annotations

import re

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _citation

from .conftest import ROOT


def _cff() -> dict[str, str | list[str]]:
    """Read CITATION.cff's top-level scalars and author names (its shape is simple)."""
    fields: dict[str, str | list[str]] = {}
    authors: list[str] = []
    key = None
    for line in (ROOT / "CITATION.cff").read_text("utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        top = re.fullmatch(r"([\w-]+):\s*(.*)", line)
        if top:
            key, value = top.groups()
            if value and value not in (">-", "|"):
                fields[key] = value.strip().strip('"')
            continue
        item = re.fullmatch(r"\s+- name:\s*(.*)", line)
        if key == "authors" and item:
            authors.append(item.group(1).strip().strip('"'))
    fields["authors"] = authors
    return fields


def test_citation_cff_describes_the_dataset() -> None:
    cff = _cff()
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == _citation.TYPE == "dataset"
    assert cff["title"] == _citation.TITLE
    assert cff["authors"] == [_citation.AUTHOR]
    assert cff.get("date-released") == _citation.DATE_RELEASED


def test_citation_cff_cites_the_newest_bundled_corpus() -> None:
    # A new corpus version must update CITATION.cff too.
    assert _cff()["version"] == icc.versions()[-1] == icc.CORPUS_VERSION


def test_text_and_bibtex_carry_the_same_citation() -> None:
    cff = _cff()
    version = str(cff["version"])
    text = icc.citation()
    assert text == icc.citation("text", version=version)
    assert text.startswith(f"{_citation.AUTHOR} (")
    assert f"{cff['title']} (Version {version}) [Data set]." in text
    bibtex = icc.citation("bibtex")
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", bibtex, re.MULTILINE))
    assert bibtex.startswith("@misc{integrated-care-corpus-" + version.replace(".", "-") + ",\n")
    assert bibtex.endswith("\n}")
    assert fields["author"] == "{" + _citation.AUTHOR + "}"
    assert fields["title"].replace("{", "").replace("}", "") == cff["title"]
    assert fields["version"] == version
    year = str(cff["date-released"])[:4] if "date-released" in cff else None
    assert fields.get("year") == year
    assert (f"({year})." if year else "(n.d.).") in text


def test_a_version_prefix_cites_the_newest_match() -> None:
    assert icc.citation(version="1") == icc.citation(version=icc.load("1").version)


def test_bad_style_and_unknown_version() -> None:
    with pytest.raises(ValueError, match="unknown citation style 'apa'"):
        icc.citation("apa")  # type: ignore[arg-type]
    with pytest.raises(icc.UnknownVersionError, match=r"'9\.9\.9'"):
        icc.citation(version="9.9.9")
