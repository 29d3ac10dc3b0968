"""The built wheel, installed into a fresh virtual environment, loads everything."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("*.whl")
    return found


def test_wheel_contents(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    data = [n for n in names if "/data/" in n]
    assert "integrated_care_corpus/py.typed" in names
    assert "integrated_care_corpus/data/1.0.0/manifest.json" in data
    assert len([n for n in data if n.startswith("integrated_care_corpus/data/1.0.0/")]) == 7
    assert not [n for n in names if n.startswith(("seeds/", "tests/", "curation/"))]


def test_wheel_in_a_fresh_venv_loads_every_record(wheel: Path, tmp_path: Path) -> None:
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    deps = ["attrs", "cattrs"]
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel), *deps],
        check=True,
        capture_output=True,
    )
    script = (
        "import integrated_care_corpus as icc; c = icc.load(); "
        "print(len(c.documents), len(c.quotes), len(c.comments), len(c.mentions), "
        "icc.__version__)"
    )
    result = subprocess.run(
        [str(python), "-c", script], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stdout.split() == ["5", "27", "7", "119", "1.0.0"]
