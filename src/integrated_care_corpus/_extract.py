"""A rule-based quote extractor for UK news and policy writing.

:func:`extract` reads a raw text (a seed file, or any page in the genre) and
returns :class:`Candidate` quotes: the words inside quotation marks that the
text credits to someone, with the reporting words (the *cue*: "said",
"added", "according to") and the words naming the speaker (the *source*),
as PARC 3.0 splits an attribution. Its rules, in order:

1. **Quotation spans.** Each line is a paragraph. A mark opens a quotation
   at the start of a paragraph or after a space or bracket, when a
   non-space follows; the same family of mark closes it (single ``‘ '`` by
   ``’ '``, double ``“ "`` by ``” "``, curly and straight mixed). A single
   mark with a letter or digit on both sides is an apostrophe ("what's",
   "King’s"), and ``s'`` before a lower-case word ("patients' needs") is
   one too when a later mark can close the quotation. A paragraph that
   opens with a mark and does not close it is a quotation running on: when
   the next paragraph reopens with a mark, it continues the same quotation
   (British style), one candidate per paragraph.
2. **Stated attribution.** A quotation is credited when its sentence gives
   a cue and a source: after it (``'…,' said X``, ``'…,' she added``,
   ``…, said the DH.``), before it (``X said: '…'``, ``X added that the
   change was '…'``, ``This, the report said, was '…'``), or at the end of
   the paragraph before (``X said:`` and the quotation opens the next one).
   A quotation ending its own sentence (``X said: '… hurt.' Y said so.``)
   takes the credit before it first, since the words after it begin
   another sentence; any other takes the credit after it first.
3. **Inferred attribution.** A paragraph that opens with a quotation and
   credits nobody, right after a paragraph quoting speaker S, is S's
   (*inferred*; *continues* when the quotation before ran on). A quoted
   fragment in an uncredited sentence, right after a paragraph quoting S,
   is S's too (inferred). Neither rule applies in reader comments.
4. **Everything else is left out**: scare quotes ("the term '…'"), titles,
   programme names, headline fragments and reader comments' quoted words
   are not reported unless the text credits them.

Speakers are the names as the text prints them. Pronouns ("he", "she",
"they", "it") and back-references ("the minister", "the chief executive")
are resolved to the last speaker they can stand for, and a title with a
surname ("Mr Lamb") to the full name printed earlier in the text.
Publications ("the report", "A DH statement") stay as printed and take the
organisations of the body they belong to. Where a name matches the known
names (:class:`KnownNames`, by default the bundled corpus's), the
candidate carries that person's or organisation's id.

The rules use the standard library's :mod:`re` only; nothing is learnt
except the list of known names, which is why the benchmark scores the
extractor leave-one-document-out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._records import Basis, QuoteKind, Span

if TYPE_CHECKING:
    from ._corpus import Corpus

__all__ = ["Candidate", "KnownNames", "extract", "main"]

_OPEN_SINGLE = "‘'‛"
_OPEN_DOUBLE = '“"„'
_CLOSE_SINGLE = "’'"
_CLOSE_DOUBLE = '”"'
_MARKS = re.compile("[‘’'‛“”\"„]")
_BEFORE_OPENER = " \t([{—–-/"

# The reporting words. Longer forms first, so "called on" wins over "called".
_CUE_WORDS = (
    "according to",
    "According to",
    "called on",
    "calls on",
    "called for",
    "calls for",
    "called",
    "calls",
    "pointed out",
    "points out",
    "went on",
    "goes on",
    "put it",
    "puts it",
    "added",
    "adds",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "agreed",
    "agrees",
    "announced",
    "announces",
    "argued",
    "argues",
    "asked",
    "asks",
    "believes",
    "cautioned",
    "cautions",
    "claimed",
    "claims",
    "commented",
    "comments",
    "concluded",
    "concludes",
    "conceded",
    "concedes",
    "confirmed",
    "confirms",
    "continued",
    "declared",
    "described",
    "describes",
    "emphasised",
    "emphasises",
    "explained",
    "explains",
    "insisted",
    "insists",
    "maintained",
    "noted",
    "notes",
    "observed",
    "pledged",
    "pledges",
    "predicted",
    "predicts",
    "promised",
    "promises",
    "recalled",
    "recalls",
    "remarked",
    "replied",
    "replies",
    "responded",
    "revealed",
    "said",
    "says",
    "say",
    "stated",
    "states",
    "stressed",
    "stresses",
    "suggested",
    "suggests",
    "told",
    "tells",
    "urged",
    "urges",
    "warned",
    "warns",
    "wrote",
    "writes",
)


def _trie(words: Iterable[Sequence[str]]) -> str:
    """Return one pattern matching any of the words, each a sequence of pattern atoms.

    The alternatives share their prefixes (``sa(?:id|ys|y)``), so the regular
    expression engine tries one branch per character instead of every word
    at every position: this keeps ``extract`` above 1 MB/s.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for atom in word:
            node = node.setdefault(atom, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [atom + pattern(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return pattern(root)


def _atoms(word: str) -> list[str]:
    """Split a word into pattern atoms: any space matches a run of spaces."""
    return [r"\s+" if c == " " else re.escape(c) for c in word]


_CUE = "(?:" + _trie(_atoms(w) for w in _CUE_WORDS) + ")"
_CUE_RE = re.compile(r"(?<![\w’'-])" + _CUE + r"(?![\w’'-])")

_TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Professor",
    "Prof",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Baroness",
    "Baron",
    "Cllr",
    "Councillor",
    "Rev",
)
_WORD = r"[A-Z][a-zà-ÿ]+(?:[-’'][A-Z]?[a-zà-ÿ]+)*"
_TITLE = "(?:" + "|".join(_TITLES) + r")\.?"
# A run of capitalised words (titles allowed) that may end in a person's name;
# _person_name keeps the name: the words after the last role or body word.
_PERSON_RE = re.compile(
    rf"(?<![\w’'-])(?:{_TITLE}\s+)?{_WORD}(?:\s+(?:{_TITLE}\s+)?{_WORD}){{0,5}}(?![\w’'-])"
)
# Capitalised words that name bodies, places or roles, never a person.
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "by",
        "this",
        "that",
        "these",
        "those",
        "their",
        "its",
        "our",
        "his",
        "her",
        "nhs",
        "fund",
        "trust",
        "trusts",
        "department",
        "health",
        "care",
        "social",
        "services",
        "service",
        "council",
        "councils",
        "commission",
        "government",
        "minister",
        "ministers",
        "secretary",
        "chief",
        "executive",
        "director",
        "chair",
        "chairman",
        "chairwoman",
        "president",
        "officer",
        "report",
        "forum",
        "board",
        "boards",
        "group",
        "groups",
        "association",
        "institute",
        "university",
        "college",
        "centre",
        "center",
        "society",
        "agency",
        "office",
        "party",
        "committee",
        "policy",
        "framework",
        "england",
        "britain",
        "scotland",
        "wales",
        "ireland",
        "london",
        "uk",
        "national",
        "royal",
        "british",
        "english",
        "local",
        "general",
        "public",
        "primary",
        "secondary",
        "integrated",
        "commissioning",
        "clinical",
        "foundation",
        "hospital",
        "hospitals",
        "network",
        "partnership",
        "alliance",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "prime",
        "state",
        "labour",
        "conservative",
        "liberal",
        "democrat",
        "democrats",
        "mp",
        "mps",
        "news",
        "press",
        "statement",
        "document",
        "paper",
        "study",
        "review",
        "survey",
        "letter",
        "strategy",
        "white",
    ]
)
_PRONOUNS = {"he": "person", "she": "person", "they": "plural", "it": "body", "we": "plural"}
_PUBLICATION = (
    r"(?:report|statement|document|paper|study|review|survey|letter|briefing|analysis"
    r"|strategy|guidance|consultation|announcement|white\s+paper|green\s+paper)"
)
_PUBLICATION_RE = re.compile(
    r"(?<![\w’'-])(?:[Tt]he|[Aa]n?|[Tt]heir|[Ii]ts|[Hh]is|[Hh]er|[Oo]ur)\s+"
    r"(?:(?:[A-Z][\w’'&-]*|new|joint|latest|official|final|interim|annual)\s+){0,4}"
    + _PUBLICATION
    + r"(?![\w’'-])"
)
# A body named by what it is ("the charity", "a government spokesperson").
_GENERIC_BODY_RE = re.compile(
    r"(?<![\w’'-])(?:[Tt]he|[Aa]n?)\s+(?:[\w-]+\s+){0,2}?(?:charity|council|union|trust"
    r"|department|government|ministry|regulator|watchdog|think[- ]?tank|thinktank"
    r"|spokes(?:man|woman|person)|official|source|body|organisation|board)(?![\w’'-])"
)
_BACKREF_RE = re.compile(
    r"(?<![\w’'-])[Tt]he\s+(?:minister|chief\s+executive|director|secretary|chair(?:man|woman)?"
    r"|spokes(?:man|woman|person)|author|president|professor|doctor|chancellor)(?![\w’'-])"
)
_BODY_RE = re.compile(
    r"(?<![\w’'-])(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+)?(?:[A-Z][\w’'&-]*\s+)*[A-Z][\w’'&-]*"
    r"(?:\s+(?:and|of|for|&)\s+(?:the\s+)?(?:[A-Z][\w’'&-]*\s+)*[A-Z][\w’'&-]*)*"
)
_PLURAL_BODY_RE = re.compile(
    r"(?<![\w’'-])(?:[Tt]he|[Tt]wo|[Tt]hree|[Ff]our|[Ss]everal|[Bb]oth|[Mm]any|[Ss]ome)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:think[- ]?tanks|thinktanks|charities|councils|unions|authors"
    r"|doctors|organisations|bodies|groups|experts|campaigners|researchers|leaders)(?![\w’'-])"
)
# Words right before a mark that make the quoted words a term, a title or a name.
_TERM_RE = re.compile(
    r"(?:\b(?:term|terms|phrase|word|words|so-called|dubbed|called|known\s+as|labelled|"
    r"slogan|title|titled|entitled|headline|programme|campaign|motto|branded|nicknamed)"
    r"|#)\s*$",
    re.IGNORECASE,
)
_COMMENTS_RE = re.compile(
    r"^\s*(?:readers?[’']?\s+comments|comments?\s*\(\d+\)|\d+\s+comments?\b|#\d+\b|"
    r"add\s+(?:a\s+)?(?:new\s+)?comment|have\s+your\s+say|leave\s+a\s+comment)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:[’”'\")\]]+)?\s+(?=[A-Z‘“'\"(])")


