"""The documentation builds without a warning, and reaches every page and public name."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import integrated_care_corpus as icc

from .conftest import ROOT

DOCS = ROOT / "docs"


@pytest.mark.main_python
def test_the_docs_build_without_warnings(tmp_path: Path) -> None:
    # Exactly the CI build: nitpicky, warnings as errors, every warning shown.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-n",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "-d",
            str(tmp_path / "doctrees"),
            str(DOCS),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "html" / "datacard.html").is_file()


def _toctree_entries(page: Path) -> list[str]:
    entries = []
    for block in re.findall(r"```\{toctree\}\n(.*?)```", page.read_text("utf-8"), re.DOTALL):
        entries += [line.strip() for line in block.splitlines() if line.strip() and ":" not in line]
    return entries


def test_every_page_is_in_the_index_toctree() -> None:
    pages = {p.stem for p in DOCS.glob("*.md")} - {"index"}
    listed = _toctree_entries(DOCS / "index.md")
    assert sorted(pages - set(listed)) == [], "add these pages to a toctree in docs/index.md"
    assert sorted(set(listed) - pages) == []


def test_every_public_name_is_in_the_api_reference() -> None:
    api = (DOCS / "api.md").read_text("utf-8")
    documented = set(re.findall(r"^\.\. (?:auto\w+|py:\w+):: (\w+)", api, re.MULTILINE))
    missing = sorted(set(icc.__all__) - documented)
    assert missing == [], f"add these public names to docs/api.md: {missing}"


def test_the_changelog_and_data_card_pages_include_the_top_level_files() -> None:
    assert "```{include} ../CHANGELOG.md\n```" in (DOCS / "changelog.md").read_text("utf-8")
    assert "```{include} ../DATACARD.md\n```" in (DOCS / "datacard.md").read_text("utf-8")
