"""HTML views of records and results, for notebooks and for the static site.

Every record type and result renders as a compact card or table (``render``),
and a document renders as an annotated reading view (``document_view``): its
text with every quote highlighted in one colour per speaker, every mention
marked with the record it names, reader comments set apart with their
authors, and site furniture greyed. Elements carry ``data-quote-id``,
``data-mention-id`` and ``data-comment-id`` so that tools can find them.

Every piece of data is HTML-escaped, and the CSS is inline: nothing is
fetched. The styles use the surrounding text colour and translucent
backgrounds, so they read on light and dark notebook themes alike.
"""

from __future__ import annotations

import datetime as _dt
import html
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from . import _rows
from ._diff import CorpusDiff, RecordDiff
from ._query import CorpusQueries
from ._records import (
    Basis,
    Comment,
    Document,
    Mention,
    Organisation,
    Person,
    PublicationDate,
    Quote,
    RegionKind,
)
from ._results import CoMention, DocumentContents, Results, Statement
from ._search import Hit

__all__ = ["PALETTE", "STYLE", "Links", "document_view", "escape", "render"]

#: Where a view links a record to: ``(kind, id) -> href``, or ``None`` for no link.
#: Kinds are ``"document"``, ``"quote"``, ``"mention"``, ``"comment"``,
#: ``"organisation"`` and ``"person"``.
Links = Callable[[str, str], "str | None"]

#: Speaker colours, as hues; a document's speakers take them in order of first quote.
PALETTE = (210, 30, 130, 280, 50, 340, 175, 100)

_FOLD_AT = 280
_ROWS_SHOWN = 50