@attrs.frozen
class Candidate:
    """One quotation the extractor found, with who the text says said it.

    Attributes:
        text: The words inside the quotation marks, exactly as printed.
        span: Where ``text`` is in the text the candidate was found in.
        speaker: The speaker as the text names them, with pronouns and
            back-references resolved; ``None`` only for a continued paragraph
            whose quotation has no credit.
        source: Where the words naming the speaker for this quotation are
            (``"Chris Ham, chief executive of The King’s Fund"``, ``"he"``),
            or ``None`` when the credit is carried over (continued or inferred).
        cue: Where the reporting words are (``"said"``, ``"according to"``),
            or ``None`` when the credit is carried over.
        kind: ``direct`` (a sentence or more) or ``partial`` (words woven
            into the text's own sentence).
        attribution: ``stated`` when the credit is given for these words,
            ``inferred`` when it is carried over from the paragraph before.
        continues: The ``span.start`` of the candidate this paragraph
            continues, for a quotation running across paragraphs.
        person_id: The known person the speaker is, if any.
        organisation_ids: The known organisations the speaker speaks for.
    """

    text: str
    span: Span
    speaker: str | None
    source: Span | None
    cue: Span | None
    kind: QuoteKind
    attribution: Basis
    continues: int | None = None
    person_id: str | None = None
    organisation_ids: tuple[str, ...] = ()

    def to_json(self, text: str, **where: str) -> dict[str, Any]:
        """Return the candidate as one object of the prediction format.

        Args:
            text: The text the candidate was found in (for the cue's words).
            where: ``file=...`` or ``document=...``: which text it is.
        """

        def excerpt(span: Span | None) -> dict[str, Any] | None:
            if span is None:
                return None
            return {"start": span.start, "end": span.end, "text": span.of(text)}

        return {
            **where,
            "start": self.span.start,
            "end": self.span.end,
            "text": self.text,
            "speaker": self.speaker,
            "source": excerpt(self.source),
            "cue": excerpt(self.cue),
            "kind": self.kind.value,
            "attribution": self.attribution.value,
            "continues": self.continues,
            "person_id": self.person_id,
            "organisation_ids": list(self.organisation_ids),
        }


