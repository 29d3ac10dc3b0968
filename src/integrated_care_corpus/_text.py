"""The one text fold: the form that name lookups and text search compare in.

Folding ignores case (``str.casefold``), accents (``déjà`` is ``deja``),
quotation-mark style (’ ‘ ‛ ′ and ` are ', “ ” „ and ″ are "), dash style
(‐ ‑ ‒ – — ― and − are -), a hyphen inside a word (``well-being`` is
``wellbeing``) and the kind and length of a run of whitespace (no-break
spaces included: a run is one space). A dash between two word characters
is dropped as a hyphen is, so that folding twice gives what folding once does.

:func:`normalise` folds a text and returns a map from each offset of the
folded text back to the original, so that a search hit found in the folded
text becomes an exact span of the text as printed. :func:`fold` is the same
fold without the map, stripped of surrounding space; both lookups and search
use it, so a name and a search term can never fold differently.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterator, Sequence

import attrs

__all__ = ["WHITESPACE", "TextMap", "fold", "normalise", "normalise_joined"]

#: Quotation marks and dashes, each folded to its plain ASCII form.
MARKS = {
    **dict.fromkeys("’‘‛′`", "'"),
    **dict.fromkeys("“”„″", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}
#: Every whitespace character but the space (all that ``str.isspace`` accepts).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
#: One character for one, so offsets survive: ``str.replace`` for each
#: character present is many times faster than ``str.translate`` on long texts.
_ONE_FOR_ONE = (*MARKS.items(), *((char, " ") for char in WHITESPACE))
#: What changes a text's length when folded: a character outside ASCII (it
#: may lose an accent or case-fold to several), a hyphen between two word
#: characters (dropped), and a run of spaces (one is kept). Three patterns, not
#: one alternation: each alone starts with a literal or a class, which the
#: regular expression engine scans for quickly. Combining accents count as
#: word characters beside a hyphen, as they are dropped too.
_CHANGES = (
    re.compile(r"[^\x00-\x7f]"),
    re.compile(r"-(?<=[\w\u0300-\u036f]-)(?=[\w\u0300-\u036f])"),
    re.compile(r"  +"),
)


#: The one-for-one replacements of ASCII characters, and of the others: once a
#: text is ASCII, none of the others can be in it.
_ASCII_ONE_FOR_ONE = tuple((char, plain) for char, plain in _ONE_FOR_ONE if char.isascii())
_WIDE_ONE_FOR_ONE = tuple((char, plain) for char, plain in _ONE_FOR_ONE if not char.isascii())
#: What changes an ASCII text's length, as one pattern to split on: a run of
#: spaces, or a hyphen between two word characters (ASCII has no combining
#: accents); and runs of spaces alone, which the engine scans for faster.
_ASCII_CHANGES = re.compile(r"(  +|-(?<=\w-)(?=\w))")
_SPACE_RUNS = re.compile(r"(  +)")
#: How many characters :func:`normalise_joined` folds at a time: about a
#: megabyte, so each pass reads what the last one wrote while it is still cached.
CHUNK = 1 << 20


def _changes(text: str) -> Iterator[re.Match[str]]:
    """Yield every stretch of ``text`` that folding changes the length of, in order."""
    found = [pattern.finditer(text) for pattern in _CHANGES]
    if text.isascii():
        found = found[1:]
    return heapq.merge(*found, key=lambda match: match.start())


@attrs.frozen
class TextMap:
    """A piecewise map from offsets in a folded text to the original.

    Within each piece the map has slope one: piece ``k`` starts at folded
    offset ``norm[k]``, which is original offset ``orig[k]``.
    """

    norm: tuple[int, ...]
    orig: tuple[int, ...]

    def original(self, offset: int) -> int:
        """Return the original offset of the character at a folded offset."""
        k = bisect.bisect_right(self.norm, offset) - 1
        return self.orig[k] + offset - self.norm[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original ``[start, end)`` covering folded ``[start, end)``."""
        return self.original(start), self.original(end - 1) + 1


_IDENTITY = TextMap((0,), (0,))