#: The views' CSS, scoped to ``.icc``. Colours are the text's own colour and
#: translucent tints, so light and dark themes both read.
STYLE = (
    ".icc{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5;"
    "text-align:left;max-width:60rem}"
    ".icc *{box-sizing:border-box}"
    ".icc table{border-collapse:collapse;margin:.5em 0;width:auto;font-size:.92em}"
    ".icc caption{text-align:left;font-weight:600;padding:.2em 0;caption-side:top}"
    ".icc th,.icc td{text-align:left!important;vertical-align:top;padding:.3em .6em;"
    "border-bottom:1px solid rgba(127,127,127,.3);white-space:normal}"
    ".icc th{font-weight:600;border-bottom:2px solid rgba(127,127,127,.5)}"
    ".icc code,.icc .icc-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "font-size:.85em;opacity:.75;overflow-wrap:anywhere}"
    ".icc .icc-card{border:1px solid rgba(127,127,127,.4);border-radius:6px;padding:.6em .9em;"
    "margin:.4em 0}"
    ".icc .icc-kind{font-size:.75em;text-transform:uppercase;letter-spacing:.06em;opacity:.7;"
    "margin-right:.5em}"
    ".icc .icc-name{font-weight:600}"
    ".icc dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em .9em;margin:.5em 0}"
    ".icc dt{opacity:.7;font-size:.9em}.icc dd{margin:0;overflow-wrap:anywhere}"
    ".icc blockquote{margin:.5em 0;padding:.2em .8em;border-left:3px solid rgba(127,127,127,.5)}"
    ".icc details summary{cursor:pointer}"
    ".icc .icc-more{opacity:.7;font-style:italic}"
    ".icc details[open] .icc-more{display:none}"
    ".icc .icc-badge{display:inline-block;font-size:.72em;padding:0 .45em;border-radius:1em;"
    "border:1px solid currentColor;opacity:.8;margin-left:.35em;vertical-align:.1em;"
    "white-space:nowrap}"
    ".icc .icc-inferred{border-style:dashed}"
    ".icc mark{background:rgba(255,200,0,.35);color:inherit;padding:0 .1em}"
    ".icc .icc-doc-head h2,.icc .icc-doc-head h1{margin:.2em 0 .3em;line-height:1.25;"
    "font-size:1.6em}"
    ".icc .icc-doc-head{border-bottom:1px solid rgba(127,127,127,.35);padding-bottom:.4em}"
    ".icc .icc-key{font-size:.85em;opacity:.8}"
    "@media (max-width:600px){.icc .icc-doc-head h2,.icc .icc-doc-head h1{font-size:1.3em}}"
    ".icc .icc-meta{margin:.2em 0;opacity:.9}"
    ".icc .icc-meta span+span::before{content:' · ';opacity:.6}"
    ".icc .icc-legend{display:flex;flex-wrap:wrap;gap:.3em .6em;margin:.6em 0;padding:0;"
    "list-style:none;font-size:.9em}"
    ".icc .icc-legend li{padding:.05em .5em;border-radius:4px}"
    ".icc .icc-text{white-space:pre-wrap;overflow-wrap:break-word;font-size:1.02em;"
    "line-height:1.65;margin-top:.8em}"
    ".icc .icc-r-headline{font-weight:700;font-size:1.15em}"
    ".icc .icc-r-standfirst{font-style:italic}"
    ".icc .icc-r-furniture{opacity:.5;font-size:.9em}"
    ".icc .icc-r-notes{font-size:.93em}"
    ".icc .icc-comment{display:block;margin:.6em 0;padding:.4em .8em;"
    "border-left:4px solid rgba(127,127,127,.6);background:rgba(127,127,127,.09);"
    "border-radius:0 6px 6px 0}"
    ".icc .icc-label{display:block;font-size:.8em;font-weight:600;opacity:.75;"
    "white-space:normal;margin-bottom:.2em}"
    ".icc .icc-q{color:inherit;border-radius:3px;padding:.05em 0;"
    "-webkit-box-decoration-break:clone;box-decoration-break:clone}"
    ".icc .icc-q-inferred{outline:1px dashed rgba(127,127,127,.8)}"
    ".icc .icc-m{color:inherit;text-decoration:none;border-bottom:2px dotted currentColor}"
    ".icc a.icc-m:hover{border-bottom-style:solid}"
    ".icc .icc-m-inferred{border-bottom-style:dashed}"
    ".icc .icc-source,.icc .icc-cue{background:none!important}"
    ".icc .icc-cue{font-weight:600}"
    ".icc .icc-role{font-style:italic;text-decoration:underline;"
    "text-decoration-color:rgba(127,127,127,.7);text-underline-offset:.2em}"
    + "".join(
        f".icc .icc-s{i}{{background:hsla({hue},85%,55%,.26);"
        f"box-shadow:inset 0 -2px 0 hsla({hue},75%,45%,.85)}}"
        for i, hue in enumerate(PALETTE)
    )
)


def escape(value: object) -> str:
    """Return ``value`` as text, HTML-escaped (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _plain(value: object) -> str:
    """Return a field value as one line of text: tuples joined, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _wrap(body: str) -> str:
    return f'<div class="icc"><style>{STYLE}</style>{body}</div>'


def _folded(text: str, limit: int = _FOLD_AT) -> str:
    """Return ``text`` escaped, folded behind a ``<details>`` when it is long."""
    if len(text) <= limit:
        return escape(text)
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return (
        f"<details><summary>{escape(text[:cut])}"
        f'<span class="icc-more"> … show all {len(text):,} characters</span></summary>'
        f"{escape(text[cut:])}</details>"
    )


def _badge(label: str, note: str | None = None, *, inferred: bool = False) -> str:
    title = f' title="{escape(note)}"' if note else ""
    extra = " icc-inferred" if inferred else ""
    return f'<span class="icc-badge{extra}"{title}>{escape(label)}</span>'


def _date(published: PublicationDate) -> str:
    if published.date is None:
        return "undated" + _badge("unknown", published.note)
    shown = escape(published.date.isoformat())
    if published.basis is Basis.INFERRED:
        return shown + _badge("inferred", published.note, inferred=True)
    return shown


def _basis(basis: Basis, note: str | None) -> str:
    if basis is Basis.STATED:
        return ""
    return _badge(basis.value, note, inferred=basis is Basis.INFERRED)


def _ids(ids: Iterable[str]) -> str:
    return ", ".join(f'<span class="icc-id">{escape(i)}</span>' for i in ids)


