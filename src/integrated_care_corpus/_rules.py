"""The format's rules for single values: ids, file names, digests, counts, dates, text.

One definition of each rule, used by the loader (on every parse path), by the
build, and by the JSON Schemas (``_schema.py`` writes the patterns below into
them), so that what a schema rejects the loader rejects too. Nothing here
imports the rest of the package.
"""

from __future__ import annotations

import re

__all__ = [
    "DATE_PATTERN",
    "FILE_NAME_PATTERN",
    "IDS_JOINED",
    "ID_PATTERN",
    "MAX_FILE_NAME",
    "MAX_ID_LENGTH",
    "MAX_INTEGER",
    "SHA256_PATTERN",
    "has_lone_surrogate",
    "is_count",
    "is_date_text",
    "is_id",
    "is_plain_file_name",
    "is_sha256",
    "keys_are_unique",
]

#: The largest integer a count, span offset or schema version may hold: the
#: largest that every JSON reader (JavaScript's numbers included) reads exactly.
MAX_INTEGER = 2**53 - 1

#: A record id: an ASCII letter or digit, then ASCII letters, digits, ``-``,
#: ``_``, ``.`` and ``/`` (a comment's ``<document id>/c<n>``): no whitespace,
#: no control characters, no ``..``, never empty.
ID_PATTERN = "^(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$"
#: Ids longer than this are refused (the longest bundled one has 62 characters).
MAX_ID_LENGTH = 200
_ID = re.compile(r"(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._/-]*\Z")
#: Ids, each followed by a line break, all valid: one match for a resource's ids.
IDS_JOINED = re.compile(r"(?:(?![^\n]*\.\.)[A-Za-z0-9][A-Za-z0-9._/-]*\n)*\Z")

#: A seed or source file name: a plain name in the corpus's own folder, no
#: path, no ``..``, at most :data:`MAX_FILE_NAME` characters.
FILE_NAME_PATTERN = "^(?!.*\\.\\.)[A-Za-z0-9_-][A-Za-z0-9._-]*$"
_FILE_NAME = re.compile(r"(?!.*\.\.)[A-Za-z0-9_-][A-Za-z0-9._-]*\Z")
MAX_FILE_NAME = 255

#: A SHA-256 digest as hex: 64 lowercase hex digits.
SHA256_PATTERN = "^[0-9a-f]{64}$"
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")

#: A date, exactly ``YYYY-MM-DD`` (Python 3.11's ``date.fromisoformat`` also
#: reads ``2012-W01-4`` and ``20120105``; 3.10's does not: the rule is this one).
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

_SURROGATE = re.compile("[\ud800-\udfff]")


def is_id(value: object) -> bool:
    r"""Say whether ``value`` is a valid record id.

    >>> is_id("kings-fund-2010/q3"), is_id(""), is_id("a/../b"), is_id("bad\nid")
    (True, False, False, False)
    """
    return isinstance(value, str) and len(value) <= MAX_ID_LENGTH and _ID.match(value) is not None


def is_plain_file_name(value: object) -> bool:
    """Say whether ``value`` is a file name with no folder in it (and not ``..``).

    >>> is_plain_file_name("000_1a50.txt"), is_plain_file_name("../../etc/passwd")
    (True, False)
    """
    return (
        isinstance(value, str)
        and len(value) <= MAX_FILE_NAME
        and _FILE_NAME.match(value) is not None
    )


def is_sha256(value: object) -> bool:
    """Say whether ``value`` is a SHA-256 in lowercase hex."""
    return isinstance(value, str) and _SHA256.match(value) is not None


def is_count(value: object) -> bool:
    """Say whether ``value`` is a count: an integer (not a boolean), 0 to :data:`MAX_INTEGER`."""
    return type(value) is int and 0 <= value <= MAX_INTEGER


def is_date_text(value: str) -> bool:
    """Say whether ``value`` has the shape ``YYYY-MM-DD`` (its numbers are checked apart)."""
    return _DATE.match(value) is not None


def has_lone_surrogate(text: str) -> bool:
    r"""Say whether ``text`` holds a lone surrogate, which no UTF-8 file can hold.

    >>> has_lone_surrogate("ok"), has_lone_surrogate("bad \udfff")
    (False, True)
    """
    return _SURROGATE.search(text) is not None


# --- duplicate keys, cheaply ------------------------------------------------------


def keys_are_unique(data: bytes, reencoded: bytes) -> bool:
    r"""Say whether JSON ``data`` is proven free of duplicate keys, at C speed.

    ``reencoded`` is the parsed value written back as JSON by orjson or
    msgspec: it holds each key that was read once, with the value that was
    kept for it. Every colon in JSON is either a key's (one per key) or
    inside a string, and both writers write a colon inside a string as it
    is. So, unless ``data`` writes a colon as a ``\u003a`` escape, ``data``
    has as many colons as ``reencoded`` exactly when no pair was dropped:
    a repeated key drops at least its own colon. Whitespace and escaped
    quotes do not matter. ``False`` means "not proven": the caller then
    parses exactly (the standard library, every pair seen) to find out.

    >>> keys_are_unique(b'{"a" : "x:y", "b": 1}', b'{"a":"x:y","b":1}')
    True
    >>> keys_are_unique(b'{"a": 1, "a": 2}', b'{"a":2}')
    False
    >>> keys_are_unique(b'{"a": "\\u003a"}', b'{"a":":"}')
    False
    """
    if b"\\u003" in data:  # \u003a or \u003A (or a digit's escape: rare, and safe)
        return False
    return data.count(b":") == reencoded.count(b":")