def _name_atoms(name: str) -> list[str]:
    """Split a name into pattern atoms: either apostrophe, any run of spaces."""
    return ["['’]" if c in "'’" else r"\s+" if c.isspace() else re.escape(c) for c in name]


@attrs.frozen
class KnownNames:
    """Names of people and organisations the extractor recognises, with their ids.

    Attributes:
        people: ``(name, person id)`` pairs.
        organisations: ``(name, organisation id)`` pairs.
    """

    people: tuple[tuple[str, str], ...] = ()
    organisations: tuple[tuple[str, str], ...] = ()
    _pattern: re.Pattern[str] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )
    _ids: dict[str, tuple[str, str]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        """Compile the names into one pattern, longest first."""
        ids: dict[str, tuple[str, str]] = {}
        for name, pid in self.people:
            ids.setdefault(_key(name), ("person", pid))
        for name, oid in self.organisations:
            ids.setdefault(_key(name), ("organisation", oid))
        names = sorted({n for n, _ in (*self.people, *self.organisations) if n.strip()}, key=len)
        pattern = None
        if names:
            alternation = _trie(_name_atoms(n) for n in reversed(names))
            pattern = re.compile(rf"(?<![\w@])(?:{alternation})(?!\w)")
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "_ids", ids)

    @classmethod
    def from_corpus(cls, corpus: Corpus, *, excluding: Iterable[str] = ()) -> KnownNames:
        """Learn the names a corpus prints, leaving out some documents.

        With ``excluding``, a name is known only if a document not excluded
        prints it as a mention, so that scoring the extractor on an excluded
        document does not credit it with names it learnt from that document.
        Without it, every name and alias of every record is known.

        Args:
            corpus: The corpus to learn from.
            excluding: Ids of documents to learn nothing from.
        """
        left_out = set(excluding)
        people: list[tuple[str, str]] = []
        organisations: list[tuple[str, str]] = []
        if not left_out:
            people += [(n, p.id) for p in corpus.people for n in (p.name, *p.aliases)]
            organisations += [(n, o.id) for o in corpus.organisations for n in (o.name, *o.aliases)]
        for mention in corpus.mentions:
            if mention.document_id in left_out:
                continue
            if mention.person_id is not None:
                people.append((mention.text, mention.person_id))
            elif mention.organisation_id is not None:
                organisations.append((mention.text, mention.organisation_id))
        return cls(tuple(dict.fromkeys(people)), tuple(dict.fromkeys(organisations)))

    def find(self, text: str) -> list[tuple[Span, str, str]]:
        """Return ``(span, "person" or "organisation", id)`` for each known name in ``text``."""
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(text):
            kind, ident = self._ids.get(_key(m.group()), ("", ""))
            if ident:
                out.append((Span(m.start(), m.end()), kind, ident))
        return out

    def lookup(self, name: str) -> tuple[str, str] | None:
        """Return ``("person" or "organisation", id)`` for a name, or ``None``."""
        return self._ids.get(_key(name))


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").casefold().split())


_BUNDLED: list[KnownNames] = []


def _bundled_names() -> KnownNames:
    if not _BUNDLED:
        from ._loading import load  # noqa: PLC0415 - the corpus loads only when asked

        _BUNDLED.append(KnownNames.from_corpus(load()))
    return _BUNDLED[0]


# --- quotation spans --------------------------------------------------------------------


@attrs.frozen
class _Span:
    """A quotation found in one paragraph, before attribution."""

    line: int
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    opener: int  # the opening mark
    closer: int | None  # the closing mark, or None when the paragraph runs on
    family: str  # "single" or "double"


def _closes_single(line: str, j: int) -> bool:
    """Whether the single mark at ``j`` can close (it is not inside a word)."""
    before = line[j - 1] if j > 0 else " "
    after = line[j + 1] if j + 1 < len(line) else " "
    return not before.isspace() and not after.isalnum()


