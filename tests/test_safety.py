"""Safety: the cached corpus cannot be changed by a caller, and loading has no side effects.

Loading never touches the network, never writes a file, and never unpickles
or evaluates data. The side-effect tests run the package in a fresh
interpreter with an audit hook (PEP 578) that refuses the operation, so any
code path that tries it fails loudly.
"""

from __future__ import annotations

import ast
import datetime as dt
import enum
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import attrs
import pytest

import integrated_care_corpus as icc

from .conftest import CURATION, DATA, ROOT, SEEDS

SRC = ROOT / "src" / "integrated_care_corpus"
_IMMUTABLE_SCALARS = (str, int, float, bool, type(None), dt.date, enum.Enum)


def _mutable_parts(value: object, where: str) -> list[str]:
    """Paths of every mutable value inside a record (empty: it is immutable all the way)."""
    if isinstance(value, _IMMUTABLE_SCALARS):
        return []
    if isinstance(value, tuple):
        return [p for i, item in enumerate(value) for p in _mutable_parts(item, f"{where}[{i}]")]
    cls: Any = type(value)
    if attrs.has(cls):
        first = attrs.fields(cls)[0].name
        try:
            setattr(value, first, getattr(value, first))
        except attrs.exceptions.FrozenInstanceError:
            pass
        else:
            return [f"{where} ({type(value).__name__} is not frozen)"]
        return [
            p
            for field in attrs.fields(cls)
            for p in _mutable_parts(getattr(value, field.name), f"{where}.{field.name}")
        ]
    return [f"{where} ({type(value).__name__})"]


def test_records_and_collections_are_immutable_all_the_way_down(corpus: icc.Corpus) -> None:
    found = []
    for name in ("documents", "quotes", "comments", "organisations", "people", "mentions"):
        records = getattr(corpus, name)
        assert isinstance(records, tuple), name
        assert records, name
        found += _mutable_parts(records, name)
    assert found == []


def test_a_caller_cannot_change_the_cached_corpus(corpus: icc.Corpus) -> None:
    quote = corpus.quotes[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        quote.text = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        quote.span.start = 0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        corpus.documents[0].topics.append(icc.Topic.FUNDING)  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="read-only"):
        corpus.quotes = ()
    with pytest.raises(AttributeError, match="read-only"):
        corpus.version = "9.9.9"
    with pytest.raises(AttributeError, match="read-only"):
        del corpus.people
    with pytest.raises(AttributeError, match="read-only"):
        corpus.extra = 1
    # Another caller still sees exactly what the files hold.
    fresh = icc.load_path(DATA / corpus.version)
    assert icc.load(corpus.version) is corpus
    assert corpus.quotes == fresh.quotes
    assert corpus.version == fresh.version
    assert corpus.quote(quote.id) is quote


