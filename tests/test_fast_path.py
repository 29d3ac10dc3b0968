"""The fast load paths: a cheap import, and the same records and errors as the strict path.

Loading a large resource first tries msgspec with generated Structs and
builders (the ``[fast]`` extra), then orjson (also ``[fast]``); a small one
(below ``_loading.FAST_FROM`` bytes, as every resource of the bundled corpus
is) goes to the standard library's ``json``; either way generated builders
make the records, and the strict converter words what they refuse. The
fault and loading tests run on the small-resource path in their own modules;
they are collected here again and run on each of the others, with the size
threshold at zero for msgspec and orjson: every message they pin must come
out the same on every path. The fuzz tests load every damaged corpus on
every path themselves and compare the verdicts and the records.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import (
    _checks,
    _codegen,
    _decode,
    _loading,
    _resources,
)

from .conftest import DATA, LOAD_PATHS, ROOT, load_through, shape

# The fault and loading tests, collected again in this module, so that the
# module's fixture below runs them on the other paths.
from .test_faults import *  # noqa: F403
from .test_faults import rewrite
from .test_loading import *  # noqa: F403


@pytest.fixture(
    scope="module",
    autouse=True,
    params=LOAD_PATHS,
)
def load_path_variant(request: pytest.FixtureRequest) -> Iterator[str]:
    """Load through msgspec or orjson at any size, the standard library, or the strict path."""
    with load_through(request.param):
        yield str(request.param)


def _left_out(code: str, modules: list[str]) -> list[str]:
    """Run ``code`` in a fresh interpreter; return which of ``modules`` it imported."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    # A clean child: coverage measurement, when on, would import modules of its own.
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE")}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    return out.stdout.split()


def test_import_loads_attrs_and_the_records_only() -> None:
    heavy = [
        "cattrs",
        "json",
        "difflib",
        "importlib.resources",
        "importlib_resources",
        "orjson",
        "hashlib",
        "msgspec",
        "datetime",
        "integrated_care_corpus._converter",
        "integrated_care_corpus._errors",
        "integrated_care_corpus._loading",
    ]
    code = "import integrated_care_corpus as icc\nassert icc.Quote.__name__ == 'Quote'"
    assert _left_out(code, [*heavy, "attrs"]) == ["attrs"]


def test_a_successful_load_leaves_out_the_error_wording_and_the_fast_parsers() -> None:
    # The bundled corpus is small: the standard library parses it, and the package
    # folder is read as a folder on disk.
    heavy = [
        "cattrs",
        "integrated_care_corpus._converter",
        "msgspec",
        "orjson",
        "integrated_care_corpus._decode",
        "integrated_care_corpus._structs",
        "importlib.resources",
        "importlib_resources",
        "zipfile",
        "difflib",
        "integrated_care_corpus._query",
        "integrated_care_corpus._index",
        "integrated_care_corpus._search",
        "integrated_care_corpus._results",
        "integrated_care_corpus._rows",
        "integrated_care_corpus._criteria",
        "integrated_care_corpus._names",
        # OpenSSL's library, for a few hundred kilobytes the interpreter hashes itself
        "hashlib",
        "_hashlib",
        # the package's own folder is read through os.path (_files.DiskEntry)
        "pathlib",
        "urllib.parse",
    ]
    code = "import integrated_care_corpus as icc\nassert icc.load().counts()['documents'] > 0"
    if not (ROOT / "src" / "integrated_care_corpus" / "py.typed").is_file():  # pragma: no cover
        pytest.skip("the package is not a folder on disk here")
    # _query defines the methods a Corpus inherits; what they use waits for first use.
    assert _left_out(code, heavy) == ["integrated_care_corpus._query"]


def test_the_command_line_sizes_its_help_without_shutil_and_the_compression_modules() -> None:
    code = (
        "from integrated_care_corpus import _cli\n"
        "assert _cli._parser().format_help().startswith('usage: integrated-care-corpus')"
    )
    assert _left_out(code, ["shutil", "bz2", "lzma", "hashlib"]) == []


