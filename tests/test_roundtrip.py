"""Every record type survives unstructure -> JSON -> structure unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrated_care_corpus._converter import converter
from integrated_care_corpus._resources import RESOURCE_TYPES

from . import strategies

STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "documents": strategies.documents,
    "quotes": strategies.quotes,
    "comments": strategies.comments,
    "organisations": strategies.organisations,
    "people": strategies.people,
    "mentions": strategies.mentions,
}


@pytest.mark.parametrize("name", sorted(RESOURCE_TYPES))
def test_roundtrip(name: str) -> None:
    cls = RESOURCE_TYPES[name]

    @given(STRATEGIES[name])
    def check(record: Any) -> None:
        raw = json.loads(json.dumps(converter.unstructure(record)))
        assert converter.structure(raw, cls) == record

    check()


def test_bundled_records_roundtrip(corpus: Any) -> None:
    for name, cls in RESOURCE_TYPES.items():
        for record in getattr(corpus, name):
            assert converter.structure(converter.unstructure(record), cls) == record
