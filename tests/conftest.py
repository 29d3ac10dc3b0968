"""Shared fixtures: the bundled corpus and the project's own folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import integrated_care_corpus as icc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CURATION = ROOT / "curation"
DATA = ROOT / "src" / "integrated_care_corpus" / "data"


@pytest.fixture(scope="session")
def corpus() -> icc.Corpus:
    loaded: icc.Corpus = icc.load()
    return loaded


@pytest.fixture
def curation_copy(tmp_path: Path) -> Path:
    """A scratch copy of the curation files that a test may break."""
    target = tmp_path / "curation"
    shutil.copytree(CURATION, target)
    return target


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A scratch copy of the newest bundled corpus folder that a test may break."""
    newest: str = icc.versions()[-1]
    target = tmp_path / newest
    shutil.copytree(DATA / newest, target)
    return target