def _card(kind: str, name: str, record_id: str | None, fields: Sequence[tuple[str, str]]) -> str:
    """Return a card: a kind label, a name, the id, then the fields that have values."""
    head = f'<span class="icc-kind">{escape(kind)}</span><span class="icc-name">{name}</span>'
    if record_id is not None:
        head += f' <span class="icc-id">{escape(record_id)}</span>'
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in fields if v)
    return f'<div class="icc-card"><div>{head}</div><dl>{rows}</dl></div>'


# --- record cards ---------------------------------------------------------------------


def _document_card(d: Document) -> str:
    return _card(
        "Document",
        escape(d.title),
        d.id,
        [
            ("kind", escape(d.kind.value)),
            ("published", _date(d.published)),
            (
                "publisher",
                _ids([d.publisher.organisation_id or "unknown"])
                + _basis(d.publisher.basis, d.publisher.note),
            ),
            ("authors", _ids(d.authors)),
            ("topics", escape(", ".join(t.value for t in d.topics))),
            ("regions", escape(", ".join(r.kind.value for r in d.regions))),
            ("source", f"{_ids([d.source.file])} sha256 {_ids([d.source.sha256[:16] + '…'])}"),
            ("text", f"{len(d.text):,} characters: " + _folded(d.text)),
        ],
    )


def _quote_title(q: Quote, organisations: Callable[[str], str] = str) -> str:
    """Return the hover text of a quote: speaker, role, for whom, how attributed."""
    parts = [q.speaker]
    if q.role is not None:
        parts.append(q.role.text)
    if q.organisation_ids:
        parts.append("for " + ", ".join(organisations(o) for o in q.organisation_ids))
    title = " — ".join(parts)
    title += f" ({q.kind.value} quote"
    title += ", attribution inferred" if q.attribution is Basis.INFERRED else ""
    title += ")"
    return title + (f". {q.note}" if q.note else "")


def _quote_card(q: Quote) -> str:
    return _card(
        "Quote",
        escape(q.speaker),
        q.id,
        [
            ("role", escape(q.role.text) if q.role else ""),
            ("person", _ids([q.person_id]) if q.person_id else ""),
            ("for", _ids(q.organisation_ids)),
            ("kind", escape(q.kind.value)),
            ("attribution", escape(q.attribution.value) + _basis(q.attribution, None)),
            ("continues", _ids([q.continues]) if q.continues else ""),
            ("document", _ids([q.document_id])),
            ("span", escape(f"{q.span.start}–{q.span.end}")),
            ("note", escape(q.note)),
        ],
    ).replace("</dl></div>", f"</dl><blockquote>{_folded(q.text)}</blockquote></div>")


def _comment_card(c: Comment) -> str:
    return _card(
        "Comment",
        escape(c.author or "anonymous"),
        c.id,
        [
            ("position", escape(c.position)),
            ("number", escape(c.number)),
            ("role", escape(c.role)),
            ("affiliation", escape(c.affiliation)),
            ("person", _ids([c.person_id]) if c.person_id else ""),
            ("organisations", _ids(c.organisation_ids)),
            ("in reply to", _ids([c.in_reply_to]) if c.in_reply_to else ""),
            ("document", _ids([c.document_id])),
            ("span", escape(f"{c.span.start}–{c.span.end}")),
        ],
    ).replace("</dl></div>", f"</dl><blockquote>{_folded(c.text)}</blockquote></div>")


def _organisation_card(o: Organisation) -> str:
    return _card(
        "Organisation",
        escape(o.name),
        o.id,
        [
            ("kind", escape(o.kind.value)),
            ("country", escape(o.country) + _badge("editor's", "Not stated by the texts")),
            ("also", escape("; ".join(o.aliases))),
            ("note", escape(o.note)),
        ],
    )


def _person_card(p: Person) -> str:
    roles = "".join(
        f"<li>{escape(r.text)} <span class='icc-id'>in {escape(r.document_id)}</span></li>"
        for r in p.roles
    )
    return _card(
        "Person",
        escape(p.name),
        p.id,
        [
            ("also", escape("; ".join(p.aliases))),
            ("roles", f"<ul style='margin:0;padding-left:1.1em'>{roles}</ul>" if roles else ""),
            ("note", escape(p.note)),
        ],
    )