def _weak_close(line: str, j: int) -> bool:
    """``s'`` before a lower-case word: more likely a plural possessive than a close."""
    return line[j - 1 : j] in {"s", "S"} and re.match(r" [a-z]", line[j + 1 : j + 3]) is not None


def _quotations(line: str, number: int, offset: int) -> list[_Span]:
    """Find the quotations of one paragraph (``offset`` is its place in the text)."""
    marks = [m.start() for m in _MARKS.finditer(line)]
    found: list[_Span] = []
    lead = len(line) - len(line.lstrip())
    k = 0
    while k < len(marks):
        i = marks[k]
        k += 1
        c = line[i]
        prev = line[i - 1] if i > 0 else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if prev not in _BEFORE_OPENER or nxt.isspace() or c in "’”":
            continue
        family = "single" if c in _OPEN_SINGLE else "double"
        closers = _CLOSE_SINGLE if family == "single" else _CLOSE_DOUBLE
        openers = _OPEN_SINGLE if family == "single" else _OPEN_DOUBLE
        close = None
        for n in range(k, len(marks)):
            j = marks[n]
            if line[j] not in closers or j == i + 1:
                continue
            if family == "double":
                close = n
                break
            if not _closes_single(line, j):
                continue
            if _weak_close(line, j) and _later_close(line, marks, n + 1, closers, openers):
                continue
            close = n
            break
        if close is None:
            if i == lead or line[:i].rstrip().endswith((":", ",")):  # runs on
                end = len(line.rstrip())
                if end > i + 1:
                    found.append(
                        _Span(number, offset + i + 1, offset + end, offset + i, None, family)
                    )
            continue
        j = marks[close]
        if line[i + 1 : j].strip():
            found.append(_Span(number, offset + i + 1, offset + j, offset + i, offset + j, family))
        k = close + 1
    return found


def _later_close(line: str, marks: Sequence[int], start: int, closers: str, openers: str) -> bool:
    """Whether a later mark closes the quotation before another one opens."""
    for j in marks[start:]:
        c = line[j]
        prev = line[j - 1] if j > 0 else " "
        if c in openers and prev in _BEFORE_OPENER:
            return False
        if c in closers and _closes_single(line, j):
            return True
    return False


# --- speakers -----------------------------------------------------------------------------


@attrs.frozen
class _Speaker:
    """Who a credit names: the name as printed, its kind, and known ids."""

    name: str
    kind: str  # "person", "plural", "body" or "publication"
    person_id: str | None = None
    organisation_ids: tuple[str, ...] = ()


@attrs.define
class _Memory:
    """The speakers seen so far, for pronouns, back-references and surnames."""

    person: _Speaker | None = None
    plural: _Speaker | None = None
    body: _Speaker | None = None
    people: list[_Speaker] = attrs.Factory(list)

    def remember(self, speaker: _Speaker) -> None:
        if speaker.kind == "person":
            self.person = speaker
            self.people.append(speaker)
        elif speaker.kind == "plural":
            self.plural = speaker
            self.body = self.body or speaker
        elif speaker.kind == "body":
            self.body = speaker

    def organisations(self) -> tuple[str, ...]:
        for speaker in (self.plural, self.body, self.person):
            if speaker is not None and speaker.organisation_ids:
                return speaker.organisation_ids
        return ()


