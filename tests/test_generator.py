"""The benchmark generator writes corpora that pass every check load_path makes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import integrated_care_corpus as icc

from .conftest import ROOT


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_loads_and_is_deterministic(tmp_path: Path) -> None:
    gen = _generator()
    folder = gen.write(1_000, tmp_path / "a")  # type: ignore[attr-defined]
    again = gen.write(1_000, tmp_path / "b")  # type: ignore[attr-defined]
    corpus = icc.load_path(folder)
    assert corpus.counts() == {
        "documents": 50,
        "quotes": 1_000,
        "comments": 500,
        "organisations": 20,
        "people": 50,
        "mentions": 2_000,
    }
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        p.name: p.read_bytes() for p in again.iterdir()
    }