def _run_guarded(guard: str, body: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``body`` in a fresh interpreter after installing the audit hook ``guard``."""
    script = "import sys\n" + textwrap.dedent(guard) + "\n" + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-B", "-c", script, *args],
        check=False,
        capture_output=True,
        text=True,
        cwd=cwd,
    )


_LOAD_EVERYTHING = f"""
import integrated_care_corpus as icc
corpus = icc.load()
for version in icc.versions():
    icc.load(version)
icc.load_path({str(DATA / "1.0.0")!r})
try:
    icc.load_path({str(ROOT)!r})
except icc.CorpusError:
    pass
print(icc.__version__, corpus.person("jennifer dixon").id, "ok")
"""


def test_loading_never_touches_the_network(tmp_path: Path) -> None:
    guard = """
    def no_network(event, args):
        if event.startswith("socket."):
            raise RuntimeError(f"network access: {event} {args!r}")
    sys.addaudithook(no_network)
    """
    result = _run_guarded(guard, _LOAD_EVERYTHING, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "ok"


_NO_WRITES = """
import os
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
ALLOWED = tuple(sys.argv[1:])

def allowed(path):
    path = os.path.abspath(os.fsdecode(path)) if isinstance(path, (str, bytes, os.PathLike)) else ""
    return any(path == a or path.startswith(a + os.sep) for a in ALLOWED)

def no_writes(event, args):
    if event == "open":
        path, mode, flags = args
        writing = (mode is not None and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & WRITE_FLAGS
        )
        if writing and not allowed(path):
            raise RuntimeError(f"write outside the given paths: {path!r} ({mode!r})")
    elif event in {"os.mkdir", "os.remove", "os.rmdir", "os.rename", "os.truncate",
                   "os.symlink", "os.link", "os.chmod", "os.utime", "shutil.rmtree",
                   "shutil.copyfile", "shutil.move"}:
        if not allowed(args[0]):
            raise RuntimeError(f"{event} outside the given paths: {args!r}")
sys.addaudithook(no_writes)
"""


def test_loading_never_writes_a_file(tmp_path: Path) -> None:
    result = _run_guarded(_NO_WRITES, _LOAD_EVERYTHING, tmp_path)  # nothing is allowed
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "ok"


def test_the_guards_catch_what_they_guard(tmp_path: Path) -> None:
    guard = """
    def no_network(event, args):
        if event.startswith("socket."):
            raise RuntimeError(f"network access: {event}")
    sys.addaudithook(no_network)
    """
    result = _run_guarded(guard, "import socket; socket.socket()", tmp_path)
    assert "network access: socket.__new__" in result.stderr


def test_the_guard_catches_a_write(tmp_path: Path) -> None:
    result = _run_guarded(_NO_WRITES, "open('x.txt', 'w')", tmp_path)
    assert result.returncode != 0
    assert "write outside the given paths" in result.stderr
    assert not (tmp_path / "x.txt").exists()


def test_the_build_writes_only_under_its_out_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    body = f"""
    from integrated_care_corpus._build import main
    raise SystemExit(main(["--curation", {str(CURATION)!r}, "--seeds", {str(SEEDS)!r},
                           "--out", {str(out)!r}]))
    """
    result = _run_guarded(_NO_WRITES, body, tmp_path, str(out))  # writes allowed under out
    assert result.returncode == 0, result.stderr
    newest = icc.versions()[-1]  # the curation's version
    assert sorted(p.name for p in out.iterdir()) == [newest]
    assert sorted(p.name for p in (out / newest).iterdir()) == sorted(
        p.name for p in (DATA / newest).iterdir()
    )


#: Calls and modules that run or revive code from data: none belongs in the package.
_BANNED_CALLS = {"eval", "exec", "compile", "__import__", "literal_eval"}
_BANNED_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "joblib", "yaml"}


def test_the_package_never_unpickles_or_evaluates() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else None
                if isinstance(func, ast.Attribute) and func.attr in {"literal_eval", "load"}:
                    base = func.value
                    if isinstance(base, ast.Name) and base.id in {"ast", "yaml", "pickle"}:
                        name = f"{base.id}.{func.attr}"
                if name in _BANNED_CALLS or (name and name.split(".")[0] in _BANNED_MODULES):
                    found.append(f"{where}: {name}()")
            elif isinstance(node, ast.Import):
                found += [
                    f"{where}: import {a.name}"
                    for a in node.names
                    if a.name.split(".")[0] in _BANNED_MODULES
                ]
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.split(".")[0] in _BANNED_MODULES
            ):
                found.append(f"{where}: from {node.module} import ...")
    assert found == []


def test_loading_never_unpickles(tmp_path: Path) -> None:
    guard = """
    def no_unpickling(event, args):
        if event == "pickle.find_class":
            raise RuntimeError(f"unpickling: {args!r}")
    sys.addaudithook(no_unpickling)
    """
    result = _run_guarded(guard, _LOAD_EVERYTHING, tmp_path)
    assert result.returncode == 0, result.stderr
