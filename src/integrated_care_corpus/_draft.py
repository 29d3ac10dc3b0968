"""Draft a curation file from a text: proposed regions, quotes, mentions and non-quotes.

A curator adding a document reviews a draft instead of typing every entry.
:func:`draft` reads the text, proposes what ``docs/curation.md`` asks for and
marks every proposal with a ``review`` key saying what to check. The build
refuses a file that still carries a mark (see :mod:`._review`), so nothing a
machine guessed reaches a release unseen.

What is proposed, and how:

- **Regions**, line by line: site furniture by its wording (cookie notices,
  "This content relates to the following topics:", "Unsuitable or
  offensive? Report this comment", "Have your say", sharing and subscription
  prompts, logos, list bullets, comment signatures); the first other line
  as the headline; a line that is only a date as the dateline; "By ..." as
  the byline; "Notes to editors" and what follows as notes; reader
  comments after a comments heading or a signature; the rest as body.
- **Document fields**: an id from the headline, a kind from the page's
  shape, a published date where the byline or dateline prints one; the
  publisher and topics are left for the curator.
- **Quotes**: every candidate of :func:`~integrated_care_corpus.extract`,
  with speaker, person, organisations, kind, attribution and continuation;
  its ``source`` and ``cue`` as the build reads them (words found once, or
  ``{text, context}``); and, for a known person, the ``role`` words beside
  the name (carried over to the paragraphs that continue the quotation),
  with the ``people.toml`` role entry the build will need, ``former = true``
  where the text gives the role as past. A role with no known person stays
  a comment: the format's ``role`` names one of a person's roles.
- **Non-quotes**: every other opening quotation mark in a headline,
  standfirst, body or notes, with the likely reason.
- **Mentions**: every occurrence of a known organisation's or person's
  name or alias, counted as the build counts; occurrences in other case
  ("trust" the verb) are proposed as ``not_mentions``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from ._extract import Candidate, KnownNames, _bundled_names, _quotations, extract
from ._records import Span
from ._review import REVIEW_KEY

if TYPE_CHECKING:
    from ._corpus import Corpus

__all__ = ["draft", "main"]

_FURNITURE = re.compile(
    r"^\s*(?:"
    r"cookie|by continuing to use this site|since \d+ \w+ \d{4}, the law|"
    r"this content relates to the following topics|this site is intended for|"
    r"unsuitable or offensive\?|report this comment|have your say|add (?:a )?new comment|"
    r"leave a comment|post a comment|readers?[’']? comments|comments? \(\d+\)|"
    r"click here|read the report|read more|see more|keep up to date|subscribe|sign up|"
    r"share this|follow us|related (?:articles|content)|did you enjoy this article|"
    r"at the heart of general practice|advertisement|image:|photo:|"
    r".{0,40}\blogo\s*$|•\s*$"
    r")",
    re.IGNORECASE,
)
_COMMENTS_START = re.compile(
    r"^\s*(?:readers?[’']? comments|comments? \(\d+\)|\d+ comments?|#\d+\b)", re.IGNORECASE
)
_SIGNATURE = re.compile(r"^\s*#(\d+)\s+(.+?)\s*$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\s+(\d{{4}})\b")
_DATELINE = re.compile(
    rf"^\s*\d{{1,2}}\s+(?:{_MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\s+\d{{2,4}}\s*$"
)
_BYLINE = re.compile(r"^\s*By\s+[A-Z]")
_NOTES = re.compile(r"^\s*notes\s+(?:to|for)\s+editors\b", re.IGNORECASE)
# The build's own test for an opening mark in quotable text.
_OPENING_MARK = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))[‘“'\"](?=\S)", re.MULTILINE)
_QUOTABLE = {"headline", "standfirst", "body", "notes"}
_TERM_BEFORE = re.compile(
    r"\b(?:term|phrase|word|so-called|dubbed|called|known as)\s*$", re.IGNORECASE
)


@attrs.frozen
class _Region:
    kind: str
    span: Span
    why: str


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, trailing spaces left out."""
    out = []
    at = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        if stripped.strip():
            out.append((at + lead, at + len(stripped)))
        at += len(line) + 1
    return out


