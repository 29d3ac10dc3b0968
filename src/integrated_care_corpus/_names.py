"""The name resolver: organisations, people and documents as researchers write them.

Every argument that names a record goes through :class:`Names`. A name is
compared by its *key*: the one text fold of :mod:`._text` (case, accents,
quote-mark and dash style, hyphens inside words), then without apostrophes,
punctuation, spaces or a leading "the", so ``"Kings Fund"``, ``"the King’s
Fund"`` and ``"THE KING'S FUND"`` are one key. What resolves:

- an organisation by id, name, alias or well-known name (``"DH"``, ``"CQC"``);
- a person by id, name or alias, with or without a title (``"Dr Dixon"``),
  or by surname or forename alone when no one else has it;
- a document by id, title, or a fragment of its id or title that no other
  document shares (``"pulse"``).

A name that fits several records raises :class:`AmbiguousNameError` listing
them; one that fits none raises :class:`UnknownRecordError` with up to three
suggestions. Suggestions rank an exact acronym, close spellings and shared
words first, and never offer a record that shares no word or initial with
what was asked.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from ._errors import AmbiguousNameError, UnknownRecordError
from ._records import Document, Organisation, Person
from ._text import fold

__all__ = ["Names", "name_key", "name_words"]

_R = TypeVar("_R", Organisation, Person, Document, "_Printed")

_WORD = re.compile(r"\w+")
_DASHES = re.compile("[-‐‑‒–—―−]")
#: Words a shared-word suggestion does not count.
_STOP = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})
#: Titles and post-nominals a person's name may carry ("Dr Jennifer Dixon").
_TITLES = frozenset(
    {"baroness", "dame", "dr", "hon", "lady", "lord", "miss", "mp", "mr", "mrs", "ms"}
    | {"prof", "professor", "rt", "sir"}
)
#: The least similarity a suggestion needs (difflib's ratio, 0 to 1).
_CLOSE = 0.6
#: How many suggestions an error offers.
_SUGGESTIONS = 3


def name_words(name: str) -> tuple[str, ...]:
    """Return the words of a name as compared: folded, no apostrophes, no leading "the".

    >>> name_words("The King’s Fund")
    ('kings', 'fund')
    """
    # Hyphens part words here (an id's words are its parts); the key joins them again.
    words = _WORD.findall(fold(_DASHES.sub(" ", name)).replace("'", ""))
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return tuple(words)


def name_key(name: str) -> str:
    """Return the key a name is looked up by.

    >>> name_key("the Kings Fund") == name_key("The King's Fund") == "kingsfund"
    True
    >>> name_key("Health and Well-being Boards") == name_key("health and wellbeing boards")
    True
    """
    return "".join(name_words(name))


def _untitled(words: tuple[str, ...]) -> tuple[str, ...]:
    """Return a person's name words without titles (``dr``, ``mp`` ...)."""
    kept = tuple(w for w in words if w not in _TITLES)
    return kept or words


def _acronyms(words: tuple[str, ...]) -> set[str]:
    """Return a name's initials, with and without its small words (``doh``, ``dh``)."""
    if len(words) < 2:  # noqa: PLR2004 - a one-word name has no acronym
        return set()
    content = [w for w in words if w not in _STOP]
    return {"".join(w[0] for w in words), "".join(w[0] for w in content)}


