"""Text search: a folded copy of every text, and a map back to the original.

Search compares texts in the one fold of :mod:`._text` (case, accents,
quote-mark and dash style, hyphens inside words, runs of whitespace). A query
is plain text, may end a word with ``*`` for a prefix, or may be a phrase of
whole words in double quotes (:class:`Query`); anything else is an error.

Each text is folded once per corpus; the folded texts of one record type
are joined into one string, so a search
is a single pass of ``str.find`` (or one regular expression) in C, not a
Python loop over records. A hit in the folded string is mapped back
through a piecewise map to an exact span of the original text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

import attrs

from ._hooks import render_html
from ._records import Comment, Document, Quote, Span
from ._text import WHITESPACE, TextMap, fold, normalise, normalise_joined

__all__ = [
    "WHITESPACE",
    "Hit",
    "Query",
    "SearchIndex",
    "TextMap",
    "normalise",
]

#: Joins the texts of one record type; a folded query never contains it.
_SEPARATOR = "\x00"

#: What a query may hold, for the error about anything else.
SYNTAX = (
    "plain text (matched ignoring case, accents, quote-mark and dash style and "
    "hyphens inside words), a word ending in * for a prefix (integrat*), or a phrase "
    'of whole words in double quotes ("social care")'
)
_OPERATORS = frozenset({"AND", "OR", "NOT"})


def _unsupported(text: str, why: str) -> ValueError:
    return ValueError(f"unsupported search syntax in {text!r}: {why}; a search is {SYNTAX}")


@attrs.frozen
class Query:
    """A parsed search: the folded text, and how its ends must fall.

    Attributes:
        text: The folded words, without quotes or ``*``.
        pattern: The regular expression to match, or ``None`` when the
            query is plain text found with ``str.find``.
    """

    text: str
    pattern: re.Pattern[str] | None

    @classmethod
    def parse(cls, text: str, *, whole_word: bool = False) -> Query:
        """Parse a query: plain text, ``word*`` prefixes, or a ``"whole phrase"``.

        Raises:
            ValueError: The query is empty, or uses syntax search does not
                support (an unbalanced quote, a ``*`` inside a word, ``AND`` /
                ``OR`` / ``NOT``); the message says what is supported.
        """
        if not isinstance(text, str):
            msg = f"search for a string, not {type(text).__name__}"
            raise TypeError(msg)
        query = fold(text)
        if not query.strip('"* ') or _SEPARATOR in query:
            msg = f"search for some text, not {text!r}"
            raise ValueError(msg)
        if '"' in query:
            if len(query) < 2 or query[0] != '"' or query[-1] != '"' or '"' in query[1:-1]:  # noqa: PLR2004
                raise _unsupported(text, "a phrase goes in double quotes around the whole query")
            query = query[1:-1].strip(" ")
            whole_word = True
        words = query.split(" ")
        operators = [w for w in text.split() if w in _OPERATORS]
        if operators and len(words) > 1:
            raise _unsupported(text, f"{operators[0]} is not an operator")
        prefixes = [w.endswith("*") for w in words]
        for word in words:
            if "*" in word.rstrip("*") or word.endswith("**") or word == "*":
                raise _unsupported(text, "* goes at the end of a word, for a prefix")
        plain = " ".join(w.rstrip("*") for w in words)
        if not any(prefixes) and not whole_word:
            return cls(plain, None)
        parts = []
        for word, prefix in zip(words, prefixes, strict=True):
            parts.append(re.escape(word.rstrip("*")) + (r"\w*" if prefix else ""))
        start = r"(?<!\w)" if whole_word or prefixes[0] else ""
        end = r"(?!\w)" if whole_word and not prefixes[-1] else ""
        return cls(plain, re.compile(start + " ".join(parts) + end))

    def spans(self, blob: str) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` of each match in a folded text, left to right."""
        if self.pattern is None:
            size = len(self.text)
            for at in _matches(blob, self.text, whole_word=False):
                yield at, at + size
        else:
            for match in self.pattern.finditer(blob):
                yield match.span()

    def found_in(self, text: str) -> bool:
        """Return whether the query matches anywhere in an original text."""
        folded = normalise(text)[0]
        if self.pattern is None:
            return self.text in folded
        return self.pattern.search(folded) is not None


@attrs.frozen(repr=False)
class Hit:
    """One place a search matched.

    Attributes:
        record: The document, quote or comment whose text matched.
        document: The document the record is in (the record itself, for a document).
        span: Where the match is in ``document.text``; like every span in
            the corpus, it indexes the document's original text exactly.
        text: The matched characters as printed (``document.text[span]``).
        snippet: The match with some context from the record's text, on one line.
    """

    record: Document | Quote | Comment
    document: Document
    span: Span
    text: str
    snippet: str

    @property
    def kind(self) -> str:
        """Return ``"document"``, ``"quote"`` or ``"comment"``."""
        return type(self.record).__name__.lower()

    @property
    def document_id(self) -> str:
        """Return the id of the document the hit is in."""
        return self.document.id

    def __repr__(self) -> str:
        """Return the record, the span and the snippet."""
        return (
            f"<Hit {self.kind} {self.record.id} {self.span.start}:{self.span.end} {self.snippet!r}>"
        )

    def _repr_html_(self) -> str:
        return render_html(self)


