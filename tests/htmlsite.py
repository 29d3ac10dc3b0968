"""Helpers for the HTML view tests: a corpus with markup in its data, and page parsing."""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import integrated_care_corpus as icc

#: Markup planted in the hostile corpus; it must arrive as text, never as elements.
SCRIPT = "<script>window.PWNED=1</script>"
IMG = '<img src=x onerror="window.PWNED=2">'


def _rewrite(folder: Path, name: str, records: list[dict[str, Any]]) -> None:
    raw = json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    (folder / f"{name}.json").write_bytes(raw)
    manifest = json.loads((folder / "manifest.json").read_bytes())
    manifest["resources"][f"{name}.json"]["sha256"] = hashlib.sha256(raw).hexdigest()
    manifest["resources"][f"{name}.json"]["count"] = len(records)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")


def _read(folder: Path, name: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads((folder / f"{name}.json").read_bytes())
    return records


def hostile_corpus(folder: Path) -> icc.Corpus:
    """Plant markup in a corpus copy's names, notes and text; fix the checksums; load it.

    The last document's text gets a line of markup after its last region
    (with that region extended over it), so the text, its seed checksum and
    the manifest all still agree.
    """
    organisations = _read(folder, "organisations")
    organisations[0]["name"] = f"{SCRIPT} Health & Care “Board”"
    organisations[0]["aliases"] = [*organisations[0]["aliases"], IMG]
    _rewrite(folder, "organisations", organisations)

    people = _read(folder, "people")
    people[0]["note"] = f"{SCRIPT}{IMG}"
    _rewrite(folder, "people", people)

    quotes = _read(folder, "quotes")
    continued = {q["continues"] for q in quotes}
    alone = next(q for q in quotes if q["id"] not in continued and q["continues"] is None)
    alone["speaker"] = f'{alone["speaker"]} "{IMG}"'
    alone["note"] = SCRIPT
    _rewrite(folder, "quotes", quotes)

    documents = _read(folder, "documents")
    last = documents[-1]
    last["text"] += f"\n{SCRIPT}{IMG}</div></article>"
    last["regions"][-1]["span"]["end"] = len(last["text"])
    digest = hashlib.sha256(last["text"].encode("utf-8")).hexdigest()
    last["source"]["sha256"] = digest
    last["published"]["note"] = f"{IMG} and {SCRIPT}"
    _rewrite(folder, "documents", documents)
    manifest = json.loads((folder / "manifest.json").read_bytes())
    manifest["seeds"][last["source"]["file"]] = digest
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")
    return icc.load_path(folder)


class Elements(HTMLParser):
    """Collect every start tag with its attributes, and the script elements' bodies."""

    def __init__(self) -> None:
        """Start with no elements seen."""
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a start tag."""
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        """Leave a script."""
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        """Keep a script's body."""
        if self._in_script:
            self.scripts.append(data)


def elements(markup: str) -> Elements:
    """Return the elements of ``markup``."""
    parser = Elements()
    parser.feed(markup)
    parser.close()
    return parser
