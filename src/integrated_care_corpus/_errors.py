"""The package's own exceptions: one hierarchy, each message names where and what."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = [
    "AmbiguousNameError",
    "CorpusError",
    "CorpusFormatError",
    "CorpusIntegrityError",
    "CorpusReferenceError",
    "ExportError",
    "MissingExtraError",
    "RemovedRecordError",
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


class ExportError(CorpusError):
    """An export cannot be written where asked; nothing was written or changed."""


class UnknownVersionError(CorpusError, LookupError):
    """No bundled corpus has the requested version."""


class UnknownRecordError(CorpusError, KeyError):
    """A lookup found no record; the message suggests close matches.

    Attributes:
        key: What was looked up.
        kind: The kind of record looked for (``"document"``, ...).
        suggestions: Close matches, best first, at most three.
        hint: What to do instead, when the package can tell (``None`` otherwise).
    """

    hint: str | None = None

    def __init__(self, kind: str, key: str, candidates: Iterable[str] | Mapping[str, str]) -> None:
        """Build the message from the key and the candidates.

        Args:
            kind: The kind of record looked for.
            key: What was looked up.
            candidates: Names to match the key against, or a mapping from each
                name (already folded, say) to the label to suggest for it, so
                that a record known by several names is suggested once.
        """
        self.key = key
        self.kind = kind
        labels = dict(candidates) if isinstance(candidates, Mapping) else {c: c for c in candidates}
        probe = key.casefold() if isinstance(candidates, Mapping) else key
        import difflib  # noqa: PLC0415 - only a failed lookup needs it

        matches = difflib.get_close_matches(probe, list(labels), n=8, cutoff=0.6)
        self.suggestions = tuple(dict.fromkeys(labels[m] for m in matches))[:3]
        super().__init__(key)

    def __str__(self) -> str:
        """Return the message (KeyError would otherwise show only the repr)."""
        msg = f"no {self.kind} {self.key!r}"
        if self.suggestions:
            msg += "; did you mean " + " or ".join(self.suggestions) + "?"
        if self.hint:
            msg += f" ({self.hint})"
        return msg


_PLURALS = {"person": "people", "organisation": "organisations", "document": "documents"}


class AmbiguousNameError(UnknownRecordError):
    """A name fits several records; the message lists them.

    Attributes:
        key: The name looked up.
        kind: The kind of record looked for (``"person"``, ...).
        candidates: The records it fits, as ``"Name (id)"`` labels, in corpus order.
        suggestions: The same labels.
        hint: How to choose, when there is more to say than "give more of the name".
    """

    def __init__(self, kind: str, key: str, candidates: Iterable[str]) -> None:
        """Keep the candidates.

        Args:
            kind: The kind of record looked for.
            key: The name looked up.
            candidates: Labels of the records it fits.
        """
        super().__init__(kind, key, ())
        self.candidates = tuple(candidates)
        self.suggestions = self.candidates

    def __str__(self) -> str:
        """Return the name and every record it fits."""
        hint = self.hint or "give more of the name, or an id"
        noun = _PLURALS.get(self.kind, "records")
        return (
            f"{self.key!r} fits {len(self.candidates)} {noun}: "
            + "; ".join(self.candidates)
            + f"; {hint}"
        )


class RemovedRecordError(UnknownRecordError):
    """A lookup asked for an id that an earlier corpus version had and this one removed.

    Attributes:
        key: What was looked up.
        kind: The kind of record looked for (``"quote"``, ...).
        removed_in: The first corpus version without the record.
        replaced_by: The id that replaces it, or ``None``.
        note: Why it was removed, if the corpus says.
        suggestions: Always empty: the replacement, if any, is ``replaced_by``.
    """

    def __init__(
        self, kind: str, key: str, removed_in: str, replaced_by: str | None, note: str | None
    ) -> None:
        """Record where the id went.

        Args:
            kind: The kind of record looked for.
            key: The removed id.
            removed_in: The first corpus version without it.
            replaced_by: The id that replaces it, if any.
            note: Why it was removed, if known.
        """
        super().__init__(kind, key, ())
        self.removed_in = removed_in
        self.replaced_by = replaced_by
        self.note = note

    def __str__(self) -> str:
        """Return which version removed the record and what replaced it."""
        msg = f"{self.kind} {self.key!r} was removed in corpus {self.removed_in}"
        msg += (
            f" and replaced by {self.replaced_by!r}"
            if self.replaced_by
            else "; nothing replaced it"
        )
        return msg + (f" ({self.note})" if self.note else "")


class MissingExtraError(ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    Attributes:
        module: The module that could not be imported (``"pandas"``).
        extra: The extra that installs it (``"pandas"``, ``"arrow"``).
    """

    def __init__(self, module: str, extra: str, purpose: str) -> None:
        """Say what needs the module and how to install it."""
        self.module = module
        self.extra = extra
        super().__init__(
            f"{purpose} need {module.partition('.')[0]}, which is not installed; "
            f'install the extra: pip install "integrated-care-corpus[{extra}]"',
            name=module,
        )


for _cls in (
    AmbiguousNameError,
    CorpusError,
    CorpusFormatError,
    CorpusIntegrityError,
    CorpusReferenceError,
    ExportError,
    UnknownVersionError,
    UnknownRecordError,
    RemovedRecordError,
    MissingExtraError,
):
    _cls.__module__ = "integrated_care_corpus"