class _Reader:
    """Resolves sources in one text, remembering speakers in text order."""

    def __init__(self, text: str, names: KnownNames) -> None:
        self.text = text
        self.names = names
        self.memory = _Memory()

    def earlier_names(self, at: int) -> list[str]:
        """Return the people's names printed before ``at`` (in a window), in text order."""
        found = _PERSON_RE.finditer(self.text, max(0, at - _NAME_REACH), at)
        return [n for n in (_person_name(m.group()) for m in found) if n is not None]

    def speaker(
        self, start: int, end: int, *, after_cue: bool = False
    ) -> tuple[_Speaker, Span] | None:
        """Read the source in ``text[start:end]``: who it names, and its span.

        The phrase is cut into clauses at commas. Before a cue the speaker is
        the last clause that is not an apposition ("Chris Ham, chief executive
        of The King's Fund" gives Chris Ham); after a cue ("said the DH"), the
        first clause.
        """
        text = self.text
        phrase = text[start:end]
        trimmed = _TRAILING.sub("", phrase.rstrip(" ,;:—–-\t"))
        clauses = _clauses(start, start + len(trimmed), text)
        if not clauses:
            return None
        order = clauses if after_cue else list(reversed(clauses))
        for n, (c_start, c_end) in enumerate(order):
            clause = text[c_start:c_end]
            if _is_apposition(clause) and n + 1 < len(order):
                # "health secretary Jeremy Hunt" names its person; "director of X" does not.
                found = self._head(c_start, c_end, at_start=after_cue)
                if found is None or found[0].kind != "person" or found[0].name == clause:
                    continue
            found = self._head(c_start, c_end, at_start=after_cue)
            if found is None:
                return None
            speaker, name = found
            source_start = name.start
            source_end = clauses[-1][1]
            index = clauses.index((c_start, c_end))
            lead = text[c_start : name.start]
            if (
                not after_cue
                and speaker.kind == "person"
                and _ROLE_WORDS.search(lead)
                and len(lead.split()) <= _ROLE_MAX_WORDS
                and not any(w.casefold() in _FUNCTION_WORDS for w in lead.split())
            ):
                # "Nuffield Trust executive Dr Jennifer Dixon": the role is part of the source.
                source_start = c_start
            elif not after_cue and index > 0 and speaker.kind == "person":
                # "The King's Fund's Chief Executive, Niall Dickson": a role before the name.
                role = text[clauses[index - 1][0] : clauses[index - 1][1]]
                if _ROLE_WORDS.search(role) and len(role.split()) <= _ROLE_MAX_WORDS:
                    source_start = clauses[index - 1][0]
            source = Span(source_start, source_end)
            orgs = tuple(i for _, k, i in self.names.find(source.of(text)) if k != "person")
            if speaker.kind == "person" and orgs and not speaker.organisation_ids:
                speaker = attrs.evolve(speaker, organisation_ids=tuple(dict.fromkeys(orgs)))
            return speaker, source
        return None

    def _head(  # noqa: PLR0911 - one return per kind of source
        self, start: int, end: int, *, at_start: bool
    ) -> tuple[_Speaker, Span] | None:
        """Return the speaker a clause names, at its end (or, after a cue, its start)."""
        text = self.text
        clause = text[start:end]
        low = clause.casefold()
        if low in _PRONOUNS:
            return self._pronoun(low, start), Span(start, end)

        def placed(m_start: int, m_end: int) -> bool:
            if at_start:
                # "said the DH", "says minister Jane Smith": at most a role in lower case first.
                lead = clause[:m_start].split()
                return len(lead) <= _ROLE_MAX_WORDS and all(w.islower() or w == "The" for w in lead)
            return m_end == len(clause)

        for span, kind, ident in self.names.find(clause):
            if kind == "person" and placed(span.start, span.end):
                at = start + span.start
                title = _TITLE_BEFORE.search(text, max(0, at - 14), at)
                if title is not None:
                    at = title.start()
                where = Span(at, start + span.end)
                return self._person(where, ident), where
        for m in _PERSON_RE.finditer(clause):
            name = _person_name(m.group())
            # The name is rebuilt from single-spaced words: not found as printed
            # (two spaces inside it), it is no name this clause can point at.
            if name is None or name not in m.group():
                continue
            at = m.start() + m.group().index(name)
            if placed(at, at + len(name)):
                where = Span(start + at, start + at + len(name))
                return self._person(where, None), where
        for pattern, kind in (
            (_BACKREF_RE, "backref"),
            (_PUBLICATION_RE, "publication"),
            (_PLURAL_BODY_RE, "plural"),
            (_GENERIC_BODY_RE, "body"),
        ):
            anchored = _ANCHORED[pattern, at_start]
            hit = anchored.match(clause) if at_start else anchored.search(clause)
            if hit is not None and placed(hit.start(), hit.end()):
                span = Span(start + hit.start(), start + hit.end())
                if kind == "backref":
                    # "the minister": the person last credited, else the words as printed.
                    return self.memory.person or _Speaker(hit.group(), "person"), span
                if kind == "publication":
                    orgs = tuple(i for _, k, i in self.names.find(hit.group()) if k != "person")
                    speaker = _Speaker(
                        hit.group(), "publication", None, orgs or self.memory.organisations()
                    )
                    if orgs:
                        self.memory.remember(attrs.evolve(speaker, kind="body"))
                    return speaker, span
                if kind in {"plural", "body"}:
                    return _Speaker(hit.group(), kind), span
        return self._body(start, clause, at_start=at_start)

    def _person(self, span: Span, ident: str | None, name: str | None = None) -> _Speaker:
        name = span.of(self.text) if name is None else name
        if ident is None:
            found = self.names.lookup(name)
            ident = found[1] if found and found[0] == "person" else None
        if ident is None and " " in name:
            title, _, surname = name.partition(" ")
            if title.rstrip(".") in _TITLES and " " not in surname and span.end > span.start:
                for full in reversed(self.earlier_names(span.start)):
                    known = self.names.lookup(full)
                    if full.rsplit(" ", 1)[-1] == surname and known and known[0] == "person":
                        ident = known[1]
                        break
        return _Speaker(name, "person", ident)

    def _pronoun(self, word: str, at: int) -> _Speaker:
        kind = _PRONOUNS[word]
        memory = self.memory
        if kind == "person" and memory.person is None:
            # No one credited yet: the last person the text named before the pronoun.
            named = self.earlier_names(at)
            if named:
                return self._person(Span(0, 0), None, name=named[-1])
        options = {
            "person": (memory.person,),
            "plural": (memory.plural, memory.body),
            "body": (memory.body, memory.plural),
        }[kind]
        for speaker in options:
            if speaker is not None:
                return speaker
        return _Speaker(word, kind)

    def _body(self, start: int, clause: str, *, at_start: bool) -> tuple[_Speaker, Span] | None:
        """Return an organisation, or several, named by capitalised words."""
        for m in _BODY_RE.finditer(clause):
            words = m.group().split()
            if len(words) == 1 and words[0].casefold() in {"the", "a", "an"}:
                continue
            if at_start:
                ok = not clause[: m.start()].strip()
            else:
                lead = clause[: m.start()].split()
                ok = m.end() == len(clause) and (not lead or lead[-1].islower())
            if not ok or len(words) > 10:  # noqa: PLR2004 - a clause, not a name
                continue
            name = m.group()
            orgs = tuple(i for _, k, i in self.names.find(name) if k == "organisation")
            plural = re.search(r"\s(?:and|&)\s", name) is not None
            span = Span(start + m.start(), start + m.end())
            return _Speaker(name, "plural" if plural else "body", None, orgs), span
        return None


