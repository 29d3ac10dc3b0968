"""How to cite the corpus: the citation in ``CITATION.cff``, as text or BibTeX.

The fields here are the ones ``CITATION.cff`` gives; a test parses that file
and checks that the two agree, so change both together. The version cited is
a corpus (data) version, by default the newest bundled one.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = [
    "ABSTRACT",
    "AUTHOR",
    "DATE_RELEASED",
    "KEYWORDS",
    "MESSAGE",
    "TITLE",
    "TYPE",
    "citation",
    "citation_cff",
]

#: The dataset's title, as ``CITATION.cff`` gives it.
TITLE = (
    "integrated-care-corpus: a curated corpus of UK writing on integrated health and social care"
)
#: The author, an entity rather than a person.
AUTHOR = "The integrated-care-corpus maintainers"
#: ``CITATION.cff``'s ``type``.
TYPE = "dataset"
#: ``CITATION.cff``'s ``date-released`` (``YYYY-MM-DD``), once a release sets it.
DATE_RELEASED: str | None = None
#: ``CITATION.cff``'s ``message``.
MESSAGE = "If you use this corpus, please cite it as below, with the corpus version you used."
#: ``CITATION.cff``'s ``abstract``.
ABSTRACT = (
    "Five web pages of UK writing on integrated health and social care (press "
    "releases, news articles and a blog post; two are dated, 2010 and 2012, "
    "and three undated), with every "
    "quoted statement, every reader comment, and every organisation and person "
    "they name, as typed Python records. Every record that comes from the text "
    "carries a character span into its document's exact source text. Code and "
    "annotations are MIT-licensed; the source texts remain the copyright of "
    "their publishers and writers."
)
#: ``CITATION.cff``'s ``keywords``.
KEYWORDS = (
    "corpus",
    "integrated care",
    "health and social care",
    "NHS",
    "quotations",
    "dataset",
)


def citation_cff(version: str) -> str:
    """Return a ``CITATION.cff`` (Citation File Format 1.2.0) for one corpus version.

    It carries the fields of the project's own ``CITATION.cff``, with
    ``version`` the corpus version given; exports write it into their folder.
    """
    import textwrap  # noqa: PLC0415 - only exports need it

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    abstract = textwrap.fill(ABSTRACT, width=76, initial_indent="  ", subsequent_indent="  ")
    lines = [
        "cff-version: 1.2.0",
        f"message: {quoted(MESSAGE)}",
        f"type: {TYPE}",
        f"title: {quoted(TITLE)}",
        f"version: {quoted(version)}",
        *([f"date-released: {DATE_RELEASED}"] if DATE_RELEASED else []),
        "authors:",
        f"  - name: {quoted(AUTHOR)}",
        "abstract: >-",
        abstract,
        "keywords:",
        *(f"  - {quoted(k)}" for k in KEYWORDS),
    ]
    return "\n".join(lines) + "\n"


def citation(style: Literal["text", "bibtex"] = "text", *, version: str | None = None) -> str:
    """Return how to cite the corpus, as plain text or as a BibTeX entry.

    Both give the citation in ``CITATION.cff``, for the corpus version you
    used: cite the version your analysis loaded.

    Args:
        style: ``"text"`` for a reference to paste into prose, ``"bibtex"``
            for a BibTeX ``@misc`` entry.
        version: A bundled corpus version (``"1.0.0"``, or a prefix such as
            ``"1"``, as :func:`load` takes), or ``None`` for the newest.

    Raises:
        ValueError: ``style`` is neither ``"text"`` nor ``"bibtex"``.
        UnknownVersionError: No bundled corpus version matches ``version``.

    >>> import integrated_care_corpus as icc
    >>> "(Version 1.0.0) [Data set]" in icc.citation(version="1.0.0")
    True
    """
    if style not in ("text", "bibtex"):
        msg = f"unknown citation style {style!r}; expected 'text' or 'bibtex'"
        raise ValueError(msg)
    from ._loading import resolve_version  # noqa: PLC0415 - lazy on purpose

    resolved = resolve_version(version)
    year = DATE_RELEASED[:4] if DATE_RELEASED else None
    if style == "text":
        return f"{AUTHOR} ({year or 'n.d.'}). {TITLE} (Version {resolved}) [Data set]."
    key = "integrated-care-corpus-" + resolved.replace(".", "-")
    # Braces keep the corporate author whole, and the case of the package
    # name and of capitalised words (UK) in styles that lower-case titles.
    name, _, rest = TITLE.partition(":")
    rest = re.sub(r"\b(\w*[A-Z]\w*)\b", r"{\1}", rest)
    fields = [
        ("author", f"{{{AUTHOR}}}"),
        ("title", f"{{{name}}}:{rest}"),
        ("version", resolved),
        ("note", f"Data set, corpus version {resolved}"),
    ]
    if year:
        fields.append(("year", year))
    body = ",\n".join(f"  {field} = {{{value}}}" for field, value in fields)
    return f"@misc{{{key},\n{body}\n}}"
