"""The corpus as a static HTML site that works from ``file://`` with no server.

``write_site(corpus, folder)`` writes::

    index.html               what the corpus is, its counts, the documents in time order
    documents/<id>.html      one annotated view per document (quotes, mentions, comments)
    people.html              everyone, with links to ...
    people/<id>.html         ... one page per person: roles, quotes, mentions, comments
    organisations.html       every organisation, with links to ...
    organisations/<id>.html  ... one page per organisation
    datacard.html            the data card's generated tables
    citation.html            how to cite this corpus version
    search.html              a search box over ...
    search-index.js          ... a small JSON index, read by plain JavaScript

Links are relative, nothing is fetched, every piece of data is escaped, and
the same corpus gives byte-identical files (nothing depends on the clock, the
machine or dictionary order).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ._html import STYLE, document_view, escape
from ._records import Basis, Comment, Document, Mention, Organisation, Person, Quote, Role
from ._text import fold

if TYPE_CHECKING:
    from pathlib import Path

    from ._corpus import Corpus

__all__ = ["build_site", "write_site"]

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")

_PAGE_STYLE = (
    ":root{color-scheme:light dark}"
    "body{margin:0;background:Canvas;color:CanvasText}"
    "nav.icc-nav{display:flex;flex-wrap:wrap;gap:.2em 1.1em;padding:.6em 1rem;"
    "border-bottom:1px solid rgba(127,127,127,.35);font-family:system-ui,sans-serif}"
    "main.icc{margin:0 auto;padding:.5rem 1rem 2rem}"
    "footer{max-width:60rem;margin:0 auto;padding:1rem;font:.85em system-ui,sans-serif;"
    "opacity:.7}"
    ".icc a{color:LinkText}.icc a.icc-m{color:inherit}"
    ".icc .icc-scroll{overflow-x:auto}"
    ".icc ul.icc-list{padding-left:1.2em}.icc ul.icc-list li{margin:.35em 0}"
    ".icc pre{white-space:pre-wrap;overflow-wrap:anywhere;padding:.6em;"
    "border:1px solid rgba(127,127,127,.4);border-radius:6px}"
    ".icc input[type=search]{font:inherit;width:100%;max-width:32rem;padding:.4em .6em}"
    ".icc #results li div{opacity:.8;font-size:.92em}"
    "@media (max-width:600px){main.icc{padding:.4rem .6rem 2rem}.icc .icc-text{font-size:1em}}"
)

_NAV = (
    ("index.html", "Corpus"),
    ("people.html", "People"),
    ("organisations.html", "Organisations"),
    ("search.html", "Search"),
    ("datacard.html", "Data card"),
    ("citation.html", "Cite"),
)

_SEARCH_JS = """(function () {
  "use strict";
  var index = window.ICC_SEARCH_INDEX || [];
  var box = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("count");
  function fold(text) {
    return text.normalize("NFKC")
      .replace(/[\\u2018\\u2019]/g, "'").replace(/[\\u201c\\u201d]/g, '"')
      .replace(/[\\u2013\\u2014\\u2212]/g, "-")
      .toLowerCase().split(/\\s+/).filter(Boolean).join(" ");
  }
  function run() {
    var words = fold(box.value).split(" ").filter(Boolean);
    list.textContent = "";
    if (!words.length) { count.textContent = ""; return; }
    var found = 0;
    index.forEach(function (entry) {
      for (var i = 0; i < words.length; i++) {
        if (entry.h.indexOf(words[i]) < 0) { return; }
      }
      found += 1;
      var item = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "icc-kind";
      kind.textContent = entry.k;
      var link = document.createElement("a");
      link.href = entry.u;
      link.textContent = entry.t;
      item.appendChild(kind);
      item.appendChild(link);
      if (entry.s) {
        var more = document.createElement("div");
        more.textContent = entry.s;
        item.appendChild(more);
      }
      list.appendChild(item);
    });
    count.textContent = found + (found === 1 ? " result" : " results");
  }
  box.addEventListener("input", run);
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { box.value = asked; }
  run();
})();
"""


def _name(record_id: str) -> str:
    """Return a file name for a record id: the id itself when it is a plain slug."""
    if _SAFE_NAME.fullmatch(record_id) and not record_id.endswith("."):
        return record_id
    return "id-" + hashlib.sha256(record_id.encode("utf-8")).hexdigest()[:20]


def _fragment(record_id: str) -> str:
    """Return ``record_id`` as a URL fragment (percent-encoded where it must be)."""
    from urllib.parse import quote  # noqa: PLC0415 - only the site needs it

    return quote(record_id, safe="/-._~")


class _Site:
    """The pages of one corpus, built in memory."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.organisation_names = {o.id: o.name for o in corpus.organisations}
        self.person_names = {p.id: p.name for p in corpus.people}
        self.document_of = {q.id: q.document_id for q in corpus.quotes}
        self.document_of |= {c.id: c.document_id for c in corpus.comments}
        self.document_of |= {m.id: m.document_id for m in corpus.mentions}
        self.titles = {d.id: d.title for d in corpus.documents}

    # --- links ---------------------------------------------------------------------

    def href(self, prefix: str) -> Callable[[str, str], str | None]:
        """Return the link function for a page ``prefix`` away from the site's root."""

        def link(kind: str, record_id: str) -> str | None:
            if kind == "organisation" and record_id in self.organisation_names:
                return f"{prefix}organisations/{_name(record_id)}.html"
            if kind == "person" and record_id in self.person_names:
                return f"{prefix}people/{_name(record_id)}.html"
            if kind == "document" and record_id in self.titles:
                return f"{prefix}documents/{_name(record_id)}.html"
            document = self.document_of.get(record_id)
            if kind in ("quote", "comment", "mention") and document is not None:
                return f"{prefix}documents/{_name(document)}.html#{_fragment(record_id)}"
            return None

        return link

    def page(self, title: str, body: str, prefix: str = "") -> str:
        """Return a whole page: the navigation, ``body`` and a footer."""
        nav = "".join(f'<a href="{prefix}{href}">{escape(text)}</a>' for href, text in _NAV)
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en-GB"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} · integrated care corpus {escape(self.corpus.version)}</title>"
            f"<style>{STYLE}{_PAGE_STYLE}</style></head>\n"
            f'<body><nav class="icc-nav">{nav}</nav>\n<main class="icc">{body}</main>\n'
            f"<footer>integrated care corpus, version {escape(self.corpus.version)} "
            f"(JSON schema {escape(self.corpus.schema_version)}).</footer></body></html>\n"
        )

    def link(self, text: str, href: str | None) -> str:
        """Return ``text`` escaped, as a link when there is somewhere to go."""
        if href is None:
            return escape(text)
        return f'<a href="{escape(href)}">{escape(text)}</a>'

    # --- pages ---------------------------------------------------------------------

    def index(self) -> str:
        """Return the front page."""
        corpus = self.corpus
        counts = "".join(
            f"<tr><td>{escape(name)}</td><td>{number}</td></tr>"
            for name, number in corpus.counts().items()
        )
        dated = sorted(
            (d for d in corpus.documents if d.published.date is not None),
            key=lambda d: (d.published.date, d.id),
        )
        undated = [d for d in corpus.documents if d.published.date is None]
        rows = "".join(self.document_row(d) for d in [*dated, *undated])
        return self.page(
            "Corpus",
            f"<h1>Integrated care corpus {escape(corpus.version)}</h1>"
            "<p>A curated corpus of UK writing on integrated health and social care: "
            "press releases, news articles and blog posts, each kept as its exact text, "
            "with every quote, reader comment and mention of an organisation or a person "
            "marked as a span of that text. Hover over a highlighted quote to see who "
            "said it; a dotted underline is a mention, linked to its record.</p>"
            f"<table><caption>Records</caption><tbody>{counts}</tbody></table>"
            '<h2>Documents, oldest first</h2><div class="icc-scroll"><table>'
            "<thead><tr><th>published</th><th>title</th><th>kind</th><th>publisher</th>"
            f"<th>quotes</th><th>mentions</th></tr></thead><tbody>{rows}</tbody></table></div>"
            f"<p>Undated documents come last. Also: {self.link('people', 'people.html')}, "
            f"{self.link('organisations', 'organisations.html')}, "
            f"{self.link('the data card', 'datacard.html')}, "
            f"{self.link('how to cite', 'citation.html')} and "
            f"{self.link('search', 'search.html')}.</p>",
        )

    def document_row(self, d: Document) -> str:
        """Return the front page's table row for one document."""
        link = self.href("")
        if d.published.date is None:
            when = 'undated<span class="icc-badge">undated</span>'
        else:
            when = escape(d.published.date.isoformat())
            if d.published.basis is Basis.INFERRED:
                when += (
                    f'<span class="icc-badge icc-inferred" title="{escape(d.published.note)}">'
                    "inferred</span>"
                )
        publisher = d.publisher.organisation_id
        pub = (
            self.link(
                self.organisation_names.get(publisher, publisher), link("organisation", publisher)
            )
            if publisher
            else "unknown"
        )
        quotes = sum(1 for q in self.corpus.quotes if q.document_id == d.id)
        mentions = sum(1 for m in self.corpus.mentions if m.document_id == d.id)
        return (
            f"<tr><td>{when}</td><td>{self.link(d.title, link('document', d.id))}</td>"
            f"<td>{escape(d.kind.value)}</td><td>{pub}</td><td>{quotes}</td><td>{mentions}</td></tr>"
        )

    def document(self, d: Document) -> str:
        """Return one document's page: its annotated view."""
        view = document_view(
            self.corpus.in_document(d),
            links=self.href("../"),
            organisation_names=self.organisation_names,
            person_names=self.person_names,
            heading="h1",
        )
        return self.page(d.title, view, "../")

    def listing(self, title: str, rows: Iterable[tuple[str, str | None, str]]) -> str:
        """Return a page listing records: ``(name, href, detail)`` rows."""
        items = "".join(
            f"<li>{self.link(name, href)}"
            + (f' <span class="icc-id">{escape(detail)}</span>' if detail else "")
            + "</li>"
            for name, href, detail in rows
        )
        return self.page(title, f'<h1>{escape(title)}</h1><ul class="icc-list">{items}</ul>')

    def places(self, records: Iterable[Quote | Mention | Comment], prefix: str) -> str:
        """Return a list of quotes, mentions or comments, each linked into its document."""
        link = self.href(prefix)
        items = []
        for r in records:
            where = self.link(self.titles.get(r.document_id, r.document_id), link(_kind(r), r.id))
            if isinstance(r, Quote):
                words = r.text if len(r.text) <= 220 else r.text[:219] + "…"  # noqa: PLR2004
                items.append(f"<li>“{escape(words)}” <span class='icc-id'>in</span> {where}</li>")
            elif isinstance(r, Comment):
                words = r.text if len(r.text) <= 160 else r.text[:159] + "…"  # noqa: PLR2004
                items.append(f"<li>{escape(words)} <span class='icc-id'>under</span> {where}</li>")
            else:
                basis = "" if r.basis is Basis.STATED else f" ({escape(r.basis.value)})"
                items.append(
                    f"<li>“{escape(r.text)}”{basis} <span class='icc-id'>in</span> {where}</li>"
                )
        if not items:
            return "<p>None.</p>"
        return f'<ul class="icc-list">{"".join(items)}</ul>'

    def role(self, role: Role) -> str:
        """Return one stated role as a list item, linked to its document and organisations."""
        link = self.href("../")
        document = self.link(
            self.titles.get(role.document_id, role.document_id), link("document", role.document_id)
        )
        organisations = ", ".join(
            self.link(self.organisation_names.get(o, o), link("organisation", o))
            for o in role.organisation_ids
        )
        tied = f" <span class='icc-id'>(for {organisations})</span>" if organisations else ""
        return f"<li>{escape(role.text)} <span class='icc-id'>in</span> {document}{tied}</li>"

    def person(self, p: Person) -> str:
        """Return one person's page."""
        corpus = self.corpus
        link = self.href("../")
        roles = "".join(self.role(r) for r in p.roles)
        quotes = [q for q in corpus.quotes if q.person_id == p.id]
        mentions = [m for m in corpus.mentions if m.person_id == p.id]
        comments = [c for c in corpus.comments if c.person_id == p.id]
        written = [d for d in corpus.documents if p.id in d.authors]
        body = (
            f'<h1>{escape(p.name)}</h1><p><span class="icc-kind">person</span>'
            f'<span class="icc-id">{escape(p.id)}</span></p>'
            + (f"<p>Also: {escape('; '.join(p.aliases))}</p>" if p.aliases else "")
            + (f"<p>{escape(p.note)}</p>" if p.note else "")
            + (
                f'<h2>Roles, as each document states them</h2><ul class="icc-list">{roles}</ul>'
                if roles
                else ""
            )
            + (
                "<h2>Author of</h2><ul class='icc-list'>"
                + "".join(f"<li>{self.link(d.title, link('document', d.id))}</li>" for d in written)
                + "</ul>"
                if written
                else ""
            )
            + f"<h2>Quotes ({len(quotes)})</h2>{self.places(quotes, '../')}"
            + f"<h2>Mentions ({len(mentions)})</h2>{self.places(mentions, '../')}"
            + (
                f"<h2>Reader comments ({len(comments)})</h2>{self.places(comments, '../')}"
                if comments
                else ""
            )
        )
        return self.page(p.name, body, "../")

    def organisation(self, o: Organisation) -> str:
        """Return one organisation's page."""
        corpus = self.corpus
        link = self.href("../")
        quotes = [q for q in corpus.quotes if o.id in q.organisation_ids]
        mentions = [m for m in corpus.mentions if m.organisation_id == o.id]
        comments = [c for c in corpus.comments if o.id in c.organisation_ids]
        published = [d for d in corpus.documents if d.publisher.organisation_id == o.id]
        people = [p for p in corpus.people if any(o.id in r.organisation_ids for r in p.roles)]
        body = (
            f'<h1>{escape(o.name)}</h1><p><span class="icc-kind">{escape(o.kind.value)}</span>'
            f'<span class="icc-id">{escape(o.id)}</span> · country {escape(o.country)} '
            "(the editor's classification)</p>"
            + (f"<p>Also: {escape('; '.join(o.aliases))}</p>" if o.aliases else "")
            + (f"<p>{escape(o.note)}</p>" if o.note else "")
            + (
                "<h2>Publisher of</h2><ul class='icc-list'>"
                + "".join(
                    f"<li>{self.link(d.title, link('document', d.id))}</li>" for d in published
                )
                + "</ul>"
                if published
                else ""
            )
            + (
                "<h2>People whose stated roles tie them to it</h2><ul class='icc-list'>"
                + "".join(f"<li>{self.link(p.name, link('person', p.id))}</li>" for p in people)
                + "</ul>"
                if people
                else ""
            )
            + f"<h2>Quotes speaking for it ({len(quotes)})</h2>{self.places(quotes, '../')}"
            + f"<h2>Mentions ({len(mentions)})</h2>{self.places(mentions, '../')}"
            + (
                f"<h2>Reader comments naming it ({len(comments)})</h2>"
                + self.places(comments, "../")
                if comments
                else ""
            )
        )
        return self.page(o.name, body, "../")

    def datacard(self) -> str:
        """Return the data card's generated tables as a page."""
        from ._datacard import tables  # noqa: PLC0415 - only this page needs it

        blocks = "".join(
            f"<h2>{escape(name.replace('-', ' ').capitalize())}</h2>{_markdown(text)}"
            for name, text in tables(self.corpus).items()
        )
        return self.page(
            "Data card",
            "<h1>Data card</h1><p>The counts, sources and vocabularies of this corpus "
            "version, generated from its records. The data card's prose (what the corpus "
            "is for, how it was made, its limits) is <code>DATACARD.md</code> in the "
            f"project.</p>{blocks}",
        )

    def citation(self) -> str:
        """Return how to cite this corpus version."""
        from ._citation import AUTHOR, TITLE, citation  # noqa: PLC0415 - only this page
        from ._errors import UnknownVersionError  # noqa: PLC0415

        version = self.corpus.version
        try:
            text, bibtex = citation("text", version=version), citation("bibtex", version=version)
        except UnknownVersionError:
            text = f"{AUTHOR} (n.d.). {TITLE} (Version {version}) [Data set]."
            bibtex = ""
        return self.page(
            "Cite",
            f"<h1>How to cite corpus {escape(version)}</h1>"
            "<p>Cite the corpus version your analysis loaded.</p>"
            f"<pre>{escape(text)}</pre>"
            + (f"<p>BibTeX:</p><pre>{escape(bibtex)}</pre>" if bibtex else ""),
        )

    def search(self) -> str:
        """Return the search page (its index is ``search-index.js``)."""
        return self.page(
            "Search",
            "<h1>Search</h1>"
            '<p><label for="q">Names, titles, quoted words and comments:</label></p>'
            '<input type="search" id="q" autocomplete="off" autofocus>'
            '<p id="count" aria-live="polite"></p><ul id="results" class="icc-list"></ul>'
            "<noscript><p>Searching needs JavaScript; every record is also reachable "
            'from <a href="index.html">the front page</a>.</p></noscript>'
            '<script src="search-index.js"></script>'
            f"<script>{_SEARCH_JS}</script>",
        )

    def search_index(self) -> str:
        """Return ``search-index.js``: organisations, people, documents, quotes, comments."""
        link = self.href("")
        entries: list[dict[str, str]] = []

        def add(kind: str, title: str, detail: str, href: str | None, *words: str) -> None:
            entries.append(
                {
                    "k": kind,
                    "t": title,
                    "s": detail,
                    "u": href or "index.html",
                    "h": fold(" ".join((title, detail, *words))),
                }
            )

        for o in self.corpus.organisations:
            add("organisation", o.name, o.kind.value, link("organisation", o.id), *o.aliases, o.id)
        for p in self.corpus.people:
            roles = "; ".join(dict.fromkeys(r.text for r in p.roles))
            add("person", p.name, roles, link("person", p.id), *p.aliases, p.id)
        for d in self.corpus.documents:
            when = d.published.date.isoformat() if d.published.date else "undated"
            add("document", d.title, f"{d.kind.value}, {when}", link("document", d.id), d.text)
        for q in self.corpus.quotes:
            add("quote", q.speaker, _short(q.text), link("quote", q.id), q.text)
        for c in self.corpus.comments:
            add("comment", c.author or "anonymous", _short(c.text), link("comment", c.id), c.text)
        data = json.dumps(entries, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
        # A data string holding "</script>" or "<!--" cannot end the script early.
        data = data.replace("<", "\\u003c").replace(">", "\\u003e")
        return f"window.ICC_SEARCH_INDEX = {data};\n"


def _kind(record: Quote | Mention | Comment) -> str:
    return type(record).__name__.lower()


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CODE = re.compile(r"`([^`]*)`")


def _inline(text: str) -> str:
    """Return one line of the data card's Markdown as HTML: escaped, with ``code``."""
    parts = _CODE.split(text)
    return "".join(
        escape(p) if i % 2 == 0 else f"<code>{escape(p)}</code>" for i, p in enumerate(parts)
    )


def _markdown(text: str) -> str:
    """Return the data card's generated Markdown (paragraphs and pipe tables) as HTML."""
    out: list[str] = []
    rows: list[list[str]] = []
    align: list[str] = []

    def flush() -> None:
        if not rows:
            return
        head, *body = rows
        cells = "".join(f"<th>{_inline(c)}</th>" for c in head)
        lines = "".join(
            "<tr>"
            + "".join(
                f'<td style="text-align:{a}">{_inline(c)}</td>'
                if a == "right"
                else f"<td>{_inline(c)}</td>"
                for c, a in zip(r, align or ["left"] * len(r), strict=False)
            )
            + "</tr>"
            for r in body
        )
        out.append(
            f'<div class="icc-scroll"><table><thead><tr>{cells}</tr></thead>'
            f"<tbody>{lines}</tbody></table></div>"
        )
        rows.clear()
        align.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                align[:] = ["right" if c.endswith(":") else "left" for c in cells]
            else:
                rows.append(cells)
            continue
        flush()
        if stripped:
            out.append(f"<p>{_inline(stripped)}</p>")
    flush()
    return "".join(out)


def build_site(corpus: Corpus) -> dict[str, str]:
    """Return every file of the site, by its path relative to the site's folder."""
    site = _Site(corpus)
    files = {
        "index.html": site.index(),
        "people.html": site.listing(
            "People",
            (
                (p.name, site.href("")("person", p.id), p.id)
                for p in sorted(corpus.people, key=lambda p: (fold(p.name), p.id))
            ),
        ),
        "organisations.html": site.listing(
            "Organisations",
            (
                (o.name, site.href("")("organisation", o.id), o.kind.value)
                for o in sorted(corpus.organisations, key=lambda o: (fold(o.name), o.id))
            ),
        ),
        "datacard.html": site.datacard(),
        "citation.html": site.citation(),
        "search.html": site.search(),
        "search-index.js": site.search_index(),
    }
    for d in corpus.documents:
        files[f"documents/{_name(d.id)}.html"] = site.document(d)
    for p in corpus.people:
        files[f"people/{_name(p.id)}.html"] = site.person(p)
    for o in corpus.organisations:
        files[f"organisations/{_name(o.id)}.html"] = site.organisation(o)
    return files


def write_site(corpus: Corpus, directory: Path) -> list[Path]:
    """Write the site of ``corpus`` into ``directory``; return the files written, sorted.

    Every page is built before the first is written, so a corpus that cannot
    be rendered leaves the folder as it was.

    Raises:
        OSError: The folder could not be created or written.
    """
    files = build_site(corpus)
    written = []
    for relative in sorted(files):
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[relative].encode("utf-8"))
        written.append(path)
    return written
