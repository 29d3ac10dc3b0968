"""The static site and the notebook views in a real browser: Debian's headless Chromium.

Playwright for Python drives ``/usr/bin/chromium`` (``.ci/run`` installs it
with apt-get when it is missing); Playwright's own browser downloads are never
used. Every page is loaded from ``file://``, as a reader who unpacked the
site would open it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import integrated_care_corpus as icc

from .htmlsite import SCRIPT, hostile_corpus

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists() or shutil.which("chromium") is None:  # pragma: no cover
    if os.environ.get("CI"):
        pytest.fail("CI must have Debian's chromium (.ci/run installs it)", pytrace=False)
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )

from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    icc.load().to_html(folder)
    return folder


class Watched:
    """A page with every console error, page error and failed request it caused."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_loads_without_errors_and_every_link_resolves(
    site: Path, watched: Watched
) -> None:
    targets: dict[Path, list[str]] = {}
    element_ids: dict[Path, set[str]] = {}
    for path in pages(site):
        watched.open(path)
        links: list[str] = watched.page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        sources: list[str] = watched.page.eval_on_selector_all("[src]", "es => es.map(e => e.src)")
        targets[path] = [*links, *sources]
        found: list[str] = watched.page.eval_on_selector_all("[id]", "es => es.map(e => e.id)")
        element_ids[path] = set(found)
    assert watched.problems == []
    checked = 0
    for path, urls in targets.items():
        for url in urls:
            parts = urlsplit(url)
            assert parts.scheme == "file", (path, url)
            target = Path(unquote(parts.path))
            assert target.is_file(), (path, url)
            assert site in target.parents, (path, url)
            if parts.fragment:
                assert unquote(parts.fragment) in element_ids[target], (path, url)
            checked += 1
    assert checked > 500


def test_each_document_page_marks_exactly_its_records(
    site: Path, watched: Watched, corpus: icc.Corpus
) -> None:
    for document in corpus.documents:
        contents = corpus.in_document(document)
        watched.open(site / "documents" / f"{document.id}.html")

        def ids(attribute: str) -> list[str]:
            found: list[str] = watched.page.eval_on_selector_all(
                f"[{attribute}]", f"es => es.map(e => e.getAttribute('{attribute}'))"
            )
            return sorted(found)

        assert ids("data-quote-id") == sorted(q.id for q in contents.quotes)
        assert ids("data-mention-id") == sorted(m.id for m in contents.mentions)
        assert ids("data-comment-id") == sorted(c.id for c in contents.comments)
    assert watched.problems == []


def test_hovering_a_quote_names_its_speaker(
    site: Path, watched: Watched, corpus: icc.Corpus
) -> None:
    document = corpus.document("cipfa-2012-01-05-ministers-must-prioritise-integration")
    watched.open(site / "documents" / f"{document.id}.html")
    for quote in corpus.in_document(document).quotes:
        element = watched.page.locator(f'[data-quote-id="{quote.id}"]')
        element.hover()
        assert element.evaluate("e => e.matches(':hover')")
        title = element.get_attribute("title") or ""
        assert title.startswith(quote.speaker), title
        if quote.role is not None:
            assert quote.role.text in title
    assert watched.problems == []


def test_search_finds_the_nuffield_trust(site: Path, watched: Watched) -> None:
    watched.open(site / "search.html")
    watched.page.fill("#q", "nuffield trust")
    results = watched.page.locator("#results li")
    assert results.count() > 1
    first = results.first
    assert first.locator("a").inner_text() == "Nuffield Trust"
    assert "result" in watched.page.inner_text("#count")
    first.locator("a").click()
    watched.page.wait_for_load_state("load")
    assert watched.page.url.endswith("/organisations/nuffield-trust.html")
    assert watched.page.inner_text("h1") == "Nuffield Trust"
    # Curly and straight apostrophes find the same thing, as in the package's own lookups.
    watched.open(site / "search.html")
    watched.page.fill("#q", "king's fund")
    straight = watched.page.inner_text("#count")
    watched.page.fill("#q", "king’s fund")
    assert watched.page.inner_text("#count") == straight != "0 results"
    watched.page.fill("#q", "zzzz no such words")
    assert watched.page.inner_text("#count") == "0 results"
    assert watched.problems == []


def test_markup_in_the_data_stays_text_in_the_browser(
    corpus_copy: Path, tmp_path: Path, watched: Watched
) -> None:
    hostile = hostile_corpus(corpus_copy)
    folder = tmp_path / "site"
    hostile.to_html(folder)
    last = hostile.documents[-1]
    for path in pages(folder):
        watched.open(path)
        assert watched.page.evaluate("window.PWNED === undefined"), path
        assert watched.page.locator("img").count() == 0, path
    watched.open(folder / "documents" / f"{last.id}.html")
    assert SCRIPT in watched.page.inner_text(".icc-text")
    watched.open(folder / "search.html")
    watched.page.fill("#q", "pwned")
    assert watched.page.inner_text("#count") != "0 results"
    assert watched.page.evaluate("window.PWNED === undefined")
    assert watched.problems == []


@pytest.mark.parametrize("width", [1280, 400])
def test_a_document_page_reads_at_desktop_and_phone_widths(
    site: Path, browser: Browser, tmp_path: Path, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto((site / "documents" / "pulse-undated-nhs-fully-integrated-by-2018.html").as_uri())
    shot = tmp_path / f"document-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # Nothing pushes the page sideways, and the text column stays readable.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    column = page.evaluate("document.querySelector('.icc-text').getBoundingClientRect().width")
    assert 300 <= column <= 1000
    line = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.icc-text')).fontSize)"
    )
    assert line >= 14
    context.close()


@pytest.mark.parametrize(("background", "text"), [("#ffffff", "#111111"), ("#111111", "#eeeeee")])
def test_notebook_views_take_the_theme_colours(
    browser: Browser, corpus: icc.Corpus, background: str, text: str
) -> None:
    """In a light or a dark notebook, quotes and tables keep the theme's text colour."""
    context = browser.new_context()
    page = context.new_page()
    view = corpus.in_document("pulse-undated-nhs-fully-integrated-by-2018")._repr_html_()
    table = corpus.find_quotes()._repr_html_()
    page.set_content(
        f'<body style="background:{background};color:{text}">'
        # Jupyter's own rule, which right-aligns table cells.
        "<style>td,th{text-align:right}</style>"
        f"{view}{table}</body>"
    )
    colour = page.evaluate(
        "s => getComputedStyle(document.querySelector(s)).color", "[data-quote-id]"
    )
    expected = page.evaluate("() => getComputedStyle(document.body).color")
    assert colour == expected
    align = page.evaluate("() => getComputedStyle(document.querySelector('.icc td')).textAlign")
    assert align == "left"
    context.close()
