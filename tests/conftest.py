"""Shared fixtures, the project's own folders, and the Hypothesis profiles.

The property and fuzz tests take their settings from one of four profiles,
chosen by the ``HYPOTHESIS_PROFILE`` environment variable:

``dev`` (the default)
    100 examples per test, random; no deadline, so a busy machine cannot
    turn a slow example into a failure.
``ci`` (the default when ``CI`` is set, as ``.ci/run`` sets it)
    The same examples on every run (derandomised), so a failure in CI is a
    failure of the code, reproducible on any machine.
``long``
    2,000 examples per test, random, for a deliberate hunt::

        HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py --no-cov

``mutation``
    10 examples per test, derandomised, for the mutation run (docs/mutation.md),
    which runs the tests once for each of thousands of mutants.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, settings

import integrated_care_corpus as icc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CURATION = ROOT / "curation"
DATA = ROOT / "src" / "integrated_care_corpus" / "data"

# Loading a corpus is slow beside Hypothesis's expectations, and that is not a fault.
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    derandomize=False,
    suppress_health_check=_SLOW_IS_FINE,
)
settings.register_profile(
    "ci", settings.get_profile("dev"), derandomize=True, database=None, print_blob=True
)
settings.register_profile("long", settings.get_profile("dev"), max_examples=2_000)
settings.register_profile("mutation", settings.get_profile("ci"), max_examples=10, print_blob=False)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


#: The four load paths, fastest first: msgspec with generated Structs, orjson or
#: the standard library with generated builders, and the strict converter alone.
#: :func:`icc.load_path` takes the first one installed.
LOAD_PATHS = ("msgspec", "orjson-builders", "stdlib-json", "strict-converter")


@contextmanager
def load_through(name: str) -> Iterator[None]:
    """Load through the one path ``name`` (one of :data:`LOAD_PATHS`) at any size.

    The faster paths are taken away as an install without them would lack
    them, and ``FAST_FROM`` is 0 so that small test corpora take the fast paths
    too. A module runs its tests on every path with an autouse fixture::

        @pytest.fixture(autouse=True, params=LOAD_PATHS)
        def parse_path(request: pytest.FixtureRequest) -> Iterator[str]:
            with load_through(request.param):
                yield str(request.param)
    """
    from integrated_care_corpus import _loading  # noqa: PLC0415 - as the session hook does

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_loading, "FAST_FROM", 0)  # every resource is "large"
        if name != "msgspec":
            patch.setattr(_loading, "_decode", None)
        if name == "stdlib-json":
            patch.setattr(_loading, "_orjson", None)
        elif name == "strict-converter":
            patch.setattr(_loading, "_FAST", False)
        yield


def pytest_sessionstart() -> None:
    """Start every test session with no corpus kept by ``icc.load()``, nothing cached.

    A fresh interpreter has none; this matters only where sessions share a
    process, as the mutation run's do (docs/mutation.md): each mutant's
    tests must load the corpus with the mutant's code, not receive a corpus
    an earlier session loaded with the original code.
    """
    from integrated_care_corpus import _loading, _records, _versions  # noqa: PLC0415 - caches

    _loading._cache.clear()
    _versions._bundled_lock.cache_clear()
    _records._FIELDS.clear()  # each record class's field getter, made on first use


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


@pytest.fixture
def file_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files opened for reading while the test runs, however they
    are opened (``open``, ``Path.read_bytes``, the package's own readers), so that a
    test can say a file was refused unread."""
    import builtins  # noqa: PLC0415 - only here
    import io  # noqa: PLC0415 - only here

    reads: list[str] = []
    real = io.open

    def spy(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and not set(mode) & set("wax+"):
            reads.append(Path(file).name)
        return real(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(builtins, "open", spy)
    return reads


def shape(value: object) -> object:
    """A value with every type made explicit: ``Basis.STATED == "stated"``, but not here.

    Records compared by shape are equal only if every field has the same type
    and value, at every depth: what "the same records on every path" means.
    """
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]
        return (type(value), tuple(shape(getattr(value, f.name)) for f in fields))
    if isinstance(value, tuple):
        return (tuple, tuple(shape(v) for v in value))
    assert isinstance(value, (str, int, enum.Enum, dt.date, type(None))), type(value)
    return (type(value), value)
