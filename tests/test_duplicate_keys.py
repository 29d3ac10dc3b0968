"""The cheap proof that no JSON object repeats a key, on which the fast paths rest.

msgspec and orjson keep the last of a repeated key without a word, so the
loader counts colons in the bytes and in what the parser read, written back
(``_rules.keys_are_unique``). These tests hold the proof sound (it never
says "unique" of bytes with a repeated key, whatever the whitespace, the
escapes or the nesting) and useful (it proves the resources the build writes,
and resources that leave out fields with defaults, without a second parse).
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import msgspec
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import integrated_care_corpus as icc
from integrated_care_corpus import _decode, _loading, _resources
from integrated_care_corpus._rules import keys_are_unique

from .conftest import DATA

# --- soundness: JSON written with repeated keys, however spaced and escaped ------

_TEXT = st.text(alphabet=st.sampled_from('ab:" \\\u00e9\n'), max_size=6)
_KEYS = st.sampled_from(["a", "b", "a:b", 'q"', "c d"])
_SPACES = st.sampled_from(["", " ", "\n ", "\t"])


def _values(depth: int) -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), _TEXT)
    if depth == 0:
        return scalars
    inner = _values(depth - 1)
    pairs = st.lists(st.tuples(_KEYS, inner), max_size=4)
    return st.one_of(scalars, st.lists(inner, max_size=3), pairs.map(_Pairs))


@attrs.frozen
class _Pairs:
    """A JSON object as written: its pairs in order, repeats allowed."""

    pairs: list[tuple[str, Any]]


def _string(text: str, escape: bool) -> str:  # noqa: FBT001 - drawn
    written = json.dumps(text, ensure_ascii=escape)
    return written.replace(":", "\\u003a") if escape and ":" in text and len(text) % 2 else written


@st.composite
def _written(draw: st.DrawFn) -> tuple[bytes, bool]:
    """JSON bytes, and whether any object in them repeats a key."""
    value = draw(_values(3))
    repeated = False

    def write(node: Any) -> str:
        nonlocal repeated
        if isinstance(node, _Pairs):
            keys = [k for k, _ in node.pairs]
            repeated |= len(set(keys)) != len(keys)
            before, after = draw(_SPACES), draw(_SPACES)
            items = [
                f"{_string(k, draw(st.booleans()))}{before}:{after}{write(v)}"
                for k, v in node.pairs
            ]
            return "{" + ",".join(items) + "}"
        if isinstance(node, list):
            return "[" + ", ".join(map(write, node)) + "]"
        if isinstance(node, str):
            return _string(node, draw(st.booleans()))
        return json.dumps(node)

    return write(value).encode(), repeated


@given(_written())
def test_the_proof_never_calls_repeated_keys_unique(written: tuple[bytes, bool]) -> None:
    data, repeated = written
    for reencoded in (orjson.dumps(orjson.loads(data)), msgspec.json.encode(json.loads(data))):
        if repeated:
            assert not keys_are_unique(data, reencoded)


@given(_written())
def test_the_proof_proves_unique_keys_unless_a_colon_is_escaped(
    written: tuple[bytes, bool],
) -> None:
    data, repeated = written
    if not repeated and b"\\u003a" not in data:
        assert keys_are_unique(data, orjson.dumps(orjson.loads(data)))


# --- usefulness: the fast path proves the resources it reads, in one pass --------


def _resource(name: str) -> tuple[type[Any], bytes]:
    folder = DATA / icc.versions()[-1]
    return _resources.RESOURCE_TYPES[name], (folder / f"{name}.json").read_bytes()


@pytest.mark.parametrize("name", sorted(_resources.RESOURCE_TYPES))
def test_msgspec_proves_each_bundled_resource_without_a_second_parse(name: str) -> None:
    cls, data = _resource(name)
    records = _decode.decode(cls, data)
    assert records is not None
    assert records == _loading.build_all(cls, json.loads(data))


def _without_defaults(cls: type[Any], value: Any) -> Any:
    """``value`` (a record of ``cls`` as JSON) with every field at its default left out."""
    if not attrs.has(cls) or not isinstance(value, dict):
        return value
    attrs.resolve_types(cls)
    out = {}
    for field in attrs.fields(cls):
        raw = value[field.name]
        if field.default is not attrs.NOTHING and raw == _plain(field.default):
            continue
        inner = field.type
        for arg in getattr(inner, "__args__", ()):
            if attrs.has(arg):
                inner = arg
        if isinstance(raw, list):
            raw = [_without_defaults(inner, item) for item in raw]
        out[field.name] = _without_defaults(inner, raw)
    return out


def _plain(default: Any) -> Any:
    return list(default) if isinstance(default, tuple) else getattr(default, "value", default)


@pytest.mark.parametrize("name", ["quotes", "people", "mentions", "organisations"])
def test_a_resource_that_leaves_out_defaults_is_proven_in_one_pass(name: str) -> None:
    cls, data = _resource(name)
    raw = [_without_defaults(cls, record) for record in json.loads(data)]
    shorter = json.dumps(raw, indent=1, ensure_ascii=False).encode()
    assert shorter.count(b":") < data.count(b":")  # fields really left out
    records = _decode.decode(cls, shorter)
    assert records is not None
    assert records == _loading.build_all(cls, json.loads(data))


@pytest.mark.parametrize("spaced", [b'"start" : -5, "start": ', b'"start": -5,\n "start" : '])
def test_a_repeated_key_with_spaces_before_its_colon_is_left_to_the_exact_parse(
    spaced: bytes,
) -> None:
    cls, data = _resource("mentions")
    data = data.replace(b'"start": ', spaced, 1)
    assert _decode.decode(cls, data) is None