def _snippet(text: str, start: int, end: int, context: int) -> str:
    """Return the match with up to ``context`` characters either side, whole words only."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    before, after = text[left:start], text[end:right]
    if left > 0 and not text[left - 1].isspace():
        cut = next((i for i, c in enumerate(before) if c.isspace()), 0)
        before = before[cut:]
    if right < len(text) and not text[right].isspace():
        cut = next((i for i in range(len(after) - 1, -1, -1) if after[i].isspace()), len(after))
        after = after[:cut]
    shown = " ".join((before + text[start:end] + after).split())
    return ("…" if left > 0 else "") + shown + ("…" if right < len(text) else "")


class _Texts:
    """The normalised texts of one record type, joined, with one map back."""

    __slots__ = ("blob", "origins", "starts", "where")

    def __init__(self, texts: Sequence[str]) -> None:
        self.blob, self.starts, self.origins, self.where = normalise_joined(texts, _SEPARATOR)

    def find(self, query: Query) -> Iterator[tuple[int, int, int]]:
        """Yield ``(record position, original start, original end)`` of each match."""
        starts = self.starts
        for at, stop in query.spans(self.blob):
            position = bisect.bisect_right(starts, at) - 1
            start, end = self.where.span(at, stop)
            origin = self.origins[position]
            yield position, start - origin, end - origin

    def positions(self, query: Query) -> list[int]:
        """Return the positions of the records with at least one match, in order."""
        seen: dict[int, None] = {}
        starts = self.starts
        after = -1
        for at, _ in query.spans(self.blob):
            if at < after:
                continue  # another match in a record already found
            position = bisect.bisect_right(starts, at) - 1
            seen[position] = None
            after = starts[position + 1] if position + 1 < len(starts) else len(self.blob)
        return list(seen)


def _word_character(char: str) -> bool:
    return char.isalnum() or char == "_"


def _matches(blob: str, query: str, *, whole_word: bool) -> Iterator[int]:
    """Yield where ``query`` occurs in ``blob``, without overlaps, left to right."""
    size = len(query)
    at = blob.find(query)
    while at >= 0:
        if whole_word and (
            (at > 0 and _word_character(blob[at - 1]))
            or (at + size < len(blob) and _word_character(blob[at + size]))
        ):
            at = blob.find(query, at + 1)
            continue
        yield at
        at = blob.find(query, at + size)


#: Record type names a search accepts, singular or plural, and their order.
KINDS = ("documents", "quotes", "comments")


class SearchIndex:
    """The normalised texts of a corpus's documents, quotes and comments.

    Built once per corpus, on the first search; each record type's texts are
    normalised the first time that type is searched.
    """

    __slots__ = ("_records", "_texts")

    def __init__(
        self,
        documents: Sequence[Document],
        quotes: Sequence[Quote],
        comments: Sequence[Comment],
    ) -> None:
        """Keep the records; normalise their texts when first searched."""
        self._records: dict[str, Sequence[Document] | Sequence[Quote] | Sequence[Comment]] = {
            "documents": documents,
            "quotes": quotes,
            "comments": comments,
        }
        self._texts: dict[str, _Texts] = {}

    def texts(self, kind: str) -> _Texts:
        """Return the joined, normalised texts of one record type."""
        found = self._texts.get(kind)
        if found is None:
            found = _Texts([r.text for r in self._records[kind]])
            self._texts[kind] = found
        return found

    def positions(self, kind: str, query: str | Query, *, whole_word: bool = False) -> list[int]:
        """Return the positions of the records of ``kind`` whose text matches."""
        if isinstance(query, str):
            query = Query.parse(query, whole_word=whole_word)
        return self.texts(kind).positions(query)

    def hits(
        self,
        kind: str,
        query: str | Query,
        documents: dict[str, Document],
        *,
        whole_word: bool = False,
        context: int = 40,
    ) -> Iterator[Hit]:
        """Yield the hits in the records of ``kind``, in corpus then text order."""
        records = self._records[kind]
        if isinstance(query, str):
            query = Query.parse(query, whole_word=whole_word)
        for position, start, end in self.texts(kind).find(query):
            record = records[position]
            text = record.text
            if isinstance(record, Document):
                document, offset = record, 0
            else:
                document, offset = documents[record.document_id], record.span.start
            yield Hit(
                record=record,
                document=document,
                span=Span(offset + start, offset + end),
                text=text[start:end],
                snippet=_snippet(text, start, end, context),
            )
