"""A curated corpus of UK writing on integrated health and social care.

Load it with :func:`load`; every record type is a frozen attrs class, and
every record that comes from a stretch of text carries a span into its
document's exact source text.

>>> import integrated_care_corpus as icc
>>> corpus = icc.load()
>>> corpus.organisation("nuffield trust").name
'Nuffield Trust'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _hooks
from ._records import (
    Basis,
    Comment,
    Document,
    DocumentKind,
    Excerpt,
    Mention,
    Organisation,
    OrganisationKind,
    Person,
    PublicationDate,
    Publisher,
    Quote,
    QuoteKind,
    RecordKind,
    Region,
    RegionKind,
    Role,
    Source,
    Span,
    Tombstone,
    Topic,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ._citation import citation
    from ._combine import AllOf, AnyOf, all_of, any_of
    from ._corpus import Corpus
    from ._diff import CorpusDiff, FieldChange, RecordChange, RecordDiff, diff
    from ._draft import draft
    from ._errors import (
        AmbiguousNameError,
        CorpusError,
        CorpusFormatError,
        CorpusIntegrityError,
        CorpusReferenceError,
        ExportError,
        MissingExtraError,
        RemovedRecordError,
        UnknownRecordError,
        UnknownVersionError,
    )
    from ._extract import Candidate, KnownNames, extract
    from ._loading import load, load_path, versions
    from ._query import CorpusQueries
    from ._results import CoMention, DocumentContents, Results, Statement
    from ._score import (
        Accuracy,
        PrecisionRecall,
        PredictionError,
        ScoreCard,
        Scores,
        prediction_schema,
        score,
    )
    from ._search import Hit

    #: The newest bundled corpus version: the one ``load()`` returns.
    CORPUS_VERSION: str

__all__ = [
    "CORPUS_VERSION",
    "Accuracy",
    "AllOf",
    "AmbiguousNameError",
    "AnyOf",
    "Basis",
    "Candidate",
    "CoMention",
    "Comment",
    "Corpus",
    "CorpusDiff",
    "CorpusError",
    "CorpusFormatError",
    "CorpusIntegrityError",
    "CorpusQueries",
    "CorpusReferenceError",
    "Document",
    "DocumentContents",
    "DocumentKind",
    "Excerpt",
    "ExportError",
    "FieldChange",
    "Hit",
    "KnownNames",
    "Mention",
    "MissingExtraError",
    "Organisation",
    "OrganisationKind",
    "Person",
    "PrecisionRecall",
    "PredictionError",
    "PublicationDate",
    "Publisher",
    "Quote",
    "QuoteKind",
    "RecordChange",
    "RecordDiff",
    "RecordKind",
    "Region",
    "RegionKind",
    "RemovedRecordError",
    "Results",
    "Role",
    "ScoreCard",
    "Scores",
    "Source",
    "Span",
    "Statement",
    "Tombstone",
    "Topic",
    "UnknownRecordError",
    "UnknownVersionError",
    "all_of",
    "any_of",
    "citation",
    "diff",
    "draft",
    "extract",
    "load",
    "load_path",
    "prediction_schema",
    "score",
    "versions",
]

# The errors, cattrs, JSON parsing and resource reading are imported on first use, so that
# ``import integrated_care_corpus`` costs little more than ``import attrs``.
_LAZY = {
    **dict.fromkeys(
        (
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
        ),
        "._errors",
    ),
    "Accuracy": "._score",
    "Candidate": "._extract",
    "KnownNames": "._extract",
    "PrecisionRecall": "._score",
    "PredictionError": "._score",
    "ScoreCard": "._score",
    "Scores": "._score",
    "draft": "._draft",
    "extract": "._extract",
    "score": "._score",
    "prediction_schema": "._score",
    "citation": "._citation",
    "AllOf": "._combine",
    "AnyOf": "._combine",
    "all_of": "._combine",
    "any_of": "._combine",
    "CoMention": "._results",
    "Corpus": "._corpus",
    "CorpusQueries": "._query",
    "DocumentContents": "._results",
    "Hit": "._search",
    "Results": "._results",
    "Statement": "._results",
    "CorpusDiff": "._diff",
    "FieldChange": "._diff",
    "RecordChange": "._diff",
    "RecordDiff": "._diff",
    "diff": "._diff",
    "load": "._loading",
    "load_path": "._loading",
    "versions": "._loading",
}


def _render_html(value: object) -> str:
    from ._html import render  # noqa: PLC0415 - the tools layer, on first use

    return render(value)


def _write_site(corpus: Corpus, directory: Path) -> list[Path]:
    from ._site import write_site  # noqa: PLC0415 - the tools layer, on first use

    return write_site(corpus, directory)


# Records, results and the Corpus render through these (see ``_hooks``): this
# module sits above every layer, so it is the one place that may hand the tools
# layer's functions down.
_hooks.provide(_render_html, _write_site)


def __getattr__(name: str) -> Any:  # noqa: ANN401 - returns whatever is asked for
    """Import the heavier parts, and read ``__version__``, only when asked."""
    if name == "__version__":
        from ._files import package_version  # noqa: PLC0415 - lazy on purpose

        return package_version()
    if name == "CORPUS_VERSION":
        from ._loading import corpus_version  # noqa: PLC0415 - lazy on purpose

        return corpus_version()
    if name in _LAZY:
        import importlib  # noqa: PLC0415 - lazy on purpose

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """List the public names, including the lazily imported ones."""
    return [*__all__, "__version__"]
