"""The package's own exceptions: one hierarchy, each message names where and what."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "CorpusError",
    "CorpusFormatError",
    "CorpusIntegrityError",
    "CorpusReferenceError",
    "UnknownRecordError",
    "UnknownVersionError",
]


class CorpusError(Exception):
    """Base class of every error the package raises about corpus data."""


class CorpusFormatError(CorpusError):
    """A resource is not in the expected format: bad JSON, wrong type, unknown field."""


class CorpusIntegrityError(CorpusError):
    """A resource does not match its checksum, or a span does not match its text."""


class CorpusReferenceError(CorpusError):
    """A record points at an id that does not exist, or an id is not unique."""


class UnknownVersionError(CorpusError, LookupError):
    """No bundled corpus has the requested version."""


class UnknownRecordError(CorpusError, KeyError):
    """A lookup found no record; the message suggests close matches.

    Attributes:
        key: What was looked up.
        kind: The kind of record looked for (``"document"``, ...).
        suggestions: Close matches, best first.
    """

    def __init__(self, kind: str, key: str, candidates: Iterable[str]) -> None:
        """Build the message from the key and the candidate names."""
        self.key = key
        self.kind = kind
        self.suggestions = tuple(
            difflib.get_close_matches(key, list(candidates), n=3, cutoff=0.5)
        )
        super().__init__(key)

    def __str__(self) -> str:
        """Return the message (KeyError would otherwise show only the repr)."""
        msg = f"no {self.kind} {self.key!r}"
        if self.suggestions:
            return msg + "; did you mean " + " or ".join(map(repr, self.suggestions)) + "?"
        return msg