@pytest.mark.parametrize("columns", ["40", "100", "0", "wide"])
def test_the_help_is_as_wide_as_argparse_would_make_it(
    columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse  # noqa: PLC0415 - compared with

    from integrated_care_corpus import _cli  # noqa: PLC0415 - the module under test

    monkeypatch.setenv("COLUMNS", columns)
    ours = _cli._Formatter("prog")
    theirs = argparse.HelpFormatter("prog")
    assert ours._width == theirs._width
    assert (
        _cli._Formatter("prog", 2, 24, 50)._width == argparse.HelpFormatter("p", 2, 24, 50)._width
    )


def test_a_failed_load_words_its_error_with_the_strict_converter(tmp_path: Path) -> None:
    folder = _generator().write(20, tmp_path)

    def edit(quotes: Any) -> None:
        quotes[0]["span"]["start"] = "0"

    rewrite(folder, "quotes.json", edit)
    code = (
        "import integrated_care_corpus as icc\n"
        f"try:\n    icc.load_path({str(folder)!r})\n"
        "except icc.CorpusFormatError as exc:\n    assert \"field 'span.start'\" in str(exc), exc\n"
        "else:\n    raise AssertionError('loaded')"
    )
    assert _left_out(code, ["cattrs", "integrated_care_corpus._converter"]) == [
        "cattrs",
        "integrated_care_corpus._converter",
    ]


def _both_paths(folder: Path) -> None:
    for name, cls in _resources.RESOURCE_TYPES.items():
        data = (folder / f"{name}.json").read_bytes()
        raw = json.loads(data)
        fast = _loading.build_all(cls, raw)
        decoded = _decode.decode(cls, data)
        strict = _loading._structure(cls, raw, name)
        assert decoded is not None, name
        assert len(fast) == len(decoded) == len(strict) == len(raw)
        shapes = [shape(r) for r in strict]
        assert [shape(r) for r in fast] == shapes, name
        assert [shape(r) for r in decoded] == shapes, name


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    return module


def test_fast_and_strict_build_the_same_records_from_the_bundled_corpus() -> None:
    _both_paths(DATA / icc.versions()[-1])


def test_fast_and_strict_build_the_same_records_from_a_generated_corpus(tmp_path: Path) -> None:
    folder = _generator().write(1_000, tmp_path)
    _both_paths(folder)
    assert icc.load_path(folder).counts()["quotes"] == 1_000


def test_orjson_and_json_parse_the_bundled_files_alike() -> None:
    orjson = pytest.importorskip("orjson")  # the [fast] extra, in the test dependencies
    for file in sorted((DATA / icc.versions()[-1]).glob("*.json")):
        data = file.read_bytes()
        assert orjson.loads(data) == json.loads(data.decode("utf-8"))


_SPAN = {"start": 0, "end": 4}
_MENTION = {
    "id": "d/m0",
    "document_id": "d",
    "text": "NHS ",
    "span": _SPAN,
    "organisation_id": "nhs",
}


@pytest.mark.parametrize(
    "change",
    [
        {"span": {"start": "0", "end": 4}},  # no str -> int coercion
        {"span": {"start": True, "end": 4}},  # a bool is not an integer
        {"span": {"start": 0.0, "end": 4}},
        {"span": {"start": 0, "end": 4, "length": 4}},  # unknown key in a nested record
        {"span": {"start": 5, "end": 4}},  # end before start
        {"span": {"start": -1, "end": 4}},
        {"span": [0, 4]},
        {"text": 4},
        {"document_id": None},  # not optional
        {"basis": "guessed"},  # not a Basis
        {"basis": ["stated"]},  # unhashable
        {"person_id": "someone"},  # two targets: the post-init check
        {"organisation_id": None},  # no target
        {"colour": "blue"},  # unknown key
    ],
)
def test_the_fast_paths_refuse_what_the_strict_path_refuses(change: dict[str, object]) -> None:
    record = {**_MENTION, **change}
    with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal sends it to the strict path
        _loading.build_all(icc.Mention, [record])
    assert _decode.decode(icc.Mention, json.dumps([record]).encode()) is None
    with pytest.raises(icc.CorpusFormatError, match=r"^mentions\.json: record 'd/m0', "):
        _loading._structure(icc.Mention, [record], "mentions.json")


def test_the_fast_paths_fill_defaults_and_drop_nothing() -> None:
    expected = icc.Mention("d/m0", "d", "NHS ", icc.Span(0, 4), organisation_id="nhs")
    (mention,) = _loading.build_all(icc.Mention, [_MENTION])
    assert mention == expected
    assert mention.basis is icc.Basis.STATED
    assert _decode.decode(icc.Mention, json.dumps([_MENTION]).encode()) == (expected,)
    missing = {k: v for k, v in _MENTION.items() if k != "text"}
    with pytest.raises(KeyError):
        _loading.build_all(icc.Mention, [missing])
    assert _decode.decode(icc.Mention, json.dumps([missing]).encode()) is None


@pytest.mark.parametrize(
    ("resource", "path"),
    [
        ("quotes", ["role", "span"]),  # three levels down
        ("quotes", ["role"]),
        ("documents", ["regions", 0]),
        ("documents", ["publisher"]),
        ("people", ["roles", 0, "span"]),
        ("comments", []),
    ],
)
def test_msgspec_refuses_an_unknown_field_at_any_depth(
    resource: str, path: list[str | int]
) -> None:
    cls = _resources.RESOURCE_TYPES[resource]
    records = json.loads((DATA / icc.versions()[-1] / f"{resource}.json").read_bytes())
    record = next(r for r in records if all(_has(r, path[: i + 1]) for i in range(len(path))))
    target = record
    for step in path:
        target = target[step]
    assert _decode.decode(cls, json.dumps([record]).encode()) is not None
    target["colour"] = "blue"
    assert _decode.decode(cls, json.dumps([record]).encode()) is None
    with pytest.raises(icc.CorpusFormatError, match="unknown field 'colour'"):
        _loading._structure(cls, [record], f"{resource}.json")


def _has(value: Any, path: list[str | int]) -> bool:
    for step in path:
        if isinstance(step, int):
            if not isinstance(value, list) or len(value) <= step:
                return False
        elif not isinstance(value, dict) or value.get(step) is None:
            return False
        value = value[step]
    return True


def test_the_msgspec_path_is_the_first_path_for_large_resources(tmp_path: Path) -> None:
    # With the [fast] extra (in the test dependencies), the loader hands msgspec the bytes
    # of every resource of FAST_FROM bytes or more, and the rest to the standard library;
    # a fresh interpreter, since this module's fixture switches msgspec off.
    folder = _generator().write(1_000, tmp_path)
    sizes = {name: (folder / f"{name}.json").stat().st_size for name in _resources.RESOURCE_TYPES}
    code = (
        "import integrated_care_corpus as icc\n"
        "from integrated_care_corpus import _decode, _loading\n"
        "calls, real = [], _decode.decode\n"
        "_decode.decode = lambda cls, data: calls.append(cls.__name__) or real(cls, data)\n"
        f"icc.load_path({str(folder)!r})\n"
        "print(_loading.FAST_FROM, _loading._decode is _loading.UNLOADED, *calls)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    threshold, *printed = out.stdout.split()
    large = [
        cls.__name__
        for name, cls in _resources.RESOURCE_TYPES.items()
        if sizes[name] >= int(threshold)
    ]
    assert large  # the generated corpus has resources on both sides of the threshold
    assert len(large) < len(sizes)
    assert printed == ["True", *large]
    calls: list[type[Any]] = []
    real = _decode.decode

    def spy(cls: type[Any], data: bytes) -> tuple[Any, ...] | None:
        calls.append(cls)
        return real(cls, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_loading, "_decode", _decode)  # undo this module's fixture
        patch.setattr(_loading, "_FAST", True)
        patch.setattr(_loading, "FAST_FROM", 0)
        patch.setattr(_decode, "decode", spy)
        icc.load_path(DATA / icc.versions()[-1])
    assert calls == list(_resources.RESOURCE_TYPES.values())


def test_region_lookup_by_bisection_agrees_with_a_scan() -> None:
    def region(kind: icc.RegionKind, start: int, end: int) -> icc.Region:
        return icc.Region(kind, icc.Span(start, end))

    doc = attrs.evolve(
        icc.load().documents[0],
        regions=(
            region(icc.RegionKind.HEADLINE, 0, 5),
            region(icc.RegionKind.BODY, 5, 10),
            region(icc.RegionKind.BODY, 10, 10),
            region(icc.RegionKind.NOTES, 12, 20),
        ),
    )
    checker = _checks._Checker(
        _resources.RecordSet(
            documents=(), quotes=(), comments=(), organisations=(), people=(), mentions=()
        )
    )
    for start in range(22):
        for end in range(start, 22):
            span = icc.Span(start, end)
            scanned = next((r.kind for r in doc.regions if r.span.contains(span)), None)
            assert checker.region_kind(doc, span) is scanned, span
    overlapping = attrs.evolve(doc, id="other", regions=(doc.regions[1], doc.regions[0]))
    assert checker.region_kind(overlapping, icc.Span(1, 2)) is None  # the caller scans


def test_a_cached_load_does_not_look_at_the_data_again(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = icc.load()

    def no_disk(*_: object) -> str:
        raise AssertionError("a cached load() resolved the version again")

    monkeypatch.setattr(_loading, "resolve_version", no_disk)
    assert icc.load() is corpus
    assert icc.load(corpus.version) is corpus


def test_the_committed_builders_match_the_record_classes() -> None:
    # Rewrite it with: python -m integrated_care_corpus._codegen > <that file>
    committed = (ROOT / "src" / "integrated_care_corpus" / "_builders.py").read_text("utf-8")
    assert committed == _codegen.generate_module()


def test_the_committed_structs_match_the_record_classes() -> None:
    # Rewrite it with: python -m integrated_care_corpus._codegen --structs > <that file>
    committed = (ROOT / "src" / "integrated_care_corpus" / "_structs.py").read_text("utf-8")
    assert committed == _codegen.generate_struct_module()


def test_the_package_version_is_what_importlib_metadata_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.metadata  # noqa: PLC0415 - compared with, not needed elsewhere

    from integrated_care_corpus._files import package_version  # noqa: PLC0415

    read = package_version.__wrapped__  # uncached
    assert read() == importlib.metadata.version("integrated-care-corpus")
    # An earlier folder on the path with other metadata wins, for both.
    dist = tmp_path / "integrated_care_corpus-9.8.7.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: integrated-care-corpus\nVersion: 9.8.7\n\nBody\n", "utf-8"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(tmp_path), *sys.path])
    assert read() == importlib.metadata.version("integrated-care-corpus") == "9.8.7"
    # Metadata without a version line, or a zip file on the path: importlib.metadata decides.
    (dist / "METADATA").write_text("Metadata-Version: 2.1\n\nVersion: 1.0.0\n", "utf-8")
    with warnings.catch_warnings():  # 3.13's importlib.metadata warns of the missing Version
        warnings.simplefilter("ignore", DeprecationWarning)
        assert read() == importlib.metadata.version("integrated-care-corpus")
    (dist / "METADATA").unlink()
    archive = tmp_path / "packages.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip file
    monkeypatch.setattr(sys, "path", [str(archive), *sys.path[2:]])
    assert read() == importlib.metadata.version("integrated-care-corpus")


@pytest.mark.parametrize("columns", ["123", "0", "wide", None])
def test_the_console_width_is_what_shutil_gives(
    columns: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil  # noqa: PLC0415 - compared with

    from integrated_care_corpus._console import terminal_columns  # noqa: PLC0415

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns(100) == shutil.get_terminal_size((100, 24)).columns