class _Table(Generic[_R]):
    """One record type's names: key -> records, and each record's names for suggestions."""

    def __init__(
        self,
        records: Sequence[_R],
        names: Callable[[_R], Iterable[str]],
        label: Callable[[_R], str],
    ) -> None:
        self.records: Sequence[_R] = records
        self.label: Callable[[_R], str] = label
        self.names: dict[str, tuple[tuple[str, ...], ...]] = {}
        self.exact: dict[str, dict[str, _R]] = {}
        for record in records:
            words = tuple(dict.fromkeys(name_words(n) for n in names(record) if name_words(n)))
            self.names[record.id] = words
            for one in words:
                self.exact.setdefault("".join(one), {})[record.id] = record

    def find(self, key: str) -> list[_R]:
        """Return the records with this exact key, in corpus order."""
        return list(self.exact.get(key, {}).values())

    def suggest(self, query: str) -> tuple[str, ...]:
        """Return up to three labels of records close to ``query``, best first."""
        return tuple(label for _, _, label in self.ranked(query)[:_SUGGESTIONS])

    def ranked(self, query: str) -> list[tuple[float, int, str]]:
        """Return ``(-score, position, label)`` of every record close to ``query``, best first."""
        words = name_words(query)
        key = "".join(words)
        if not key:
            return []
        content = {w for w in words if w not in _STOP}
        initials = {w[0] for w in words}
        scored: list[tuple[float, int, str]] = []
        for position, record in enumerate(self.records):
            best = 0.0
            for one in self.names[record.id]:
                if key in _acronyms(one):
                    score = 1.0
                elif content & set(one) or initials & {w[0] for w in one}:
                    spelling = difflib.SequenceMatcher(None, key, "".join(one)).ratio()
                    # Each word asked for, matched to its closest word in the name.
                    asked = [w for w in words if w not in _STOP] or list(words)
                    word = sum(
                        max(difflib.SequenceMatcher(None, a, b).ratio() for b in one) for a in asked
                    ) / len(asked)
                    score = max(spelling, word * 0.95)
                else:
                    continue  # shares no word or initial: never offered
                best = max(best, score)
            if best >= _CLOSE:
                scored.append((-best, position, self.label(record)))
        scored.sort()
        return scored


class _Printed:
    """A name as printed (a speaker such as "the report"), to rank with the records."""

    __slots__ = ("id",)

    def __init__(self, name: str) -> None:
        self.id = name


def _org_names(org: Organisation) -> Iterable[str]:
    yield from (org.id, org.name, *org.aliases)
    yield from getattr(org, "well_known_names", ())  # corpus 1.1.0 on


def _person_names(person: Person) -> Iterable[str]:
    yield from (person.id, person.name, *person.aliases)


def _label(record: Organisation | Person) -> str:
    return f"{record.name} ({record.id})"


def _document_label(document: Document) -> str:
    return f"{document.title} ({document.id})"


