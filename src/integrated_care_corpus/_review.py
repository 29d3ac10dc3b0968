"""Review marks: what a machine proposed in a curation file, until a curator checks it.

``integrated-care-corpus draft`` writes a curation file in which every
entry it guessed carries a ``review`` key saying what to check. A curator
checks the entry against the text, corrects it, and deletes the key; the
build refuses a file that still has one, so no guess reaches a release
unseen.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["REVIEW_KEY", "review_marks", "without_review_marks"]

#: The key that marks an entry as proposed by a machine and not yet checked.
REVIEW_KEY = "review"


def review_marks(spec: Mapping[str, Any], path: str = "") -> Iterator[tuple[str, str]]:
    """Yield ``(key path, message)`` for every review mark in a parsed TOML document.

    Key paths read as TOML does: ``review``, ``publisher.review``,
    ``quotes[2].review`` (0-based, as the build's other messages count).

    >>> list(review_marks({"quotes": [{"id": "q1"}, {"id": "q2", "review": "check"}]}))
    [('quotes[1].review', 'check')]
    """
    for key, value in spec.items():
        where = f"{path}.{key}" if path else key
        if key == REVIEW_KEY:
            yield where, str(value)
        elif isinstance(value, Mapping):
            yield from review_marks(value, where)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield from review_marks(item, f"{where}[{i}]")


def without_review_marks(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Return a copy of a parsed TOML document with every review mark removed.

    >>> without_review_marks({"review": "x", "quotes": [{"id": "q1", "review": "y"}]})
    {'quotes': [{'id': 'q1'}]}
    """
    out: dict[str, Any] = {}
    for key, value in spec.items():
        if key == REVIEW_KEY:
            continue
        if isinstance(value, Mapping):
            out[key] = without_review_marks(value)
        elif isinstance(value, list):
            out[key] = [
                without_review_marks(item) if isinstance(item, Mapping) else item for item in value
            ]
        else:
            out[key] = value
    return out
