"""Records compare, hash and show themselves exactly as attrs-made twins do.

The record classes share one hand-written ``__eq__``, ``__hash__`` and
``__repr__`` (see ``_records.py``) instead of the ones attrs would generate. The
reference is attrs itself: for every record type, a twin class that attrs
makes with the same fields and the same per-field ``eq``, ``hash`` and
``repr`` flags. Hypothesis draws records and near-copies of them (some fields
taken from a second record), and every answer of the package's methods must
be the answer of the twin's.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

import integrated_care_corpus as icc
from integrated_care_corpus import _records

from . import strategies

Record = Any

STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    icc.Span: strategies.spans(),
    icc.Source: st.builds(
        icc.Source,
        file=strategies.texts,
        sha256=st.from_regex(r"[0-9a-f]{4}", fullmatch=True),
    ),
    icc.PublicationDate: strategies.dates,
    icc.Publisher: strategies.documents.map(lambda d: d.publisher),
    icc.Region: st.builds(
        icc.Region, kind=st.sampled_from(icc.RegionKind), span=strategies.spans()
    ),
    icc.Role: strategies.roles,
    icc.Excerpt: strategies.excerpts,
    icc.Document: strategies.documents,
    icc.Quote: strategies.quotes,
    icc.Comment: strategies.comments,
    icc.Organisation: strategies.organisations,
    icc.Person: strategies.people,
    icc.Mention: strategies.mentions,
}

#: Every public class that uses the shared methods: these are what must match attrs.
RECORD_TYPES = sorted(
    (
        value
        for name in icc.__all__
        if isinstance(value := getattr(icc, name), type)
        and getattr(value, "__eq__", None) is _records._eq
    ),
    key=lambda cls: cls.__name__,
)

_TWINS: dict[type[Any], type[Any]] = {}


def _twin_class(cls: type[Any]) -> type[Any]:
    """An attrs-made class with ``cls``'s fields and flags, and attrs' own methods."""
    twin = _TWINS.get(cls)
    if twin is None:
        fields = {a.name: attrs.field(eq=a.eq, hash=a.hash, repr=a.repr) for a in attrs.fields(cls)}
        twin = _TWINS[cls] = attrs.make_class(
            cls.__name__, fields, frozen=True, slots=True, order=False
        )
    return twin


def twin(record: Record) -> Any:
    """The attrs-made twin of ``record``: the same field values, attrs' methods."""
    cls = type(record)
    names = [a.name for a in attrs.fields(cls)]
    return _twin_class(cls)(**{name: getattr(record, name) for name in names})


def _fields(record: Record) -> list[str]:
    return [a.name for a in attrs.fields(type(record))]


@st.composite
def record_pairs(draw: st.DrawFn) -> tuple[Record, Record]:
    """A record and a near-copy: equal, or differing in some of its fields.

    The copy is rebuilt from field values (a new object, never the record
    itself), with each field either kept or taken from a second record of the
    same type, so most pairs differ in one or two fields only.
    """
    cls = draw(st.sampled_from(RECORD_TYPES))
    first, second = draw(STRATEGIES[cls]), draw(STRATEGIES[cls])
    taken = draw(st.sets(st.sampled_from(_fields(first)), max_size=2))
    values = {name: getattr(second if name in taken else first, name) for name in _fields(first)}
    try:
        other = cls(**values)
    except ValueError:  # the mixed values break a rule (end before start, two targets)
        reject()
    return first, other


def test_every_record_type_has_a_strategy() -> None:
    assert RECORD_TYPES, "no class uses the shared methods"
    assert set(RECORD_TYPES) == set(STRATEGIES)


@given(pair=record_pairs())
def test_eq_and_ne_are_attrs(pair: tuple[Record, Record]) -> None:
    a, b = pair
    assert (a == b) is (twin(a) == twin(b))
    assert (a != b) is (twin(a) != twin(b))
    assert (b == a) is (twin(b) == twin(a))
    assert a == type(a)(**{name: getattr(a, name) for name in _fields(a)})


@given(pair=record_pairs())
def test_hash_is_attrs(pair: tuple[Record, Record]) -> None:
    a, b = pair
    # attrs salts its hash per class, so the numbers differ; what they tell apart may not.
    assert (hash(a) == hash(b)) is (hash(twin(a)) == hash(twin(b)))
    rebuilt = type(a)(**{name: getattr(a, name) for name in _fields(a)})
    assert rebuilt is not a
    assert hash(rebuilt) == hash(a)


@given(pair=record_pairs())
def test_sets_and_dicts_of_records_are_attrs(pair: tuple[Record, Record]) -> None:
    a, b = pair
    assert len({a, b}) == len({twin(a), twin(b)})
    assert ({a: 1} | {b: 2})[a] == ({twin(a): 1} | {twin(b): 2})[twin(a)]


@given(record=st.one_of(*(STRATEGIES[cls] for cls in RECORD_TYPES)))
def test_repr_is_attrs(record: Record) -> None:
    if vars(type(record)).get("__repr__") is not _records._repr:
        # Document keeps its own one-line repr: its text is too long to show.
        assert type(record) is icc.Document
        return
    assert repr(record) == repr(twin(record))


@given(record=st.one_of(*(STRATEGIES[cls] for cls in RECORD_TYPES)))
def test_records_of_other_classes_are_never_equal(record: Record) -> None:
    other = twin(record)
    assert record.__eq__(other) is NotImplemented
    assert other.__eq__(record) is NotImplemented
    assert record != other
    assert (record == other) is False
    assert record.__eq__(attrs.astuple(record, recurse=False)) is NotImplemented


def test_distinct_bundled_records_hash_apart(corpus: icc.Corpus) -> None:
    # A constant hash keeps == working but puts every record in one bucket.
    records: list[object] = [
        *corpus.quotes,
        *corpus.comments,
        *corpus.mentions,
        *corpus.organisations,
        *corpus.people,
        *corpus.documents,
    ]
    assert len({hash(r) for r in records}) == len(set(records)) == len(records)


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda cls: cls.__name__)
def test_records_are_frozen_slotted_and_unordered_as_attrs_makes_them(cls: type[Any]) -> None:
    reference = _twin_class(cls)
    assert "__slots__" in vars(cls)
    assert "__slots__" in vars(reference)
    assert vars(cls)["__setattr__"] is not vars(object)["__setattr__"]
    for method in ("__lt__", "__le__", "__gt__", "__ge__"):
        assert getattr(cls, method) is getattr(object, method)
        assert getattr(reference, method) is getattr(object, method)


def test_records_carry_no_weakref_slot_as_msgspec_structs_carry_none() -> None:
    # Eight bytes a record, 1,347,000 records in a corpus of 100,000 quotes: the
    # retained-memory goal against msgspec (docs/performance.md) depends on it.
    import weakref  # noqa: PLC0415 - only here

    classes = [
        cls
        for cls in vars(_records).values()
        if attrs.has(cls) and cls.__module__ == _records.__name__
    ]
    assert set(RECORD_TYPES) <= set(classes)
    for cls in classes:
        assert "__weakref__" not in vars(cls)["__slots__"], cls
    quote = icc.load().quotes[0]
    with pytest.raises(TypeError, match="weak reference"):
        weakref.ref(quote)