# Each kind of source, anchored where a clause must have it: at its end
# before a cue ("the report said"), at its start after one ("said the DH").
_ANCHORED = {
    (pattern, at_start): re.compile(
        r"(?:(?:the|The)\s+)?(?:" + pattern.pattern + ")"
        if at_start
        else "(?:" + pattern.pattern + r")\Z"
    )
    for pattern in (_BACKREF_RE, _PUBLICATION_RE, _PLURAL_BODY_RE, _GENERIC_BODY_RE)
    for at_start in (True, False)
}
_TRAILING = re.compile(
    r"(?:\s+(?:has|have|had|also|now|then|later|today|yesterday|previously|earlier|recently"
    r"|further|however|once|again|both|all|will|would|has\s+now|last\s+week|this\s+week))+$"
)
_TITLE_BEFORE = re.compile(rf"{_TITLE}\s+$")
_ROLE_WORDS = re.compile(
    r"\b(?:chief|executive|director|minister|secretary|chair(?:man|woman)?|head|leader"
    r"|spokes(?:man|woman|person)|president|officer|author|manager|adviser|advisor"
    r"|professor|lecturer|fellow|editor|partner|member|founder|commissioner)\b",
    re.IGNORECASE,
)
_ROLE_MAX_WORDS = 8
# Words that make the words before a name a clause of their own, not a role.
_FUNCTION_WORDS = frozenset(
    {
        *("that", "which", "who", "whom", "when", "while", "because", "but", "it", "this"),
        *("is", "was", "are", "were", "has", "have", "had", "said", "says", "told"),
        *("after", "before", "since", "as", "in", "on", "at", "to", "by", "with", "from"),
    }
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "our", "his", "her"})


