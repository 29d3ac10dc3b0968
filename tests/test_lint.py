"""Static checks run as tests, so the one test command runs them all."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

# One interpreter's answer holds for all: .ci/run runs these on the main one only.
pytestmark = pytest.mark.main_python


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_check() -> None:
    result = _run("ruff", "check", "src", "tests", "benchmarks", "docs", ".ci")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run("ruff", "format", "--check", "src", "tests", "benchmarks", "docs", ".ci")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