def _fold_char(char: str) -> str:
    """Return one non-ASCII character folded: no accents, case-folded, maybe several."""
    decomposed = unicodedata.normalize("NFKD", char)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = "".join(MARKS.get(c, c) for c in plain.casefold())
    return " " if plain.isspace() else plain


def normalise(text: str) -> tuple[str, TextMap]:
    r"""Return ``text`` folded, and the map back to ``text``.

    >>> folded, where = normalise("The King’s\u00a0 FUND: déjà vu, well-being")
    >>> folded
    "the king's fund: deja vu, wellbeing"
    >>> where.span(4, 15)
    (4, 16)
    """
    folded = _replace_one_for_one(text)
    if folded.isascii() and "-" not in folded and "  " not in folded:
        return folded.lower(), _IDENTITY
    parts: list[str] = []
    norm, orig = [0], [0]
    size = 0  # of the folded text so far
    space = False  # whether the folded text so far ends with a space
    last = 0
    for change in (*_changes(folded), None):
        start, end = change.span() if change else (len(folded), len(folded))
        run = folded[last:start].lower()  # ASCII: lower() keeps the length
        if space and run.startswith(" "):  # a space run around a dropped character
            run = run.lstrip(" ")
            _piece(norm, orig, size, start - len(run))
        if run:
            parts.append(run)
            size += len(run)
            space = run.endswith(" ")
        if change is None:
            break
        found = change.group()
        replaced = " " if found[0] == " " else "" if found == "-" else _fold_char(found)
        if space and replaced.startswith(" "):
            replaced = replaced.lstrip(" ")
        last = end
        if replaced:
            space = replaced.endswith(" ")
            parts.append(replaced)
        if len(replaced) == 1 == end - start:  # one for one: the piece goes on
            size += 1
            continue
        # Every character of a longer fold stands for the one original character.
        for k in range(len(replaced)):
            _piece(norm, orig, size + k, start)
        size += len(replaced)
        _piece(norm, orig, size, end)
    if len(norm) == 1 and orig[0] == 0:
        return "".join(parts), _IDENTITY
    return "".join(parts), TextMap(tuple(norm), tuple(orig))


def _piece(norm: list[int], orig: list[int], at: int, source: int) -> None:
    """Start a piece of the map: folded offset ``at`` is original offset ``source``."""
    if orig[-1] + at - norm[-1] == source:
        return  # the piece already says so
    if norm[-1] == at:
        orig[-1] = source
    else:
        norm.append(at)
        orig.append(source)


def fold(text: str) -> str:
    """Return the form names and search terms are compared in.

    >>> fold("  The  King’s FUND ")
    "the king's fund"
    >>> fold("Déjà vu") == fold("deja VU")
    True
    """
    return normalise(text)[0].strip(" ")


def _replace_one_for_one(text: str) -> str:
    """Return ``text`` with each quotation mark, dash and whitespace character made plain."""
    for char, plain in _WIDE_ONE_FOR_ONE:
        if text.isascii():
            break
        if char in text:
            text = text.replace(char, plain)
    for char, plain in _ASCII_ONE_FOR_ONE:
        if char in text:
            text = text.replace(char, plain)
    return text


def _normalise_ascii(text: str) -> tuple[str, TextMap]:
    """Return an ASCII text, its marks and whitespace already plain, folded, with its map.

    What :func:`normalise` does one change at a time, in a few passes in C:
    split at every change, replace each (a run of spaces by one, a hyphen by
    nothing), and read the map's pieces off the running lengths before and
    after. Each change starts a piece just after it.
    """
    text = text.lower()
    hyphens = "-" in text
    if not hyphens and "  " not in text:
        return text, _IDENTITY
    if not hyphens and "   " not in text:
        # Each change is a run of exactly two spaces: str.split finds them fastest.
        kept = text.split("  ")
        lengths = list(map(len, kept))
        lengths.pop()
        # The k-th piece starts after k runs; before it, k spaces were dropped.
        norm = tuple(
            itertools.accumulate(map(operator.add, lengths, itertools.repeat(1)), initial=0)
        )
        return " ".join(kept), TextMap(norm, tuple(map(operator.add, norm, itertools.count())))
    parts = (_ASCII_CHANGES if hyphens else _SPACE_RUNS).split(text)
    if len(parts) == 1:
        return text, _IDENTITY
    ends = list(itertools.accumulate(map(len, parts)))
    parts[1::2] = ["" if change == "-" else " " for change in parts[1::2]]
    folded_ends = list(itertools.accumulate(map(len, parts)))
    return "".join(parts), TextMap((0, *folded_ends[1::2]), (0, *ends[1::2]))


