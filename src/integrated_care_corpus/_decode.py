"""The fastest load path: msgspec decodes JSON, generated builders make the records.

With the ``[fast]`` extra installed, the loader hands each resource's bytes
(of a corpus in the current schema) to :func:`decode`. msgspec decodes them
into a Struct per record class (``_structs.py``, generated from the record
classes by ``python -m integrated_care_corpus._codegen --structs``) that has the
record's field names, types and defaults and forbids any other field: so
msgspec checks every type as the strict converter does (a string is never an
integer, an enum value must be one of its members) and refuses unknown
fields, at every depth, in one pass with no dictionaries. The generated
builders then make the records from the Structs as the attrs ``__init__``
would: every field set, then the validators and ``__attrs_post_init__``.

Anything :func:`decode` does not accept, for whatever reason, returns
``None``: the loader then parses the resource and structures it on the other
paths, which word the precise error (or build the records, where msgspec is
stricter, as it is about dates and lone surrogates; or where the bytes do not
prove that no object repeats a key, which msgspec does not check). Tests compare the
records of every path on the bundled and generated corpora, and the errors on
every fault the fault and fuzz tests make.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from ._rules import keys_are_unique
from ._structs import STRUCTS

__all__ = ["decode"]


def _unique_keys(data: bytes, structs: list[Any]) -> bool:
    """Say whether the bytes prove that no object repeats a key (msgspec keeps the last).

    A field left out of the JSON is ``UNSET`` in its Struct and is not
    written back, so the Structs written back hold exactly the keys read,
    each once: :func:`keys_are_unique` compares the two.
    """
    return keys_are_unique(data, msgspec.json.encode(structs))


_DECODERS: dict[type[Any], tuple[msgspec.json.Decoder[Any], Callable[[Any], Any]]] = {}


def decode(cls: type[Any], data: bytes) -> tuple[Any, ...] | None:
    """Return the records of one resource (a JSON array of ``cls``), or ``None``."""
    found = _DECODERS.get(cls)
    if found is None:
        struct, build = STRUCTS[cls]
        found = _DECODERS[cls] = (msgspec.json.Decoder(list[struct]), build)  # type: ignore[valid-type]
    decoder, build = found
    try:
        structs = decoder.decode(data)
        if not _unique_keys(data, structs):
            return None  # the other paths look again, and word the error
        return tuple(map(build, structs))
    except Exception:  # noqa: BLE001 - the other paths say what is wrong
        return None
