"""The one text fold: how names are compared and how search matches text.

Lookups by name (``corpus.organisation("the king's fund")``) and text search
(``corpus.search(...)``) compare text in the same folded form: case folded,
every quotation mark and apostrophe style read as its plain ASCII form (’
and ' match, as do “ and "), every dash as a hyphen-minus, and any run of
whitespace, no-break spaces included, as one space. :func:`fold` gives that
form; the search index (``_search.normalise``) gives the same form with a map
back to the original offsets, and a test holds the two equal.
"""

from __future__ import annotations

__all__ = ["MARKS", "WHITESPACE", "fold"]

#: Quotation marks, apostrophes and dashes, each folded to its plain ASCII form.
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
_TABLE = str.maketrans({**MARKS, **dict.fromkeys(WHITESPACE, " ")})


def fold(text: str) -> str:
    """Return the form names and search text are compared in.

    >>> fold("The  King‛s FUND")
    "the king's fund"
    >>> fold(" well–being ")
    'well-being'
    """
    return " ".join(text.translate(_TABLE).casefold().split())