def normalise_joined(
    texts: Sequence[str], separator: str
) -> tuple[str, list[int], list[int], TextMap]:
    r"""Return ``texts`` folded and joined by ``separator``, and where each one starts.

    The same as joining what :func:`normalise` gives for each text, with one
    map for the whole: ``(folded, folded_starts, starts, map)``, where text
    ``i`` starts at ``folded_starts[i]`` in ``folded`` and at ``starts[i]``
    in ``separator.join(texts)``, which ``map`` maps ``folded`` back to. The
    separator must be a character the fold leaves as it is and that is
    neither a word character nor a space (``"\x00"``), so that no fold
    reaches across it. The texts are folded in runs of about a megabyte
    (:data:`CHUNK` characters): a run that holds no separator and is ASCII
    once its marks and whitespace are plain (most English text) is folded
    together in a few passes in C, and any other one text at a time.

    >>> folded, folded_starts, starts, where = normalise_joined(["A  B", "well-being"], "\x00")
    >>> folded, folded_starts, starts
    ('a b\x00wellbeing', [0, 4], [0, 5])
    >>> where.span(8, 9)
    (10, 11)
    """
    sizes = map(operator.add, map(len, texts), itertools.repeat(1))
    starts = list(itertools.accumulate(sizes, initial=0))
    parts: list[str] = []
    folded_starts: list[int] = []
    norm, orig = [0], [0]
    at = 0  # where the next run starts in the folded texts
    first = 0
    while first < len(texts):
        end = max(first + 1, bisect.bisect_right(starts, starts[first] + CHUNK) - 1)
        run = texts[first:end]
        folded = _replace_one_for_one(separator.join(run))
        if folded.isascii() and folded.count(separator) == len(run) - 1:  # none holds it
            folded, where = _normalise_ascii(folded)
            folded_starts += _starts_in(where, starts[first:end], at)
            # The run's first piece goes on from the separator before it.
            norm += map(operator.add, itertools.islice(where.norm, 1, None), itertools.repeat(at))
            orig += map(
                operator.add, itertools.islice(where.orig, 1, None), itertools.repeat(starts[first])
            )
        else:
            folded = separator.join(
                _normalise_each(run, starts[first:end], at, folded_starts, norm, orig)
            )
        parts.append(folded)
        at += len(folded) + 1
        first = end
    return separator.join(parts), folded_starts, starts[:-1], TextMap(tuple(norm), tuple(orig))


def _starts_in(where: TextMap, starts: Sequence[int], at: int) -> Iterator[int]:
    """Yield where each text of an ASCII run starts once folded, the run starting at ``at``.

    A text's first character is never dropped (a separator is before it), so
    the piece of ``where`` that holds its original offset maps it one for one.
    """
    first = starts[0]
    if where is _IDENTITY:
        yield from map(operator.add, starts, itertools.repeat(at - first))
        return
    norm, orig = where.norm, where.orig
    for start in starts:
        offset = start - first
        k = bisect.bisect_right(orig, offset) - 1
        yield at + norm[k] + offset - orig[k]


def _normalise_each(
    texts: Sequence[str],
    starts: Sequence[int],
    at: int,
    folded_starts: list[int],
    norm: list[int],
    orig: list[int],
) -> Iterator[str]:
    """Yield each text folded, adding where it starts and its pieces from folded offset ``at``."""
    for text, start in zip(texts, starts, strict=True):
        folded, where = normalise(text)
        folded_starts.append(at)
        for piece_norm, piece_orig in zip(where.norm, where.orig, strict=True):
            _piece(norm, orig, at + piece_norm, start + piece_orig)
        at += len(folded) + 1
        yield folded