def _mention_card(m: Mention) -> str:
    target = (
        f"organisation {_ids([m.organisation_id])}"
        if m.organisation_id
        else f"person {_ids([m.person_id or ''])}"
    )
    return _card(
        "Mention",
        escape(m.text),
        m.id,
        [
            ("names", target + _basis(m.basis, m.note)),
            ("document", _ids([m.document_id])),
            ("span", escape(f"{m.span.start}–{m.span.end}")),
            ("note", escape(m.note)),
        ],
    )


def _statement_card(s: Statement) -> str:
    return _card(
        "Statement",
        escape(s.person.name if s.person else s.quote.speaker),
        s.quote.id,
        [
            ("role", escape(s.role or "no role stated")),
            ("for", escape(", ".join(o.name for o in s.organisations))),
            ("document", escape(s.document.title)),
            ("publisher", escape(s.publisher.name if s.publisher else "")),
            ("published", _date(s.document.published)),
        ],
    ).replace("</dl></div>", f"</dl><blockquote>{_folded(s.quote.text)}</blockquote></div>")


def _comention_card(c: CoMention) -> str:
    noun = "document" if c.count == 1 else "documents"
    docs = "".join(f"<li>{escape(d.title)}</li>" for d in c.documents)
    return _card(
        "Co-mention",
        f"{escape(c.first.name)} + {escape(c.second.name)}",
        None,
        [
            ("together in", f"{c.count} {noun}<ul style='margin:0;padding-left:1.1em'>{docs}</ul>"),
        ],
    )


def _snippet(h: Hit) -> str:
    """Return the hit's snippet, escaped, with the match marked."""
    needle = " ".join(h.text.split())
    at = h.snippet.find(needle) if needle else -1
    if at < 0:
        return escape(h.snippet)
    end = at + len(needle)
    return f"{escape(h.snippet[:at])}<mark>{escape(needle)}</mark>{escape(h.snippet[end:])}"


def _hit_card(h: Hit) -> str:
    return _card(
        "Search hit",
        escape(h.kind),
        h.record.id,
        [
            ("document", escape(h.document.title)),
            ("span", escape(f"{h.span.start}–{h.span.end}")),
            ("snippet", _snippet(h)),
        ],
    )


# --- result tables -----------------------------------------------------------------------


def _row_cells(item: object) -> list[tuple[str, str]]:  # noqa: PLR0911 - one case per type
    """Return the ``(column, cell HTML)`` pairs a table shows for one item."""
    if isinstance(item, Document):
        return [
            ("published", _date(item.published)),
            ("title", escape(item.title)),
            ("kind", escape(item.kind.value)),
            ("publisher", _ids([item.publisher.organisation_id or "unknown"])),
            ("id", _ids([item.id])),
        ]
    if isinstance(item, Quote):
        return [
            ("speaker", escape(item.speaker) + _basis(item.attribution, item.note)),
            ("role", escape(item.role.text if item.role else "")),
            ("text", _folded(item.text, 160)),
            ("id", _ids([item.id])),
        ]
    if isinstance(item, Comment):
        return [
            ("author", escape(item.author or "anonymous")),
            ("affiliation", escape(item.affiliation)),
            ("text", _folded(item.text, 160)),
            ("id", _ids([item.id])),
        ]
    if isinstance(item, Organisation):
        return [
            ("name", escape(item.name)),
            ("also", escape("; ".join(item.aliases))),
            ("kind", escape(item.kind.value)),
            ("country", escape(item.country)),
            ("id", _ids([item.id])),
        ]
    if isinstance(item, Person):
        return [
            ("name", escape(item.name)),
            ("roles", escape("; ".join(dict.fromkeys(r.text for r in item.roles)))),
            ("id", _ids([item.id])),
        ]
    if isinstance(item, Mention):
        target = item.organisation_id or item.person_id or ""
        return [
            ("text", escape(item.text) + _basis(item.basis, item.note)),
            ("names", ("organisation " if item.organisation_id else "person ") + _ids([target])),
            ("document", _ids([item.document_id])),
            ("id", _ids([item.id])),
        ]
    if isinstance(item, Statement):
        return [
            ("speaker", escape(item.person.name if item.person else item.quote.speaker)),
            ("role", escape(item.role)),
            ("for", escape(", ".join(o.name for o in item.organisations))),
            ("published", _date(item.document.published)),
            ("text", _folded(item.quote.text, 160)),
            ("document", escape(item.document.title)),
        ]
    if isinstance(item, CoMention):
        return [
            ("first", escape(item.first.name)),
            ("second", escape(item.second.name)),
            ("documents", escape(item.count)),
            ("in", escape("; ".join(d.title for d in item.documents))),
        ]
    if isinstance(item, Hit):
        return [
            ("kind", escape(item.kind)),
            ("snippet", _snippet(item)),
            ("document", escape(item.document.title)),
            ("id", _ids([item.record.id])),
        ]
    return [(k, escape(_plain(v))) for k, v in _rows.row(item).items()]


