"""The JSON Schemas: committed as generated, shipped, and true of every bundled file."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

import integrated_care_corpus as icc
from integrated_care_corpus import _schema
from integrated_care_corpus._cli import main as cli_main
from integrated_care_corpus._converter import converter
from integrated_care_corpus._resources import RESOURCE_TYPES

from . import strategies
from .conftest import DATA, ROOT

SCHEMA_DIR = ROOT / "src" / "integrated_care_corpus" / "schema"
FORMAT_DOC = ROOT / "docs" / "format.md"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_bytes())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _errors(name: str, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(name).iter_errors(instance)
    ]


def test_committed_schemas_equal_a_fresh_generation() -> None:
    fresh = _schema.generate()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert committed == fresh, "stale schemas: run `integrated-care-corpus schema`"


def test_the_format_reference_is_fresh() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    assert _schema.splice_reference(text) == text, (
        "docs/format.md is stale: run `integrated-care-corpus schema`"
    )


def test_there_is_a_schema_for_every_resource_and_the_manifest() -> None:
    names = {p.name for p in SCHEMA_DIR.glob("*.schema.json")}
    assert names == {
        *(f"{n}.schema.json" for n in RESOURCE_TYPES),
        "tombstones.schema.json",
        "manifest.schema.json",
    }
    for name in names:
        Draft202012Validator.check_schema(json.loads((SCHEMA_DIR / name).read_bytes()))


def test_every_record_field_is_in_its_schema() -> None:
    for name, cls in RESOURCE_TYPES.items():
        schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_bytes())
        definition = schema["$defs"][cls.__name__]
        assert list(definition["properties"]) == [f.name for f in cls.__attrs_attrs__]
        assert definition["additionalProperties"] is False


@pytest.mark.parametrize("version", icc.versions())
def test_every_bundled_file_validates(version: str) -> None:
    manifest = json.loads((DATA / version / "manifest.json").read_bytes())
    assert _errors("manifest", manifest) == []
    for file in manifest["resources"]:
        name = file.removesuffix(".json")
        records = json.loads((DATA / version / file).read_bytes())
        assert records, f"{version}/{file} is empty"
        assert _errors(name, records) == [], f"{version}/{file}"


@pytest.fixture(scope="module")
def quotes() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads((DATA / "1.0.0" / "quotes.json").read_bytes())
    return loaded


def _broken(records: list[dict[str, Any]], **fields: object) -> list[dict[str, Any]]:
    out = copy.deepcopy(records[:1])
    for key, value in fields.items():
        if value is KeyError:
            del out[0][key]
        else:
            out[0][key] = value
    return out


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"span": {"start": "12", "end": 40}}, "0/span/start: '12' is not of type 'integer'"),
        ({"span": {"start": -1, "end": 40}}, "0/span/start: -1 is less than the minimum of 0"),
        ({"kind": "indirect"}, "0/kind: 'indirect' is not one of ['direct', 'partial']"),
        ({"speaker": KeyError}, "0: 'speaker' is a required property"),
        ({"colour": "red"}, "0: Additional properties are not allowed ('colour' was unexpected)"),
        ({"person_id": 7}, "0/person_id: 7 is not of type 'string', 'null'"),
    ],
)
def test_an_invalid_quote_fails_validation(
    quotes: list[dict[str, Any]], fields: dict[str, object], expected: str
) -> None:
    assert _errors("quotes", quotes[:1]) == []
    assert _errors("quotes", _broken(quotes, **fields)) == [expected]


def test_invalid_documents_mentions_and_manifests_fail() -> None:
    docs = json.loads((DATA / "1.0.0" / "documents.json").read_bytes())
    doc = copy.deepcopy(docs[0])
    doc["published"]["date"] = "2012-13-45"
    assert _errors("documents", [doc]) == ["0/published/date: '2012-13-45' is not a 'date'"]
    mentions = json.loads((DATA / "1.0.0" / "mentions.json").read_bytes())
    both = {**mentions[0], "person_id": "chris-ham"}
    assert _errors("mentions", [both])
    neither = {**mentions[0], "organisation_id": None}
    assert _errors("mentions", [neither])
    manifest = json.loads((DATA / "1.0.0" / "manifest.json").read_bytes())
    del manifest["resources"]["quotes.json"]
    assert _errors("manifest", manifest) == ["resources: 'quotes.json' is a required property"]


_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "documents": strategies.documents,
    "quotes": strategies.quotes,
    "comments": strategies.comments,
    "organisations": strategies.organisations,
    "people": strategies.people,
    "mentions": strategies.mentions,
}


@pytest.mark.parametrize("name", sorted(RESOURCE_TYPES))
def test_whatever_the_package_writes_the_schema_accepts(name: str) -> None:
    validator = _validator(name)

    @given(_STRATEGIES[name])
    def check(record: Any) -> None:
        raw = json.loads(json.dumps(converter.unstructure(record)))
        # Country and SHA-256 patterns are the loader's checks, not the type's.
        if name == "organisations":
            raw["country"] = "GB"
        errors = [e.message for e in validator.iter_errors([raw])]
        assert errors == []

    check()


def test_the_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "format.md"
    docs.write_text(f"intro\n{_schema.BEGIN}\nold\n{_schema.END}\noutro\n", encoding="utf-8")
    out = tmp_path / "schema"
    out.mkdir()
    (out / "retired.schema.json").write_text("{}", encoding="utf-8")
    assert cli_main(["schema", "--out", str(out), "--docs", str(docs)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == sorted(_schema.generate())
    text = docs.read_text(encoding="utf-8")
    assert text.startswith("intro\n<!-- BEGIN")
    assert text.endswith("-->\noutro\n")
    assert "| `speaker` | string | yes |" in text
    docs.write_text("no markers", encoding="utf-8")
    with pytest.raises(icc.CorpusFormatError, match="the reference markers are missing"):
        _schema.write(out, docs)


def _snippet(language: str) -> str:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    match = re.search(rf"```{language}\n(.*?)```", text, re.DOTALL)
    assert match, f"no {language} block in docs/format.md"
    return match.group(1)


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_the_jq_example_runs() -> None:
    result = subprocess.run(
        ["bash", "-c", _snippet("sh")],
        cwd=DATA / "1.0.0",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        "cipfa-2012-01-05-ministers-must-prioritise-integration/q9",
        "pulse-undated-nhs-fully-integrated-by-2018/q8",
        "pulse-undated-nhs-fully-integrated-by-2018/q9",
    ]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_javascript_example_runs() -> None:
    result = subprocess.run(
        ["node", "-e", _snippet("js")],
        cwd=DATA / "1.0.0",
        capture_output=True,
        text=True,
        check=True,
    )
    text = FORMAT_DOC.read_text(encoding="utf-8")
    expected = re.search(r"prints every mention.*?```text\n(.*?)```", text, re.DOTALL)
    assert expected
    assert result.stdout == expected.group(1)
