"""The cookbook's Spark example, run as written in PySpark's local mode over a Parquet export."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import integrated_care_corpus as icc
from integrated_care_corpus import _export

from .conftest import ROOT
from .test_engines import expected_comments, expected_nuffield, expected_speakers

pytest.importorskip("pyspark")

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime"),
    pytest.mark.filterwarnings(
        "ignore::DeprecationWarning", "ignore::FutureWarning", "ignore::ResourceWarning"
    ),
]


def _example() -> str:
    page = (ROOT / "docs" / "cookbook.md").read_text("utf-8")
    found = re.search(r"<!-- spark example -->\n```python\n(.*?)```", page, re.DOTALL)
    assert found, "the cookbook's Spark example is missing"
    return found.group(1)


def test_the_cookbook_spark_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = icc.load("1.0.0")
    folder = tmp_path / "corpus-parquet"
    _export.export(corpus, "parquet", folder)
    # Loopback only, no UI, scratch space in the test's folder.
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    monkeypatch.setenv("SPARK_LOCAL_DIRS", str(tmp_path / "spark"))
    monkeypatch.setenv("PYSPARK_SUBMIT_ARGS", "--conf spark.ui.enabled=false pyspark-shell")
    namespace: dict[str, Any] = {"folder": str(folder), "print": lambda *_: None}
    exec(compile(_example(), "docs/cookbook.md", "exec"), namespace)  # noqa: S102
    try:
        speakers = [
            (r["speaker"], r["quotes"], list(r["organisations"]))
            for r in namespace["speakers"].collect()
        ]
        assert speakers == expected_speakers(corpus)
        assert [r["id"] for r in namespace["nuffield"].collect()] == expected_nuffield(corpus)
        comments = [(r["id"], r["comments"]) for r in namespace["comments"].collect()]
        assert comments == expected_comments(corpus)
    finally:
        namespace["spark"].stop()
