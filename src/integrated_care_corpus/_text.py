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
import re
import unicodedata

import attrs

__all__ = ["WHITESPACE", "TextMap", "fold", "normalise"]

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
#: characters (dropped), and each space after a space (dropped).
#: (Combining accents count as word characters here: they are dropped too.)
_CHANGES = re.compile(r"[^\x00-\x7f]|(?<=[\w\u0300-\u036f])-(?=[\w\u0300-\u036f])|(?<= ) +")


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
    folded = text
    for char, plain in _ONE_FOR_ONE:
        if char in folded:
            folded = folded.replace(char, plain)
    if not _CHANGES.search(folded):
        return folded.lower(), _IDENTITY
    parts: list[str] = []
    norm, orig = [0], [0]
    size = 0  # of the folded text so far
    space = False  # whether the folded text so far ends with a space
    last = 0
    for change in (*_CHANGES.finditer(folded), None):
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
        replaced = "" if found[0] in " -" else _fold_char(found)
        if space and replaced.startswith(" "):
            replaced = replaced.lstrip(" ")
        last = end
        if replaced:
            space = replaced.endswith(" ")
            parts.append(replaced)
        if len(replaced) == 1:  # one for one: the piece goes on
            size += 1
            continue
        # Every character of a longer fold stands for the one original character.
        for k in range(len(replaced)):
            _piece(norm, orig, size + k, start)
        size += len(replaced)
        _piece(norm, orig, size, end)
    return "".join(parts), TextMap(tuple(norm), tuple(orig)) if len(norm) > 1 else _IDENTITY


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
