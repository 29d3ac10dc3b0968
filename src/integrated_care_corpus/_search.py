"""Text search: a normalised copy of every text, and a map back to the original.

Search ignores case, quotation-mark style (’ and ' match, as do “ and ") and
dash style (– — − and -), and treats any run of whitespace, no-break spaces
included, as one space. Each text is normalised once per corpus; the
normalised texts of one record type are joined into one string, so a search
is a single pass of ``str.find`` (or one regular expression) in C, not a
Python loop over records. A hit in the normalised string is mapped back
through a piecewise map to an exact span of the original text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

import attrs

from ._records import Comment, Document, Quote, Span
from ._text import MARKS, WHITESPACE

__all__ = ["Hit", "SearchIndex", "TextMap", "normalise", "normalise_query"]

#: One character for one, so offsets survive: ``str.replace`` for each
#: character present is many times faster than ``str.translate`` on long texts.
_ONE_FOR_ONE = (*MARKS.items(), *((char, " ") for char in WHITESPACE))
_RUNS = re.compile("  +")
#: Joins the texts of one record type; a normalised query never contains it.
_SEPARATOR = "\x00"


@attrs.frozen
class TextMap:
    """A piecewise map from offsets in a normalised text to the original.

    Within each piece the map has slope one: piece ``k`` starts at normalised
    offset ``norm[k]``, which is original offset ``orig[k]``.
    """

    norm: tuple[int, ...]
    orig: tuple[int, ...]

    def original(self, offset: int) -> int:
        """Return the original offset of the character at a normalised offset."""
        k = bisect.bisect_right(self.norm, offset) - 1
        return self.orig[k] + offset - self.norm[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original ``[start, end)`` covering normalised ``[start, end)``."""
        return self.original(start), self.original(end - 1) + 1


_IDENTITY = TextMap((0,), (0,))


def normalise(text: str) -> tuple[str, TextMap]:
    r"""Return ``text`` normalised for search, and the map back to ``text``.

    >>> norm, where = normalise("The King’s\u00a0 FUND")
    >>> norm
    "the king's fund"
    >>> where.span(4, 15)
    (4, 16)
    """
    folded = text
    for char, plain in _ONE_FOR_ONE:
        if char in folded:
            folded = folded.replace(char, plain)
    lowered = folded.casefold()
    if len(lowered) != len(folded):
        return _normalise_slowly(text)
    if "  " not in lowered:
        return lowered, _IDENTITY
    parts: list[str] = []
    norm, orig = [0], [0]
    last = 0
    removed = 0
    for run in _RUNS.finditer(lowered):
        start, end = run.span()
        parts.append(lowered[last : start + 1])
        removed += end - start - 1
        norm.append(end - removed)
        orig.append(end)
        last = end
    parts.append(lowered[last:])
    return "".join(parts), TextMap(tuple(norm), tuple(orig))


def _normalise_slowly(text: str) -> tuple[str, TextMap]:
    """Normalise character by character: some character case-folds to several."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if out and out[-1] == " " and text[index - 1].isspace():
                continue
            char = " "  # noqa: PLW2901 - the character as normalised
        for one in MARKS.get(char, char).casefold():
            out.append(one)
            origin.append(index)
    norm, orig = [0], [0]
    for offset in range(1, len(origin)):
        if origin[offset] != origin[offset - 1] + 1:
            norm.append(offset)
            orig.append(origin[offset])
    return "".join(out), TextMap(tuple(norm), tuple(orig))


def normalise_query(text: str) -> str:
    """Return a query in the normalised form, without surrounding spaces.

    Raises:
        ValueError: The query is empty or only whitespace.
    """
    query = normalise(text)[0].strip(" ")
    if not query or _SEPARATOR in query:
        msg = f"search for some text, not {text!r}"
        raise ValueError(msg)
    return query


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
    """The normalised texts of one record type, joined, with their maps."""

    __slots__ = ("blob", "maps", "starts")

    def __init__(self, texts: Sequence[str]) -> None:
        parts: list[str] = []
        maps: list[TextMap] = []
        starts: list[int] = []
        offset = 0
        for text in texts:
            norm, where = normalise(text)
            starts.append(offset)
            parts.append(norm)
            maps.append(where)
            offset += len(norm) + 1
        self.blob = _SEPARATOR.join(parts)
        self.starts = starts
        self.maps = maps

    def find(self, query: str, *, whole_word: bool) -> Iterator[tuple[int, int, int]]:
        """Yield ``(record position, original start, original end)`` of each match."""
        starts = self.starts
        size = len(query)
        for at in _matches(self.blob, query, whole_word=whole_word):
            position = bisect.bisect_right(starts, at) - 1
            local = at - starts[position]
            start, end = self.maps[position].span(local, local + size)
            yield position, start, end

    def positions(self, query: str, *, whole_word: bool) -> list[int]:
        """Return the positions of the records with at least one match, in order."""
        seen: dict[int, None] = {}
        starts = self.starts
        after = -1
        for at in _matches(self.blob, query, whole_word=whole_word):
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

    def positions(self, kind: str, query: str, *, whole_word: bool = False) -> list[int]:
        """Return the positions of the records of ``kind`` whose text matches."""
        return self.texts(kind).positions(normalise_query(query), whole_word=whole_word)

    def hits(
        self,
        kind: str,
        query: str,
        documents: dict[str, Document],
        *,
        whole_word: bool = False,
        context: int = 40,
    ) -> Iterator[Hit]:
        """Yield the hits in the records of ``kind``, in corpus then text order."""
        records = self._records[kind]
        for position, start, end in self.texts(kind).find(
            normalise_query(query), whole_word=whole_word
        ):
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
