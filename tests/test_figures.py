"""Every measured figure in the docs' prose comes from a committed benchmark result.

A figure is a number with a unit of measure (``1.93×``, ``3.9 s``,
``408 MB``, ``94%``, ``12 mutants``). Each page that quotes figures cites
the result tables it takes them from (``benchmarks/results/*.md``), and
each figure must be one of that table's numbers, as written or rounded to
the figure's precision (``3,915.2 ms`` is "about 3.9 s"). Every other page
quotes none. Rerunning a benchmark therefore fails this test until the
prose is brought in step with the new table.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from .conftest import ROOT

RESULTS = ROOT / "benchmarks" / "results"
#: The pages that quote measured figures, and the result tables they cite.
CITES: dict[str, tuple[str, ...]] = {
    "docs/performance.md": ("performance.md", "start.md", "query.md"),
    "docs/loading-your-own-corpus.md": ("performance.md",),
    "docs/attribution.md": ("attribution.md",),
}
#: Pages with tables of their own, not yet from benchmarks/results/, and why they are left.
OWN_TABLES: dict[str, str] = {}
#: Unit -> (kind, factor to the kind's base unit).
UNITS: dict[str, tuple[str, Decimal]] = {
    "×": ("ratio", Decimal(1)),
    "s": ("time", Decimal(1)),
    "ms": ("time", Decimal("0.001")),
    "µs": ("time", Decimal("0.000001")),
    "MB": ("memory", Decimal(1)),
    "%": ("percent", Decimal(1)),
    "mutants": ("mutants", Decimal(1)),
    "million": ("count", Decimal(1_000_000)),
}
_FIGURE = re.compile(r"(?<![\w.,-])(\d[\d,]*(?:\.\d+)?)\s?(×|ms|µs|s|MB|%|mutants|million)(?!\w)")
#: Shares in words ("about a third of it") are figures too, and no table has them.
_SHARE = re.compile(
    r"\babout (?:a|one|two) (?:third|half|quarter|fifth)|\babout half\b", re.IGNORECASE
)
_CODE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def _figures(text: str) -> list[tuple[str, str, Decimal]]:
    """Each figure in ``text``, code left out: (as written, unit, number as written)."""
    prose = re.sub(r"`[^`\n]*`", "", _CODE.sub("", text))
    return [
        (m.group(0), m.group(2), Decimal(m.group(1).replace(",", "")))
        for m in _FIGURE.finditer(prose)
    ]


def _values(table: str) -> dict[str, set[Decimal]]:
    """Every number in a results table, by kind, in the kind's base unit."""
    found: dict[str, set[Decimal]] = {}
    for _, unit, number in _figures(table):
        kind, factor = UNITS[unit]
        found.setdefault(kind, set()).add(number * factor)
    return found


def _in_table(written: str, unit: str, number: Decimal, table: dict[str, set[Decimal]]) -> bool:
    """Whether a table value, in ``unit`` and rounded as ``written`` is, gives ``number``."""
    kind, factor = UNITS[unit]
    digits = re.match(r"[\d,]*(?:\.(\d+))?", written)
    assert digits is not None
    quantum = Decimal(1).scaleb(-len(digits.group(1) or ""))
    return any(
        (value / factor).quantize(quantum, ROUND_HALF_UP) == number for value in table.get(kind, ())
    )


@pytest.mark.parametrize("page", sorted(CITES))
def test_every_figure_is_in_the_table_the_page_cites(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    tables = {name: (RESULTS / name).read_text(encoding="utf-8") for name in CITES[page]}
    for name in tables:  # by its path, or by a link to the page that includes it
        assert name in text, f"{page} should cite {name}"
    values: dict[str, set[Decimal]] = {}
    for table in tables.values():
        for kind, found in _values(table).items():
            values.setdefault(kind, set()).update(found)
    missing = [w for w, unit, number in _figures(text) if not _in_table(w, unit, number, values)]
    missing += _SHARE.findall(text)
    assert missing == [], f"{page}: figures not in {', '.join(tables)}: {missing}"


def _settings() -> set[str]:
    """Figures that are settings, not measurements: the coverage floor."""
    floor = re.search(r'"--cov-fail-under=(\d+)"', (ROOT / "pyproject.toml").read_text("utf-8"))
    assert floor is not None
    return {f"{floor.group(1)}%"}


def test_no_other_page_quotes_figures() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    quoting = {
        str(p.relative_to(ROOT)): [
            w for w, _, _ in _figures(p.read_text(encoding="utf-8")) if w not in _settings()
        ]
        for p in pages
        if str(p.relative_to(ROOT)) not in {*CITES, *OWN_TABLES}
    }
    assert {page: found for page, found in quoting.items() if found} == {}


def test_the_rounding_rule() -> None:
    table = _values("| 3,915.2 ms | (1.22×) | 4.10× | 408.1 MB |")
    assert _in_table("3.9 s", "s", Decimal("3.9"), table)
    assert _in_table("3,915.2 ms", "ms", Decimal("3915.2"), table)
    assert not _in_table("3.8 s", "s", Decimal("3.8"), table)
    assert _in_table("3.92 s", "s", Decimal("3.92"), table)
    assert not _in_table("3.93 s", "s", Decimal("3.93"), table)
    assert not _in_table("3,915 ms", "s", Decimal(3915), table)
    assert _in_table("4×", "×", Decimal(4), table)
    assert _in_table("1.2×", "×", Decimal("1.2"), table)
    assert not _in_table("1.23×", "×", Decimal("1.23"), table)
    assert _in_table("408 MB", "MB", Decimal(408), table)
    assert not _in_table("409 MB", "MB", Decimal(409), table)
    assert not _in_table("1.5 million", "million", Decimal("1.5"), table)
    assert _SHARE.findall("about a third of it msgspec, about half the time") == [
        "about a third",
        "about half",
    ]
    text = "about 2.5 s, `9 s`, 2 cores\n```\n7 s\n```\n"
    assert [w for w, _, _ in _figures(text)] == ["2.5 s"]
