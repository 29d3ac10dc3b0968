"""The files that make an export folder self-describing: LICENSE, CITATION.cff, README.md.

Each export folder carries the licence (the project's ``LICENSE``, word for
word; a test compares them), a ``CITATION.cff`` for the corpus version
exported, and a ``README.md``: what the folder is, the data card's record
counts and documents, how to cite it, how to load it with the tools its
format is for, and what every file is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from ._citation import citation_cff

if TYPE_CHECKING:
    from ._corpus import Corpus

__all__ = ["HOW_TO_LOAD", "LICENSE", "README_FRONT_MATTER", "citation_file", "readme"]

#: The project's ``LICENSE``, as exports ship it.
LICENSE = """\
Code and annotations
====================

MIT License

Copyright (c) 2026 The integrated-care-corpus maintainers

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.

Source texts
============

The source texts in seeds/ (and the document texts inside the bundled
resources, which are the same texts) are not covered by the licence above.
They remain the copyright of their publishers and, for reader comments, of
their writers. They are included, unchanged, so that every annotation can be
checked against its source; reuse beyond research and verification needs the
rights holders' permission. See the data card (DATACARD.md).
"""

#: How to load a folder of each format, as Markdown; ``{folder}`` stands for its path.
HOW_TO_LOAD: dict[str, str] = {
    "json": (
        "This folder is a corpus folder in the bundled JSON format, so the package "
        "loads it with every check:\n\n"
        "```python\nimport integrated_care_corpus as icc\n\n"
        'corpus = icc.load_path("{folder}")\n```\n\n'
        "and `integrated-care-corpus verify {folder}` checks it. Any JSON reader "
        "reads the files: each is an array of records, described by the JSON Schemas "
        "of the package (`integrated-care-corpus schema`)."
    ),
    "jsonl": (
        "One record per line, in the bundled JSON format:\n\n"
        "```python\nimport pandas as pd\n\n"
        'quotes = pd.read_json("{folder}/quotes.jsonl", lines=True)\n```'
    ),
    "csv": (
        "One table per record type, with a header row; a list column holds a JSON "
        "array. `datapackage.json` describes every table (types, keys, foreign keys, "
        "vocabularies) as a Frictionless Data Package:\n\n"
        "```python\nimport pandas as pd\n\n"
        'quotes = pd.read_csv("{folder}/quotes.csv")\n```\n\n'
        "`frictionless validate {folder}/datapackage.json` checks every row."
    ),
    "parquet": (
        "One Parquet file per record type, typed (vocabularies as dictionary "
        "columns, dates as `date32`), with a description of every column in the "
        "file's key-value metadata:\n\n"
        "```python\nimport duckdb\n\n"
        "duckdb.sql(\"SELECT speaker, count(*) FROM '{folder}/quotes.parquet' GROUP BY 1\")\n"
        "```\n\n"
        "The Hugging Face `datasets` library reads one table by its config name, "
        '`datasets.load_dataset("{folder}", "quotes")`; `croissant.json` '
        "describes the tables for Croissant (MLCommons) readers, and "
        "`datapackage.json` for Frictionless ones."
    ),
    "jsonld": (
        "One JSON-LD document of schema.org nodes, its `@context` embedded, so no "
        "processor needs the network:\n\n"
        "```python\nimport rdflib\n\n"
        'graph = rdflib.Graph().parse("{folder}/corpus.jsonld", format="json-ld")\n```'
    ),
    "html": (
        "A static site: open `index.html` in a browser, straight from the folder (no "
        "server, nothing fetched). Every document is a page with its quotes, mentions "
        "and reader comments marked; `search.html` searches the corpus."
    ),
}


def _hugging_face(corpus: Corpus, files: Mapping[str, str]) -> str:
    """Return the dataset card front matter: one ``datasets`` config per table."""
    from ._tables import TABLES  # noqa: PLC0415

    lines = [
        "---",
        "pretty_name: integrated-care-corpus",
        "language:",
        "- en",
        "license: other",
        "license_name: mit-and-source-texts-publishers-copyright",
        "license_link: LICENSE",
        f'version: "{corpus.version}"',
        "configs:",
    ]
    for table in TABLES:
        if f"{table}.parquet" not in files:
            continue
        lines.append(f"- config_name: {table}")
        if table == "documents":
            lines.append("  default: true")
        lines.append("  data_files:")
        lines.append("  - split: train")
        lines.append(f"    path: {table}.parquet")
    lines.append("---\n")
    return "\n".join(lines)


HOW_TO_LOAD["spacy"] = (
    'A spaCy `DocBin`: one `Doc` per document, tokenised by `spacy.blank("en")`, '
    "with the mentions in the `mentions` span group (and as `doc.ents`, labelled "
    "`ORG` or `PERSON`, the organisation's or person's id as `kb_id_`), the quotes "
    "in `quotes` (labelled `direct` or `partial`) and the reader comments in "
    "`comments`. Each span's record id, speaker and person id are the span "
    "attributes `icc_id`, `icc_speaker` and `icc_person_id`; register them before "
    "reading:\n\n"
    "```python\nimport spacy\nfrom spacy.tokens import DocBin, Span\n\n"
    'for name in ("icc_id", "icc_speaker", "icc_person_id"):\n'
    "    Span.set_extension(name, default=None)\n"
    'docs = list(DocBin().from_disk("{folder}/corpus.spacy").get_docs(spacy.blank("en").vocab))\n'
    "```"
)

#: YAML front matter for a format's README (Hugging Face reads its ``configs``).
README_FRONT_MATTER: dict[str, Callable[[Corpus, Mapping[str, str]], str]] = {
    "parquet": _hugging_face,
}

#: What each kind of file is, for the README's file list.
_FILE_NOTES = {
    "manifest.json": "what this folder is, and the SHA-256 and size of every file",
    "LICENSE": "the licence of the code and annotations, and of the source texts",
    "CITATION.cff": "how to cite this corpus version (Citation File Format)",
    "README.md": "this file",
    "datapackage.json": "Frictionless Data Package: the tables, their fields and keys",
    "croissant.json": "Croissant (MLCommons) metadata: the record sets and their fields",
    "corpus.jsonld": "every record as a schema.org node, in one JSON-LD graph",
    "corpus.spacy": "a spaCy DocBin: one Doc per document, with its mentions and quotes",
}


def citation_file(corpus: Corpus) -> str:
    """Return the ``CITATION.cff`` of the corpus's version."""
    return citation_cff(corpus.version)