class Names:
    """Resolve names of organisations, people and documents to records.

    Built once per corpus, on the first lookup by name.
    """

    def __init__(
        self,
        organisations: Sequence[Organisation],
        people: Sequence[Person],
        documents: Sequence[Document],
    ) -> None:
        """Index every name of every record."""
        self._organisations = _Table(organisations, _org_names, _label)
        self._people = _Table(people, _person_names, _label)
        self._documents = _Table(documents, lambda d: (d.id, d.title), _document_label)
        # A person's name without titles, and a surname or forename no one else has.
        untitled: dict[str, dict[str, Person]] = {}
        single: dict[str, dict[str, Person]] = {}
        for person in people:
            for words in self._people.names[person.id]:
                kept = _untitled(words)
                untitled.setdefault("".join(kept), {})[person.id] = person
                if len(kept) > 1:
                    for word in (kept[0], kept[-1]):
                        single.setdefault(word, {})[person.id] = person
        self._untitled = untitled
        self._single = single

    # --- organisations and people ---------------------------------------------

    def organisations(self, name: str) -> list[Organisation]:
        """Return the organisations a name fits exactly (none, one or several)."""
        return self._organisations.find(name_key(name))

    def people(self, name: str) -> list[Person]:
        """Return the people a name fits: full name, untitled, or unique surname/forename."""
        key = name_key(name)
        found = self._people.find(key)
        if found:
            return found
        words = _untitled(name_words(name))
        found = list(self._untitled.get("".join(words), {}).values())
        if found or len(words) != 1:
            return found
        return list(self._single.get(words[0], {}).values())

    def organisation(self, name: str) -> Organisation:
        """Return the one organisation a name fits.

        Raises:
            AmbiguousNameError: It fits several; the message lists them.
            UnknownRecordError: It fits none; the message suggests close names,
                or says the name is a person's.
        """
        found = self.organisations(name)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousNameError("organisation", name, [_label(o) for o in found])
        error = UnknownRecordError("organisation", name, ())
        people = self.people(name)
        if people:
            error.hint = f"{_label(people[0])} is a person: look it up with person()"
        error.suggestions = self._organisations.suggest(name)
        raise error

    def person(self, name: str) -> Person:
        """Return the one person a name fits.

        Raises:
            AmbiguousNameError: It fits several (``"Nick"``); the message lists them.
            UnknownRecordError: It fits none; the message suggests close names,
                or says the name is an organisation's.
        """
        found = self.people(name)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousNameError("person", name, [_label(p) for p in found])
        error = UnknownRecordError("person", name, ())
        organisations = self.organisations(name)
        if organisations:
            error.hint = (
                f"{_label(organisations[0])} is an organisation: look it up with organisation()"
            )
        error.suggestions = self._people.suggest(name)
        raise error

    def entity(self, name: str) -> Organisation | Person:
        """Return the one organisation or person a name fits.

        Raises:
            AmbiguousNameError: It fits several records, or both an organisation
                and a person; the message lists them and says how to choose.
            UnknownRecordError: It fits none; the message suggests close names.
        """
        organisations = self.organisations(name)
        people = self.people(name)
        if len(organisations) + len(people) == 1:
            return organisations[0] if organisations else people[0]
        if organisations and people:
            error = AmbiguousNameError(
                "organisation or person",
                name,
                [f"the organisation {_label(o)}" for o in organisations]
                + [f"the person {_label(p)}" for p in people],
            )
            error.hint = "pass corpus.organisation(...) or corpus.person(...) to choose"
            raise error
        if organisations:
            raise AmbiguousNameError("organisation", name, [_label(o) for o in organisations])
        if people:
            raise AmbiguousNameError("person", name, [_label(p) for p in people])
        unknown = UnknownRecordError("organisation or person", name, ())
        unknown.suggestions = self.suggest(name)
        raise unknown

    def suggest(self, name: str, *, also: Iterable[str] = ()) -> tuple[str, ...]:
        """Return up to three organisations or people (or ``also`` names) close to ``name``."""
        extra = _Table(
            [_Printed(n) for n in dict.fromkeys(also)], lambda p: (p.id,), lambda p: p.id
        )
        tables: tuple[_Table[Any], ...] = (self._organisations, self._people, extra)
        ranked = sorted(
            (score, kind, position, label)
            for kind, table in enumerate(tables)
            for score, position, label in table.ranked(name)
        )
        return tuple(dict.fromkeys(label for *_, label in ranked))[:_SUGGESTIONS]

    # --- documents ---------------------------------------------------------------

    def documents(self, name: str) -> list[Document]:
        """Return the documents a name fits: id, title, or a fragment of either."""
        table = self._documents
        key = name_key(name)
        found = table.find(key)
        if found or not key:
            return found
        words = name_words(name)
        return [
            d
            for d in table.records
            if any(_holds(one, words) for one in table.names[d.id]) or key in name_key(d.id)
        ]

    def document(self, name: str) -> Document:
        """Return the one document a name fits.

        Raises:
            AmbiguousNameError: A fragment several documents share; the message lists them.
            UnknownRecordError: It fits none; the message suggests close titles and ids.
        """
        found = self.documents(name)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousNameError("document", name, [d.id for d in found])
        error = UnknownRecordError("document", name, ())
        error.suggestions = self._documents.suggest(name)
        raise error


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Return whether ``part`` is a run of whole words in ``words``."""
    size = len(part)
    return any(words[i : i + size] == part for i in range(len(words) - size + 1))