def _regions(text: str) -> list[_Region]:
    """Propose the regions of a page, in text order."""
    kinds: list[tuple[str, int, int, str]] = []
    headline_done = False
    in_comments = False
    in_notes = False
    signature_left = 0
    for start, end in _lines(text):
        line = text[start:end]
        if _COMMENTS_START.match(line):
            in_comments = True
        signature = _SIGNATURE.match(line)
        if signature:
            kinds.append(("furniture", start, end, "a comment's signature (number and name)"))
            signature_left = 2
            continue
        if line.startswith("•") and line[1:].strip():
            kinds.append(("furniture", start, start + 1, "a list bullet"))
            rest = len(line[1:]) - len(line[1:].lstrip())
            start = start + 1 + rest  # noqa: PLW2901 - the comment after the bullet
            line = text[start:end]
        if _FURNITURE.match(line):
            kinds.append(("furniture", start, end, "site furniture, by its wording"))
            signature_left = 0
            continue
        if signature_left and len(line) <= 80 and not line.endswith((".", "?", "!")):  # noqa: PLR2004
            kinds.append(("furniture", start, end, "a comment's signature (role or affiliation)"))
            signature_left -= 1
            continue
        signature_left = 0
        if in_comments:
            kinds.append(("comment", start, end, "a reader's comment"))
            continue
        if not headline_done:
            kinds.append(("headline", start, end, "the first line that is not furniture"))
            headline_done = True
            continue
        if _DATELINE.match(line):
            kinds.append(("dateline", start, end, "a line that is only a date"))
            continue
        if _BYLINE.match(line):
            kinds.append(("byline", start, end, "a line starting 'By ...'"))
            continue
        if _NOTES.match(line):
            in_notes = True
        kinds.append(("notes" if in_notes else "body", start, end, "running text"))
    merged: list[_Region] = []
    for kind, start, end, why in kinds:
        last = merged[-1] if merged else None
        # Consecutive lines of one kind are one region, but each comment is its own
        # (comments are told apart by the furniture between them).
        if (last is not None and last.kind == kind and kind != "furniture") or (
            last is not None and last.kind == kind == "furniture"
        ):
            merged[-1] = _Region(kind, Span(last.span.start, end), last.why)
        else:
            merged.append(_Region(kind, Span(start, end), why))
    return merged


def _anchor_end(text: str, start: int, end: int) -> str:
    """Words ending a region, whose first occurrence after ``start`` ends it.

    A tail of the region's last line of a few words, else the whole last
    line, else the shortest tail that works (always: the whole region does).
    """
    piece = text[start:end]
    last_line = piece.rsplit("\n", 1)[-1].strip()
    tails = [piece[m.start() :] for m in re.finditer(r"\S+", piece)]
    valid = [t for t in reversed(tails) if text.find(t, start) + len(t) == end]
    for tail in valid:
        if len(tail) >= 12 and "\n" not in tail:  # noqa: PLR2004 - a few words
            return tail
    if last_line in valid:
        return last_line
    return valid[0] if valid else piece


def _unique(text: str, span: Span) -> tuple[str, str | None]:
    """Return the words of ``span``, and a longer context when they recur."""
    words = span.of(text)
    if text.count(words) == 1:
        return words, None
    for width in (10, 20, 40, 80, 160, 320):
        a = max(0, span.start - width)
        b = min(len(text), span.end + width)
        context = text[a:b]
        if text.count(context) == 1 and "\n" not in context.strip("\n"):
            return words, context
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    return words, text[line_start : len(text) if line_end < 0 else line_end]


def _slug(words: str, limit: int = 6) -> str:
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_words.casefold())
    return "-".join(parts[:limit]) or "untitled"