def _file_note(name: str) -> str:
    if name in _FILE_NOTES:
        return _FILE_NOTES[name]
    if name.endswith((".html", ".js")):
        return "a page of the site" if name.endswith(".html") else "the search page's index"
    stem = name.partition(".")[0]
    return f"the {stem} table" if stem else name


def readme(corpus: Corpus, fmt: str, files: Mapping[str, str], package_version: str) -> str:
    """Return the ``README.md`` of an export folder.

    Args:
        corpus: The corpus exported.
        fmt: The format name.
        files: Every file the folder holds but the manifest and README, name ->
            what the writer says it is (``""`` for the default note).
        package_version: The version of the package that wrote it.
    """
    from ._datacard import TABLES  # noqa: PLC0415 - only exports need it

    front = README_FRONT_MATTER.get(fmt)
    listing = "\n".join(
        f"- `{name}`: {note or _file_note(name)}"
        for name, note in sorted({**files, "README.md": "", "manifest.json": ""}.items())
    )
    how = HOW_TO_LOAD.get(fmt, "See the package's documentation for this format.")
    parts = [
        front(corpus, files) if front else "",
        f"# integrated-care-corpus {corpus.version} ({fmt} export)\n",
        (
            "A curated, verifiable corpus of UK writing on integrated health and social care: "
            "every quoted statement, every reader comment, and every organisation and person "
            "the documents name, each tied by a character span to the exact source text. "
            f"Written by the Python package integrated-care-corpus {package_version}; "
            "`manifest.json` gives the SHA-256 and size of every file here.\n"
        ),
        "## What is in it\n",
        TABLES["record-counts"](corpus) + "\n",
        "## Documents\n",
        TABLES["documents"](corpus) + "\n",
        "## Licence\n",
        (
            "The code and annotations are MIT-licensed. The source texts (the document "
            "texts in this folder) remain the copyright of their publishers and, for reader "
            "comments, of their writers; reuse beyond research and verification needs the "
            "rights holders' permission. See `LICENSE`.\n"
        ),
        "## How to cite\n",
        f"{_citation_text(corpus)} `CITATION.cff` gives the citation in Citation File Format.\n",
        "## How to load\n",
        how.replace("{folder}", "path/to/this/folder") + "\n",
        "## Files\n",
        listing + "\n",
    ]
    return "\n".join(p for p in parts if p)


def _citation_text(corpus: Corpus) -> str:
    from ._citation import AUTHOR, DATE_RELEASED, TITLE  # noqa: PLC0415

    year = DATE_RELEASED[:4] if DATE_RELEASED else "n.d."
    return f"{AUTHOR} ({year}). {TITLE} (Version {corpus.version}) [Data set]."