def table(items: Sequence[object], caption: str, total: int | None = None) -> str:
    """Return an HTML table of ``items`` (the first 50), one row per item."""
    shown = [_row_cells(item) for item in items[:_ROWS_SHOWN]]
    total = len(items) if total is None else total
    columns = [k for k, _ in shown[0]] if shown else []
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for _, v in r) + "</tr>" for r in shown)
    if total > len(shown):
        body += f'<tr><td colspan="{max(len(columns), 1)}">… {total - len(shown)} more</td></tr>'
    return (
        f"<table><caption>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _diff_part(part: RecordDiff[Any], name: str) -> str:
    if not part:
        return ""
    rows = [f"<tr><td>added</td><td>{_ids([r.id])}</td><td></td></tr>" for r in part.added]
    rows += [f"<tr><td>removed</td><td>{_ids([r.id])}</td><td></td></tr>" for r in part.removed]
    for change in part.changed:
        fields = "".join(
            f"<li><code>{escape(f.field)}</code>: "
            f"<del>{_folded(_plain(f.old), 120)}</del> → "
            f"<ins>{_folded(_plain(f.new), 120)}</ins></li>"
            for f in change.fields
        )
        rows.append(
            f"<tr><td>changed</td><td>{_ids([change.id])}</td>"
            f"<td><ul style='margin:0;padding-left:1.1em'>{fields}</ul></td></tr>"
        )
    caption = (
        f"{name}: {len(part.added)} added, {len(part.removed)} removed, {len(part.changed)} changed"
    )
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr><th>change</th><th>id</th>"
        f"<th>fields</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _diff_view(d: CorpusDiff) -> str:
    head = f"Corpus {d.old_version} → {d.new_version}"
    if d.schema_changed:
        head += f" (schema {d.old_schema_version} → {d.new_schema_version})"
    if not d:
        return (
            f'<div class="icc-card"><span class="icc-name">{escape(head)}</span>: no changes</div>'
        )
    bump = d.required_bump()
    names = ("documents", "quotes", "comments", "organisations", "people", "mentions")
    parts = "".join(_diff_part(p, n) for p, n in zip(d.parts(), names, strict=True))
    moved = "".join(
        f"<li>{_ids([t.id])} ({escape(t.kind.value)}): "
        f"{escape(t.note or 'removed in ' + t.removed_in)}"
        + (f" → {_ids([t.replaced_by])}" if t.replaced_by else "")
        + "</li>"
        for t in d.tombstones
    )
    tomb = f"<p>Removed ids and where they went:</p><ul>{moved}</ul>" if moved else ""
    return (
        f'<div class="icc-card"><span class="icc-name">{escape(head)}</span>'
        f"{_badge(f'needs a {bump} version bump') if bump else ''}{parts}{tomb}</div>"
    )


# --- the document view --------------------------------------------------------------


@attrs.frozen
class _Mark:
    """One annotation to lay over the text: a region, comment, role, quote or mention."""

    start: int
    end: int
    rank: int  # outer to inner: region 0, comment 1, quote 2, role 3, mention 4
    tag: str
    attrs_first: str  # attributes of the first (or only) element, data-* ids included
    attrs_rest: str  # attributes of a continuation, when a crossing mark splits it
    label: str = ""  # HTML put at the start of the first element only


def _layer(text: str, marks: Sequence[_Mark]) -> str:
    """Return ``text`` escaped, with every mark's element around its span.

    Marks nest by rank (regions outside, mentions inside). Where two marks
    cross, the inner one is closed and opened again as a continuation, which
    carries no ``data-*-id``, so each record is still counted once.
    """
    order = sorted(range(len(marks)), key=lambda i: (marks[i].start, -marks[i].end, marks[i].rank))
    points = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    starts: dict[int, list[int]] = {}
    for i in order:
        starts.setdefault(marks[i].start, []).append(i)
    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()

    def open_(i: int) -> None:
        m = marks[i]
        first = i not in opened
        opened.add(i)
        out.append(f"<{m.tag}{m.attrs_first if first else m.attrs_rest}>")
        if first:
            out.append(m.label)
        stack.append(i)

    for here, there in itertools.pairwise(points):
        ending = [i for i in stack if marks[i].end <= here]
        if ending:
            keep: list[int] = []
            while ending:
                i = stack.pop()
                out.append(f"</{marks[i].tag}>")
                if i in ending:
                    ending.remove(i)
                else:
                    keep.append(i)
            for i in reversed(keep):
                open_(i)
        for i in starts.get(here, ()):
            if marks[i].end > here:
                open_(i)
        out.append(escape(text[here:there]))
    while stack:
        out.append(f"</{marks[stack.pop()].tag}>")
    return "".join(out)


def _attr(name: str, value: object) -> str:
    return f' {name}="{escape(value)}"'


def _speaker_classes(quotes: Sequence[Quote]) -> dict[str, int]:
    """Return each speaker's colour index, in order of first quote."""
    found: dict[str, int] = {}
    for q in quotes:
        found.setdefault(q.person_id or q.speaker, len(found) % len(PALETTE))
    return found


def _no_link(_kind: str, _id: str) -> str | None:
    return None


def document_view(
    contents: DocumentContents,
    *,
    links: Links = _no_link,
    organisation_names: dict[str, str] | None = None,
    person_names: dict[str, str] | None = None,
    heading: str = "h2",
) -> str:
    """Return the annotated view of one document (an HTML fragment, without the CSS).

    Args:
        contents: The document and its records (``corpus.in_document(...)``).
        links: Where records link to; by default nothing is a link.
        organisation_names: Names for organisation ids beyond those the
            document mentions (its publisher, say); by default its own.
        person_names: The same for people (its authors).
        heading: The element for the title.
    """
    d = contents.document
    orgs = {o.id: o.name for o in contents.organisations} | (organisation_names or {})
    people = {p.id: p.name for p in contents.people} | (person_names or {})
    colours = _speaker_classes(contents.quotes)
    marks: list[_Mark] = []
    for r in d.regions:
        if r.kind is RegionKind.COMMENT:
            continue  # the comment records carry the same spans, with their authors
        cls = (
            f' class="icc-region icc-r-{escape(r.kind.value)}" data-region="{escape(r.kind.value)}"'
        )
        marks.append(_Mark(r.span.start, r.span.end, 0, "span", cls, cls))
    for c in contents.comments:
        who = c.author or "anonymous"
        extra = "; ".join(x for x in (c.role, c.affiliation) if x)
        label_text = f"Reader comment {c.position}: {who}" + (f" ({extra})" if extra else "")
        if c.number is not None:
            label_text += f", no. {c.number}"
        if c.in_reply_to:
            label_text += f", in reply to {c.in_reply_to}"
        label = f'<span class="icc-label" data-generated="label">{escape(label_text)}</span>'
        first = _attr("class", "icc-comment") + _attr("data-comment-id", c.id) + _attr("id", c.id)
        marks.append(
            _Mark(c.span.start, c.span.end, 1, "span", first, _attr("class", "icc-comment"), label)
        )
    roles: dict[tuple[int, int], str] = {}
    for q in contents.quotes:
        if q.role is not None:
            roles.setdefault((q.role.span.start, q.role.span.end), q.speaker)
        colour = colours[q.person_id or q.speaker]
        kind = f"icc-q icc-s{colour}" + (
            " icc-q-inferred" if q.attribution is Basis.INFERRED else ""
        )
        title = _quote_title(q, lambda o: orgs.get(o, o))
        rest = _attr("class", kind) + _attr("title", title)
        first = rest + _attr("data-quote-id", q.id) + _attr("id", q.id)
        first += _attr("data-speaker", q.speaker)
        marks.append(_Mark(q.span.start, q.span.end, 2, "mark", first, rest))
    for (start, end), speaker in roles.items():
        attrs_ = _attr("class", "icc-role") + _attr("title", f"role of {speaker}, as stated")
        marks.append(_Mark(start, end, 3, "span", attrs_, attrs_))
    credited = _credits(contents.quotes, colours)
    marks.extend(credited)
    for m in contents.mentions:
        if m.organisation_id is not None:
            kind, target = "organisation", m.organisation_id
            name = orgs.get(target, target)
        else:
            kind, target = "person", m.person_id or ""
            name = people.get(target, target)
        title = f"{name} ({kind} {target})"
        if m.basis is not Basis.STATED:
            title += f"; identification {m.basis.value}" + (f": {m.note}" if m.note else "")
        href = links(kind, target)
        tag = "a" if href else "span"
        cls = "icc-m" + (" icc-m-inferred" if m.basis is not Basis.STATED else "")
        rest = _attr("class", cls) + _attr("title", title) + (_attr("href", href) if href else "")
        first = rest + _attr("data-mention-id", m.id) + _attr("id", m.id)
        first += _attr("data-" + kind + "-id", target)
        marks.append(_Mark(m.span.start, m.span.end, 4, tag, first, rest))

    publisher = d.publisher.organisation_id
    pub = "unknown publisher"
    if publisher is not None:
        pub = _linked(orgs.get(publisher, publisher), links("organisation", publisher))
    pub += _basis(d.publisher.basis, d.publisher.note)
    authors = ", ".join(_linked(people.get(a, a), links("person", a)) for a in d.authors)
    meta = [
        f"<span>{escape(d.kind.value)}</span>",
        f"<span>{pub}</span>",
        f"<span>{_date(d.published)}</span>",
    ]
    if authors:
        meta.append(f"<span>by {authors}</span>")
    counts = (
        f"<span>{len(contents.quotes)} quotes</span><span>{len(contents.mentions)} mentions</span>"
        f"<span>{len(contents.comments)} reader comments</span>"
    )
    legend = "".join(
        f'<li class="icc-s{colour}">{escape(_speaker_name(key, contents.quotes))}'
        f" ({sum(1 for q in contents.quotes if (q.person_id or q.speaker) == key)})</li>"
        for key, colour in colours.items()
    )
    topics = ", ".join(t.value for t in d.topics)
    return (
        f'<article class="icc-doc" data-document-id="{escape(d.id)}">'
        f'<header class="icc-doc-head"><{heading}>{escape(d.title)}</{heading}>'
        f'<div class="icc-meta">{"".join(meta)}</div>'
        f'<div class="icc-meta">{counts}<span>topics: {escape(topics)}</span></div>'
        f'<div class="icc-meta"><span>source <code>{escape(d.source.file)}</code> sha256 '
        f"<code>{escape(d.source.sha256)}</code></span></div>"
        + (f'<ul class="icc-legend" aria-label="speakers">{legend}</ul>' if legend else "")
        + '<div class="icc-key">Highlighted: a quote, one colour per speaker (hover for who, '
        "in what role); dotted underline: a mention of an organisation or a person; "
        "dashed: inferred; "
        + (
            "underlined in the speaker's colour: the words that credit a quote "
            "(the reporting words in bold); "
            if credited
            else ""
        )
        + "boxed: a reader comment; grey: site furniture.</div>"
        "</header>"
        f'<div class="icc-text">{_layer(d.text, marks)}</div></article>'
    )


def _credits(quotes: Sequence[Quote], colours: dict[str, int]) -> list[_Mark]:
    """Return marks for the words that credit each quote: its source and its cue.

    A source ("Chris Ham, chief executive of The King's Fund") and a cue
    ("said") are underlined in the speaker's colour, the cue in bold; one
    shared by several quotes (the paragraphs of one quotation) is marked once,
    naming every quote in ``data-source-of`` or ``data-cue-of``.
    """
    found: dict[tuple[str, int, int], tuple[list[str], str, int]] = {}
    for q in quotes:
        for part in ("source", "cue"):
            # Quote.source and Quote.cue arrive with corpus 1.1.0; older records lack them.
            excerpt = getattr(q, part, None)
            if excerpt is None:
                continue
            key = (part, excerpt.span.start, excerpt.span.end)
            ids, _, _ = found.setdefault(key, ([], q.speaker, colours[q.person_id or q.speaker]))
            ids.append(q.id)
    marks = []
    for (part, start, end), (ids, speaker, colour) in found.items():
        title = f"{'who is credited' if part == 'source' else 'reporting words'}: {speaker}"
        attrs_ = _attr("class", f"icc-{part} icc-s{colour}") + _attr("title", title)
        first = attrs_ + _attr(f"data-{part}-of", " ".join(ids))
        marks.append(_Mark(start, end, 2 if part == "source" else 3, "span", first, attrs_))
    return marks


def _speaker_name(key: str, quotes: Sequence[Quote]) -> str:
    return next(q.speaker for q in quotes if (q.person_id or q.speaker) == key)


def _linked(name: str, href: str | None) -> str:
    if href is None:
        return escape(name)
    return f'<a href="{escape(href)}">{escape(name)}</a>'


def _corpus_view(corpus: CorpusQueries) -> str:
    """Return a corpus's counts and its documents."""
    names = ("documents", "quotes", "comments", "organisations", "people", "mentions")
    counts = "".join(
        f"<tr><td>{name}</td><td>{len(getattr(corpus, name))}</td></tr>" for name in names
    )
    return (
        f"<table><caption>Corpus {escape(corpus.version)}</caption>"
        f"<thead><tr><th>records</th><th>count</th></tr></thead><tbody>{counts}</tbody></table>"
        + table(corpus.documents, "documents")
    )


def _records_tables(contents: DocumentContents) -> str:
    """Return the document's records as tables, folded under the view."""
    parts = (
        ("quotes", contents.quotes),
        ("mentions", contents.mentions),
        ("reader comments", contents.comments),
        ("organisations", contents.organisations),
        ("people", contents.people),
    )
    summary = ", ".join(f"{len(records)} {name}" for name, records in parts)
    tables = "".join(table(records, name) for name, records in parts if records)
    return f"<details><summary>The records: {escape(summary)}</summary>{tables}</details>"


# --- dispatch ---------------------------------------------------------------------------

_CARDS: dict[type[Any], Callable[[Any], str]] = {
    Document: _document_card,
    Quote: _quote_card,
    Comment: _comment_card,
    Organisation: _organisation_card,
    Person: _person_card,
    Mention: _mention_card,
    Statement: _statement_card,
    CoMention: _comention_card,
    Hit: _hit_card,
    CorpusDiff: _diff_view,
}


def render(value: object) -> str:
    """Return the notebook view of a record, a result or a diff (with its CSS)."""
    card = _CARDS.get(type(value))
    if card is not None:
        return _wrap(card(value))
    if isinstance(value, DocumentContents):
        return _wrap(document_view(value) + _records_tables(value))
    if isinstance(value, Results):
        return _wrap(table(value, repr(value)))
    if isinstance(value, CorpusQueries):
        return _wrap(_corpus_view(value))
    return _wrap(f"<pre>{escape(repr(value))}</pre>")