class _Toml:
    """Writes TOML: basic strings are JSON strings (TOML reads the same escapes)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    @staticmethod
    def value(value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, (list, tuple)):
            return "[" + ", ".join(_Toml.value(v) for v in value) + "]"
        if isinstance(value, dict):  # an inline table; the keys are bare words
            return "{ " + ", ".join(f"{k} = {_Toml.value(v)}" for k, v in value.items()) + " }"
        return json.dumps(str(value), ensure_ascii=False)

    def comment(self, text: str) -> None:
        self.lines += [f"# {line}".rstrip() for line in text.splitlines()]

    def key(self, name: str, value: object) -> None:
        if value is not None:
            self.lines.append(f"{name} = {self.value(value)}")

    def table(self, header: str) -> None:
        self.lines += ["", header]

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _quote_entries(
    out: _Toml, text: str, candidates: Sequence[Candidate], regions: Sequence[_Region]
) -> None:
    ids = {c.span.start: f"q{n}" for n, c in enumerate(candidates, start=1)}
    roles: dict[int, str] = {}  # candidate start -> the role proposed for it
    latest: dict[str, str] = {}  # person id -> the role last proposed for them
    proposed: set[tuple[str, str]] = set()  # (person id, role) already shown for people.toml
    for c in candidates:
        out.table("[[quotes]]")
        out.key("id", ids[c.span.start])
        words, context = _unique(text, c.span)
        if len(words) <= 80 or context is not None:  # noqa: PLR2004 - short: the whole text
            out.key("text", words)
            out.key("context", context)
        else:
            first = " ".join(words.split()[:6])
            last = " ".join(words.split()[-6:])
            out.key("from", first if text.count(first) == 1 else words)
            if text.count(first) == 1:
                out.key("to", last)
        out.key("speaker", c.speaker)
        out.key("person", c.person_id)
        if c.organisation_ids:
            out.key("organisations", list(c.organisation_ids))
        what = ["the span", "the speaker"]
        role = _role(text, c)
        if role is None and c.continues is not None:
            role = roles.get(c.continues)
        if role is None and c.person_id is not None and c.source is None:
            role = latest.get(c.person_id)  # a paragraph carrying the credit over
        if role is not None:
            roles[c.span.start] = role
            if c.person_id is not None:
                latest[c.person_id] = role
        people_entry = None
        if role is not None and c.person_id is not None:
            # The format's 'role' names one of the person's roles in people.toml.
            out.key("role", role)
            past = _past(text, c, role)
            former = ", with former = true: the text gives it as past" if past else ""
            what.append(
                "the role (people.toml must give the person these words as a role in "
                f"this document{former})"
            )
            if (c.person_id, role) not in proposed:
                proposed.add((c.person_id, role))
                entry: dict[str, object] = {"document": "<this document's id>", "text": role}
                if past:
                    entry["former"] = True
                people_entry = f"for people.toml, a role of {c.person_id}: " + _Toml.value(entry)
        elif role is not None:
            out.comment(
                f"role: {json.dumps(role, ensure_ascii=False)} (no known person: add one to "
                "people.toml with this role, then 'person' and 'role' here)"
            )
        out.key("kind", c.kind.value)
        what.append("the kind")
        out.key("attribution", c.attribution.value)
        if c.continues is not None and c.continues in ids:
            out.key("continues", ids[c.continues])
        if c.source is not None:
            out.key("source", _located(text, c.source))
            what.append("the source")
        if c.cue is not None:
            out.key("cue", _located(text, c.cue))
            what.append("the cue")
        if people_entry is not None:
            out.comment(people_entry)
        if c.attribution.value == "inferred":
            out.key(
                "note",
                "Not credited in its own sentence; the speaker is carried over from the "
                "quotation before.",
            )
            what.append("the inferred attribution and its note")
        region = next((r.kind for r in regions if r.span.contains(c.span)), None)
        if region not in _QUOTABLE:
            what.append(f"that a quote belongs in a {region or 'cross-region'} stretch")
        out.key(REVIEW_KEY, "proposed by draft: check " + ", ".join(what))


def _role(text: str, c: Candidate) -> str | None:
    """Return the role words beside the name in a source ("chief executive of X")."""
    if c.source is None or c.speaker is None:
        return None
    source = c.source.of(text)
    at = source.find(c.speaker)
    if at < 0:
        return None
    rest = (source[:at] + source[at + len(c.speaker) :]).strip(" ,")
    return rest or None


_PAST = re.compile(
    r"\b(?:former|formerly|ex-|previously|erstwhile|retired|until recently|"
    r"after (?:many |several |\w+ )?years as)\b",
    re.IGNORECASE,
)


def _past(text: str, c: Candidate, role: str) -> bool:
    """Whether the text gives a role as past ("former", "after many years as")."""
    if _PAST.search(role):
        return True
    if c.source is None:
        return False
    source = c.source.of(text)
    at = source.find(role)
    return at >= 0 and _PAST.search(source[:at][-40:]) is not None


def _count(needle: str, scope: str) -> int:
    """Occurrences of ``needle`` in ``scope``, counted as the build counts them."""
    return len(re.findall(re.escape(needle), scope))


def _located(text: str, span: Span) -> str | dict[str, str]:
    """Words for a span as the build locates a source or cue: once, or once in a context.

    The context is a stretch of the span's own line, widened a few words at a
    time and cut at spaces, until it occurs once in the text and holds the
    words once; failing that (a line repeated word for word), any stretch
    around the span that does.
    """
    words = span.of(text)
    if _count(words, text) == 1:
        return words
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    for width in (8, 16, 32, 64, 128, 256, 512):  # whole words of the line
        a = max(line_start, span.start - width)
        b = min(line_end, span.end + width)
        space = text.rfind(" ", line_start, a + 1)
        a = line_start if space < 0 else min(space + 1, span.start)
        space = text.find(" ", b, line_end)
        b = line_end if space < 0 else max(space, span.end)
        context = text[a:b]
        if _count(context, text) == 1 and _count(words, context) == 1:
            return {"text": words, "context": context}
    for width in range(1, min(len(text), 2000)):  # any stretch, a character at a time
        context = text[max(0, span.start - width) : span.end + width]
        if _count(context, text) == 1 and _count(words, context) == 1:
            return {"text": words, "context": context}
    # No stretch holds the words once ("a" in "aaa"): the build says so.
    return {"text": words, "context": text}


def _non_quote_entries(
    out: _Toml, text: str, candidates: Sequence[Candidate], regions: Sequence[_Region]
) -> None:
    starts = {c.span.start for c in candidates}
    spans: dict[int, Span] = {}
    at = 0
    for number, line in enumerate(text.split("\n")):
        for s in _quotations(line, number, at):
            spans[s.start] = Span(s.start, s.end)
        at += len(line) + 1
    for region in regions:
        if region.kind not in _QUOTABLE:
            continue
        for m in _OPENING_MARK.finditer(region.span.of(text)):
            pos = region.span.start + m.end()
            if pos in starts:
                continue
            span = spans.get(pos)
            if span is None:  # a mark that opens nothing the extractor saw: its next word
                word = re.match(r"\S+", text[pos:])
                span = Span(pos, pos + (word.end() if word else 0))
            words, context = _unique(text, span)
            out.table("[[non_quotes]]")
            out.key("text", words)
            out.key("context", context)
            before = text[max(0, pos - 40) : pos - 1]
            if region.kind == "headline":
                reason = "A headline fragment that the text does not credit."
            elif _TERM_BEFORE.search(before):
                reason = "Marks a term or a name, not anyone's words."
            else:
                reason = "No verb of saying credits anyone with these words."
            out.key("reason", reason)
            out.key(REVIEW_KEY, "proposed by draft: check that no one is credited with these words")


def _all_names(names: KnownNames) -> list[tuple[str, str, str]]:
    return [
        *((n, "person", i) for n, i in names.people),
        *((n, "organisation", i) for n, i in names.organisations),
    ]


def _mention_entries(out: _Toml, text: str, names: KnownNames, regions: Sequence[_Region]) -> None:
    """Mentions as the build assigns them: exact words, longest first; other case excused."""
    entries = {(n, k, i) for n, k, i in _all_names(names)}
    candidates: list[tuple[Span, str, str, str]] = []
    for name, kind, ident in sorted(entries):
        pattern = r"(?<![\w@])" + re.escape(name) + r"(?!\w)"
        candidates += [
            (Span(m.start(), m.end()), name, kind, ident) for m in re.finditer(pattern, text)
        ]
    taken: list[tuple[Span, str, str, str]] = []
    for cand in sorted(candidates, key=lambda c: (-len(c[0]), c[0].start, c[1], c[3])):
        if not any(cand[0].overlaps(t[0]) for t in taken):
            taken.append(cand)
    counts: dict[tuple[str, str, str], int] = {}
    for _, name, kind, ident in taken:
        counts[(name, kind, ident)] = counts.get((name, kind, ident), 0) + 1
    for (name, kind, ident), count in sorted(counts.items(), key=lambda kv: text.find(kv[0][0])):
        out.table("[[mentions]]")
        out.key(kind, ident)
        out.key("text", name)
        out.key("count", count)
        out.key(REVIEW_KEY, "proposed by draft: check that each occurrence names this record")
    covered = [t[0] for t in taken]
    excused: list[Span] = []
    for name, _, _ in sorted(entries):
        pattern = r"(?<![\w@])" + re.escape(name) + r"(?!\w)"
        for m in re.finditer(pattern, text, re.IGNORECASE):
            span = Span(m.start(), m.end())
            if any(span.overlaps(c) for c in (*covered, *excused)):
                continue
            excused.append(span)
            words, context = _unique(text, span)
            out.table("[[not_mentions]]")
            out.key("text", words)
            out.key("context", context or _wider(text, span))
            region = next((r.kind for r in regions if r.span.contains(span)), "text")
            out.key("reason", f"Printed in other case in the {region}; not the name.")
            out.key(REVIEW_KEY, "proposed by draft: check that these words do not name the record")


def _wider(text: str, span: Span) -> str:
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    return text[line_start : len(text) if line_end < 0 else line_end]


def draft(
    text: str,
    *,
    seed: str,
    names: KnownNames | None = None,
    corpus: Corpus | None = None,
) -> str:
    r"""Return a curation file (TOML) for a text, every proposal marked for review.

    Args:
        text: The seed text, as it will be in ``seeds/``.
        seed: The seed's file name.
        names: Known people and organisations, for mentions and ids; by
            default the bundled corpus's.
        corpus: Where the default names come from, instead of the bundled corpus.

    >>> toml = draft("Cuts ahead\n\nJo Bloggs said: ‘It will hurt.’\n", seed="x.txt",
    ...              names=KnownNames())
    >>> print(toml[toml.index("[[quotes]]"):])  # doctest: +NORMALIZE_WHITESPACE
    [[quotes]]
    id = "q1"
    text = "It will hurt."
    speaker = "Jo Bloggs"
    kind = "direct"
    attribution = "stated"
    source = "Jo Bloggs"
    cue = "said"
    review = "proposed by draft: check the span, the speaker, the kind, the source, the cue"
    """
    if names is None:
        names = KnownNames.from_corpus(corpus) if corpus is not None else _bundled_names()
    regions = _regions(text)
    candidates = extract(text, names=names)
    headline = next((r.span.of(text) for r in regions if r.kind == "headline"), "")
    dated = [r for r in regions if r.kind in {"byline", "dateline"}]
    date = next((d for r in dated if (d := _DATE.search(r.span.of(text)))), None)
    published = None
    if date is not None:
        months = _MONTHS.split("|")
        day, month, year = int(date.group(1)), months.index(date.group(2)) + 1, date.group(3)
        published = f"{year}-{month:02d}-{day:02d}"
    body = " ".join(r.span.of(text) for r in regions if r.kind == "body")
    kind = "news-article"
    if any(r.kind == "notes" for r in regions):
        kind = "press-release"
    elif len(re.findall(r"(?:^|\s)(?:I|we|We|Our|our)\s", body)) > 5:  # noqa: PLR2004
        kind = "blog-post"

    out = _Toml()
    out.comment(
        f"Draft curation file for {seed}, made by `integrated-care-corpus draft`.\n"
        f"Every entry with a '{REVIEW_KEY}' key is a machine's proposal: check it against\n"
        "the text (docs/curation.md says what each key means), correct it, and delete\n"
        f"its '{REVIEW_KEY}' line. The build refuses this file while any remains."
    )
    out.key("id", f"unknown-{published or 'undated'}-{_slug(headline)}")
    out.key("seed", seed)
    out.key("kind", kind)
    out.key("topics", [])
    out.key("authors", [])
    out.key(
        REVIEW_KEY,
        "proposed by draft: set the id (publisher, date or 'undated', title words), "
        "check the kind, choose topics, and list authors named by a byline",
    )
    out.table("[publisher]")
    out.key("basis", "unknown")
    out.key("note", "Not yet identified.")
    out.key(REVIEW_KEY, "proposed by draft: name the publishing organisation and its basis")
    out.table("[published]")
    if published is not None and date is not None:
        out.lines.append(f"date = {published}")
        out.key("basis", "stated")
        out.key("note", f"The text prints '{date.group()}'.")
    else:
        out.key("basis", "unknown")
        out.key("note", "Not stated.")
    out.key(REVIEW_KEY, "proposed by draft: check the date and its basis")
    for region in regions:
        out.table("[[regions]]")
        out.key("kind", region.kind)
        out.key("to", _anchor_end(text, region.span.start, region.span.end))
        out.key(REVIEW_KEY, f"proposed by draft ({region.why}): check the kind and the end")
    _quote_entries(out, text, candidates, regions)
    comment_regions = [r for r in regions if r.kind == "comment"]
    signatures = _signatures(text, regions)
    for region in comment_regions:
        out.table("[[comments]]")
        signed = signatures.get(region.span.start)
        if signed is not None:
            number, author, extra = signed
            out.key("author", author)
            known = names.lookup(author)
            if known is not None and known[0] == "person":
                out.key("person", known[1])
            if extra:
                out.key("role", extra[0])
            if len(extra) > 1:
                out.key("affiliation", extra[1])
            out.key("number", number)
        out.key(REVIEW_KEY, "proposed by draft: check the author, role and affiliation as signed")
    _non_quote_entries(out, text, candidates, regions)
    _mention_entries(out, text, names, regions)
    return out.text()


def _signatures(text: str, regions: Iterable[_Region]) -> dict[int, tuple[int, str, list[str]]]:
    """For each comment region after a signature: its number, author and extra lines."""
    out: dict[int, tuple[int, str, list[str]]] = {}
    pending: tuple[int, str, list[str]] | None = None
    for region in regions:
        if region.kind == "furniture":
            for start, end in _lines(text[region.span.start : region.span.end]):
                line = text[region.span.start + start : region.span.start + end]
                m = _SIGNATURE.match(line)
                if m:
                    pending = (int(m.group(1)), m.group(2), [])
                elif pending is not None and not _FURNITURE.match(line):
                    pending[2].append(line.strip())
        elif region.kind == "comment":
            if pending is not None:
                out[region.span.start] = pending
            pending = None
    return out


def main(argv: list[str] | None = None) -> int:
    """Run ``integrated-care-corpus draft FILE --out PATH``; return the exit code."""
    import argparse  # noqa: PLC0415 - only the command line needs it
    import sys  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="integrated-care-corpus draft",
        description="Write a curation file pre-filled from a text, every guess marked for review.",
    )
    parser.add_argument("file", metavar="FILE", help="the seed text (UTF-8)")
    parser.add_argument(
        "--out",
        metavar="PATH",
        help="where to write (curation/documents/NNN-slug.toml); default: standard output",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = parser.parse_args(argv)
    prog = "integrated-care-corpus draft"
    path = Path(args.file)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        print(f"{prog}: error: {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as exc:
        print(f"{prog}: error: {args.file}: not UTF-8 at byte {exc.start}", file=sys.stderr)
        return 1
    toml = draft(text, seed=path.name)
    if args.out is None:
        sys.stdout.write(toml)
        return 0
    out = Path(args.out)
    if out.exists() and not args.force:
        print(f"{prog}: error: {out} exists; pass --force to overwrite it", file=sys.stderr)
        return 1
    try:
        out.write_text(toml, encoding="utf-8")
    except OSError as exc:
        print(f"{prog}: error: {out}: {exc.strerror}", file=sys.stderr)
        return 1
    marks = toml.count(f"\n{REVIEW_KEY} = ")
    print(f"wrote {out}: {marks} entries marked for review")
    return 0