def _clauses(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at commas and dashes into trimmed clauses."""
    out = []
    at = start
    for m in re.finditer(r"\s*[,;—–]\s*|\s+-\s+", text[start:end]):
        piece = (at, start + m.start())
        if piece[1] > piece[0]:
            out.append(piece)
        at = start + m.end()
    if end > at:
        out.append((at, end))
    trimmed = []
    for a, b in out:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        tail = len(chunk.rstrip())
        if tail > lead:
            trimmed.append((a + lead, a + tail))
    return trimmed


def _is_apposition(clause: str) -> bool:
    """Whether a clause describes a speaker named before it ("director of the Nuffield Trust")."""
    words = clause.split()
    if not words:
        return True
    first = words[0].casefold()
    if words[0] in {"a", "an"}:  # "a colleague of Jane Brown"
        return True
    if first in _PRONOUNS or first in _DETERMINERS:
        return False
    return words[0][:1].islower() or _ROLE_WORDS.match(clause) is not None


def _person_name(words: str) -> str | None:
    """Return the person's name in a run of capitalised words, or ``None``.

    Role words before the name are dropped ("Prime Minister David Cameron"
    gives "David Cameron"); a run with a body's word in it is no name.
    """
    tokens = words.split()
    keep: list[str] = []
    for token in reversed(tokens):
        bare = token.rstrip(".").casefold().replace("’", "'")
        if bare in _NOT_NAMES or bare.endswith(("'s", "s'")):
            break
        keep.append(token)
    keep.reverse()
    if not keep:
        return None
    titled = keep[0].rstrip(".") in _TITLES
    if len(keep) < 2 or (titled and len(keep) < 2):  # noqa: PLR2004
        return None
    if not titled and len(keep) > 3:  # noqa: PLR2004
        return None
    return " ".join(keep)


# --- attribution ----------------------------------------------------------------------------


def _sentence_bounds(
    stops: Sequence[tuple[int, int]], at: int, quotes: Sequence[tuple[int, int]], length: int
) -> tuple[int, int]:
    """Return the sentence around position ``at``, ignoring stops inside quotations.

    Looking back, a quotation ending its sentence inside the marks
    (``‘It works.’ The rest …``) ends it; looking forward it does not, so
    that ``‘It works.’ Jane Smith said.`` keeps its credit in the sentence.
    """
    start, end = 0, length
    for stop, after in stops:
        inside = [(a, b) for a, b in quotes if a <= stop < b]
        if after <= at:
            if not inside or after > inside[0][1]:
                start = after
        elif stop >= at and not inside:
            end = stop + 1
            break
    return start, end


@attrs.frozen
class _Credit:
    speaker: _Speaker
    source: Span
    cue: Span


def extract(text: str, *, names: KnownNames | None = None) -> tuple[Candidate, ...]:
    """Find the quotations a text credits to someone, with speakers and cues.

    Args:
        text: The text, as a Python string (offsets are ``str`` indices).
        names: Known people and organisations, for ids and to recognise
            names; by default the bundled corpus's (:meth:`KnownNames.from_corpus`).
            ``KnownNames()`` knows nobody.

    Returns:
        The candidates in text order.

    >>> text = "Chris Ham said: ‘We know it works.’ The rest is ‘scare quotes’."
    >>> [(c.text, c.speaker, c.kind.value) for c in extract(text)]
    [('We know it works.', 'Chris Ham', 'direct')]
    """
    return _Extraction(text, _bundled_names() if names is None else names).run()


class _Extraction:
    """One pass over a text, paragraph by paragraph."""

    def __init__(self, text: str, names: KnownNames) -> None:
        self.text = text
        self.reader = _Reader(text, names)
        self.found: list[Candidate] = []

    def run(self) -> tuple[Candidate, ...]:
        text = self.text
        offset = 0
        in_comments = False
        before = _Paragraph()
        for number, line in enumerate(text.split("\n")):
            base = offset
            offset += len(line) + 1
            if not line.strip():
                continue
            in_comments = in_comments or _COMMENTS_RE.match(line) is not None
            if _MARKS.search(line) is None and _CUE_RE.search(line) is None:
                before = _Paragraph(line, base, [], in_comments)  # nothing to read here
                continue
            here = _Paragraph(line, base, _quotations(line, number, base), in_comments)
            cues = self._cues(here)
            reported = 0
            for s in here.spans:
                # Reported speech before the quotation updates who pronouns stand for.
                while reported < len(cues) and cues[reported].start() < s.opener - base:
                    self._remember(here, cues[reported])
                    reported += 1
                candidate = self._credit(s, here, cues, before)
                if candidate is not None:
                    here.candidates.append(candidate)
            for cue in cues[reported:]:
                self._remember(here, cue)
            self.found += here.candidates
            before = here
        return tuple(self.found)

    def _cues(self, p: _Paragraph) -> list[re.Match[str]]:
        """Return the reporting words outside the quotations, passives left out."""
        out = []
        for m in _CUE_RE.finditer(p.line):
            if p.inside(m.start()) or _PASSIVE.search(p.line, max(0, m.start() - 30), m.start()):
                continue
            out.append(m)
        return out

    def _remember(self, p: _Paragraph, cue: re.Match[str]) -> None:
        """Remember who reported speech credits ("The think-tanks argue that ...")."""
        s_start, s_end = p.sentence(cue.start())
        if any(s_start <= a < cue.start() for a, _ in p.quotes):
            return
        found = self._source(p, cue, s_start, s_end)
        if found is not None:
            self.reader.memory.remember(found[0])

    def _source(
        self, p: _Paragraph, cue: re.Match[str], lo: int, hi: int
    ) -> tuple[_Speaker, Span] | None:
        """Who a cue credits: the words before it ("X said"), or after ("according to X")."""
        base = p.base
        if cue.group().casefold().startswith("according"):
            tail = p.line[cue.end() : hi]
            stop = re.search(r"[,:;.!?‘“'\"]|$", tail)
            end = cue.end() + (stop.start() if stop else len(tail))
            return self.reader.speaker(base + cue.end(), base + end, after_cue=True)
        # A source is a few clauses at most: look no further back than _SOURCE_REACH.
        return self.reader.speaker(base + max(lo, cue.start() - _SOURCE_REACH), base + cue.start())

    def _credit(  # noqa: PLR0911 - one return per rule, in the rules' order
        self, s: _Span, p: _Paragraph, cues: Sequence[re.Match[str]], before: _Paragraph
    ) -> Candidate | None:
        line, base = p.line, p.base
        opener = s.opener - base
        after_close = (s.closer - base + 1) if s.closer is not None else len(line)
        s_start, s_end = p.sentence(opener)
        leading = line[s_start:opener]
        paragraph_initial = not line[:opener].strip()
        content = self.text[s.start : s.end]
        if _TERM_RE.search(leading) and not paragraph_initial:
            return None
        after = self._after(p, after_close, s_end, cues)
        before_ = self._before(p, s_start, opener, cues)
        # "X said: '… hurt.' Y said so.": a quotation ending its own sentence keeps
        # the credit before it; the words after begin another sentence.
        first, second = (before_, after) if content.rstrip().endswith(".") else (after, before_)
        credit = first or second or self._sentence_end(p, s_start, s_end, opener, cues)
        if credit is None and paragraph_initial and before.line.rstrip().endswith(":"):
            credit = self._colon_paragraph(before)
        direct = paragraph_initial or (
            (not leading.strip() or leading.rstrip().endswith((":", ","))) and content[:1].isupper()
        )
        kind = QuoteKind.DIRECT if direct else QuoteKind.PARTIAL
        earlier = before.candidates[-1] if before.candidates else None
        # A paragraph reopening a quotation the paragraph before left open continues it.
        running_on = (
            paragraph_initial
            and earlier is not None
            and bool(before.spans)
            and before.spans[-1].closer is None
            and earlier.span.start == before.spans[-1].start
        )
        continues = earlier.span.start if running_on and earlier is not None else None
        if credit is not None:
            self.reader.memory.remember(credit.speaker)
            return Candidate(
                text=content,
                span=Span(s.start, s.end),
                speaker=credit.speaker.name,
                source=credit.source,
                cue=credit.cue,
                kind=kind,
                attribution=Basis.STATED,
                continues=continues,
                person_id=credit.speaker.person_id,
                organisation_ids=credit.speaker.organisation_ids,
            )
        if p.in_comments:
            return None
        same = p.candidates and not leading.strip() and content[:1].isupper()
        if same:
            # A sentence that is a quotation, after a credited one in the same paragraph.
            earlier = p.candidates[-1]
        elif earlier is None:
            return None
        carried = attrs.evolve(
            earlier,
            text=content,
            span=Span(s.start, s.end),
            source=None,
            cue=None,
            kind=kind,
            attribution=Basis.INFERRED,
            continues=None,
        )
        if same:
            return carried
        if paragraph_initial:
            if continues is not None:
                return attrs.evolve(carried, attribution=earlier.attribution, continues=continues)
            return carried
        sentence_cues = [c for c in cues if s_start <= c.start() < s_end]
        if kind is QuoteKind.PARTIAL and not sentence_cues:
            return carried
        return None

    def _after(
        self, p: _Paragraph, at: int, s_end: int, cues: Sequence[re.Match[str]]
    ) -> _Credit | None:
        """``'…,' said X`` / ``'…,' X said`` right after the closing mark."""
        line, base = p.line, p.base
        gap = re.match(r"\s*,?\s+", line[at:s_end])
        rest_at = at + (gap.end() if gap else 0)
        cue = next((c for c in cues if rest_at <= c.start() < s_end), None)
        if cue is None:
            return None
        if cue.start() == rest_at:  # "said the DH", "said Chris Ham, chief executive of ..."
            stop = re.search(r"[.;!?‘“]|$", line[cue.end() : s_end])
            end = cue.end() + (stop.start() if stop else 0)
            found = self.reader.speaker(base + cue.end(), base + end, after_cue=True)
        else:
            words = line[rest_at : cue.start()]
            if len(words.split()) > 8 or "," in words:  # noqa: PLR2004 - too far to credit
                return None
            found = self.reader.speaker(base + rest_at, base + cue.start())
        if found is None:
            return None
        return _Credit(found[0], found[1], Span(base + cue.start(), base + cue.end()))

    def _before(
        self, p: _Paragraph, s_start: int, opener: int, cues: Sequence[re.Match[str]]
    ) -> _Credit | None:
        """``X said: '…'``, ``X added that … '…'`` or ``This, the report said, was '…'``."""
        mine = [c for c in cues if s_start <= c.start() < opener]
        if not mine:
            return None
        cue = mine[-1]
        src_start = s_start
        for a, b in p.quotes:  # an earlier quotation in the sentence bounds the source
            if src_start <= a < cue.start():
                src_start = b + 1
        found = self._source(p, cue, src_start, opener)
        if found is None:
            return None
        return _Credit(found[0], found[1], Span(p.base + cue.start(), p.base + cue.end()))

    def _sentence_end(
        self, p: _Paragraph, s_start: int, s_end: int, opener: int, cues: Sequence[re.Match[str]]
    ) -> _Credit | None:
        """Credit every quotation in a sentence that ends ``…, said the DH.``."""
        line = p.line
        for cue in cues:
            if not (opener < cue.start() < s_end) or any(
                cue.start() < a < s_end for a, _ in p.quotes
            ):
                continue
            if not re.search(r",\s*$", line[s_start : cue.start()]):
                continue
            stop = re.search(r"[.;!?]|$", line[cue.end() : s_end])
            end = cue.end() + (stop.start() if stop else 0)
            found = self.reader.speaker(p.base + cue.end(), p.base + end, after_cue=True)
            if found is not None:
                return _Credit(found[0], found[1], Span(p.base + cue.start(), p.base + cue.end()))
        return None

    def _colon_paragraph(self, p: _Paragraph) -> _Credit | None:
        """Credit a paragraph's quotation to the one before, ending ``…, X said:``."""
        stripped = p.line.rstrip()[:-1].rstrip()
        cues = [c for c in self._cues(p) if c.end() == len(stripped)]
        if not cues:
            return None
        cue = cues[-1]
        s_start, s_end = p.sentence(cue.start())
        found = self._source(p, cue, s_start, s_end)
        if found is None:
            return None
        return _Credit(found[0], found[1], Span(p.base + cue.start(), p.base + cue.end()))


@attrs.define
class _Paragraph:
    """One line of the text, its quotations and what was credited in it."""

    line: str = ""
    base: int = 0
    spans: list[_Span] = attrs.Factory(list)
    in_comments: bool = False
    candidates: list[Candidate] = attrs.Factory(list)
    quotes: list[tuple[int, int]] = attrs.field(init=False)
    _stops: list[tuple[int, int]] | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        self.quotes = [
            (s.opener - self.base, (s.closer if s.closer is not None else s.end) - self.base)
            for s in self.spans
        ]

    def sentence(self, at: int) -> tuple[int, int]:
        """Return the sentence of the line around position ``at``."""
        if self._stops is None:
            self._stops = [m.span() for m in _SENTENCE_END.finditer(self.line)]
        return _sentence_bounds(self._stops, at, self.quotes, len(self.line))

    def inside(self, at: int) -> bool:
        """Whether position ``at`` of the line is inside one of its quotations."""
        return any(a <= at < b for a, b in self.quotes)


_SOURCE_REACH = 250
# How far back a title and surname ("Mr Lamb") or a pronoun looks for a full name.
_NAME_REACH = 5000
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$")


# --- command line -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run ``integrated-care-corpus extract FILE... [--json]``; return the exit code."""
    import argparse  # noqa: PLC0415 - only the command line needs it
    import json  # noqa: PLC0415
    import sys  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="integrated-care-corpus extract",
        description="Find the quotations texts credit to someone, with speakers and cues.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files")
    parser.add_argument(
        "--json", action="store_true", help="one JSON object per line (the prediction format)"
    )
    parser.add_argument(
        "--no-known-names",
        action="store_true",
        help="do not use the bundled corpus's names (no ids)",
    )
    args = parser.parse_args(argv)
    names = KnownNames() if args.no_known_names else None
    status = 0
    for name in args.files:
        try:
            text = Path(name).read_bytes().decode("utf-8")
        except OSError as exc:
            print(f"integrated-care-corpus extract: error: {name}: {exc.strerror}", file=sys.stderr)
            status = 1
            continue
        except UnicodeDecodeError as exc:
            print(
                f"integrated-care-corpus extract: error: {name}: not UTF-8 at byte {exc.start}",
                file=sys.stderr,
            )
            status = 1
            continue
        for c in extract(text, names=names):
            if args.json:
                print(json.dumps(c.to_json(text, file=name), ensure_ascii=False))
            else:
                speaker = c.speaker or "?"
                short = c.text if len(c.text) <= 70 else c.text[:67] + "..."  # noqa: PLR2004
                print(
                    f"{name}:{c.span.start}-{c.span.end}\t{speaker}\t"
                    f"{c.kind.value}/{c.attribution.value}\t{short}"
                )
    return status
