"""Install surfaces: wheel, sdist, zip file and editable install each load the whole corpus.

A data package most often breaks in the install, not in the code: a resource
left out of the wheel, a package that only works from a directory, an sdist
without the files needed to rebuild and test it. Each surface here is built
or installed the way a user would, and then loads every record.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_versions import _pyproject_version

pytestmark = pytest.mark.slow

PACKAGE = ROOT / "src" / "integrated_care_corpus"
#: The package version the surfaces must report, as pyproject.toml sets it.
PACKAGE_VERSION = _pyproject_version()
RECORDS = ("documents", "quotes", "comments", "organisations", "people", "mentions")
#: What every surface prints: record counts of the newest corpus, and versions.
LOAD_SCRIPT = """
import json, sys
import integrated_care_corpus as icc
from integrated_care_corpus import _files
corpus = icc.load()
print(json.dumps({
    "python": list(sys.version_info[:2]),
    "backport": "importlib_resources" in sys.modules,
    "root": _files.package_root().joinpath("data").is_dir(),
    "file": icc.__file__,
    "version": icc.__version__,
    "versions": list(icc.versions()),
    "counts": {v: icc.load(v).counts() for v in icc.versions()},
    "nuffield": corpus.organisation("nuffield trust").name,
}))
"""


def _expected_counts() -> dict[str, dict[str, int]]:
    """Record counts of every bundled version, read from the manifests in the source tree."""
    counts = {}
    for manifest in sorted(PACKAGE.glob("data/*/manifest.json")):
        resources = json.loads(manifest.read_bytes())["resources"]
        counts[manifest.parent.name] = {k: resources[f"{k}.json"]["count"] for k in RECORDS}
    return counts


def _run_load(
    python: Path | str, cwd: Path, env: dict[str, str] | None = None
) -> dict[str, object]:
    result = subprocess.run(
        [str(python), "-B", "-c", LOAD_SCRIPT],
        check=False,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    loaded: dict[str, object] = json.loads(result.stdout)
    counts = loaded["counts"]
    assert isinstance(counts, dict)
    assert {v: {k: c[k] for k in RECORDS} for v, c in counts.items()} == _expected_counts()
    assert loaded["nuffield"] == "Nuffield Trust"
    # Resources come through the one helper: a package installed as a folder is read
    # as that folder (what files() returns for it); otherwise (a zip file) through
    # importlib resources, the backport before Python 3.12.
    python_version = loaded["python"]
    assert isinstance(python_version, list)
    file = loaded["file"]
    assert isinstance(file, str)
    folder = Path(file).with_name("py.typed").is_file()
    assert loaded["backport"] is (not folder and tuple(python_version) < (3, 12))
    assert loaded["root"] is True
    return loaded


def _build(kind: str, out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            f"--{kind}",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("*.whl" if kind == "wheel" else "*.tar.gz")
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build("wheel", tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build("sdist", tmp_path_factory.mktemp("sdist"))


def _source_files(folder: Path) -> set[str]:
    """Files under ``folder`` relative to the project root, skipping caches."""
    return {
        p.relative_to(ROOT).as_posix()
        for p in folder.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and "_build" not in p.parts
        and p.suffix != ".pyc"
    }


def _venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True).create(path)
    return path / "bin" / "python"


def _pip(python: Path, *args: str) -> None:
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", *args],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_wheel_holds_the_package_and_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    package = {
        f"integrated_care_corpus/{Path(n).relative_to('src/integrated_care_corpus').as_posix()}"
        for n in _source_files(PACKAGE)
    }
    assert package <= names, sorted(package - names)
    for manifest in PACKAGE.glob("data/*/manifest.json"):
        version = manifest.parent.name
        for resource in [*json.loads(manifest.read_bytes())["resources"], "manifest.json"]:
            assert f"integrated_care_corpus/data/{version}/{resource}" in names
    assert "integrated_care_corpus/py.typed" in names
    top = {n.split("/")[0] for n in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"integrated_care_corpus"}
    assert not [n for n in names if n.endswith(".pyc") or "__pycache__" in n]


def test_wheel_passes_check_wheel_contents(wheel: Path) -> None:
    # W002 (duplicate files) is ignored: a resource unchanged between two
    # corpus versions is rightly shipped once for each.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_wheel_contents",
            "--no-config",
            "--ignore",
            "W002",
            "--package",
            str(PACKAGE),
            str(wheel),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_wheel_in_a_fresh_venv_loads_every_record(wheel: Path, tmp_path: Path) -> None:
    python = _venv(tmp_path / "venv")
    _pip(python, str(wheel))
    loaded = _run_load(python, cwd=tmp_path)
    assert str(loaded["file"]).startswith(str(tmp_path / "venv"))
    assert loaded["version"] == PACKAGE_VERSION


def test_loads_from_a_zip_file_on_sys_path(wheel: Path, tmp_path: Path) -> None:
    # The installed files (package and metadata), zipped: as zipapps and some
    # frozen installs ship them. Resources must come through files(), not paths.
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(wheel) as src, zipfile.ZipFile(archive, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name))
    env = {**os.environ, "PYTHONPATH": str(archive), "PYTHONDONTWRITEBYTECODE": "1"}
    loaded = _run_load(sys.executable, cwd=tmp_path, env=env)
    assert str(loaded["file"]).startswith(str(archive) + os.sep)
    assert loaded["version"] == PACKAGE_VERSION


def test_editable_install_loads_from_the_source_tree(tmp_path: Path) -> None:
    python = _venv(tmp_path / "venv")
    _pip(python, "-e", str(ROOT))
    loaded = _run_load(python, cwd=tmp_path)
    assert loaded["file"] == str(PACKAGE / "__init__.py")


def test_sdist_holds_what_rebuilding_and_testing_need(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    root = members[0].split("/")[0]
    names = {m.removeprefix(root + "/") for m in members}
    for folder in ("seeds", "curation", "docs", "tests", "src"):
        wanted = _source_files(ROOT / folder)
        assert wanted, folder
        assert wanted <= names, sorted(wanted - names)
    assert {"CHANGELOG.md", "README.md", "LICENSE", "pyproject.toml"} <= names
    assert "docs/loading-your-own-corpus.md" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith((".hypothesis", ".venv"))]
