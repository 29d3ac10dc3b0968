"""Sphinx configuration: MyST Markdown pages, furo, autodoc with napoleon.

Build as CI does (tests/test_docs.py), failing on any warning::

    python -m sphinx -n -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

from importlib.metadata import version as _version
from typing import TYPE_CHECKING

from integrated_care_corpus._query import resolve_annotations

# The query methods' annotations name types their module imports on first use.
resolve_annotations()

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

project = "integrated-care-corpus"
author = "The integrated-care-corpus maintainers"
copyright = "2026, The integrated-care-corpus maintainers"
release = _version("integrated-care-corpus")
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# Every cross-reference must resolve (-n); the few targets outside this
# project that no inventory can supply offline are listed here.
nitpicky = True
nitpick_ignore = [
    ("py:class", "datetime.date"),
    ("py:class", "os.PathLike"),
    ("py:class", "Traversable"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "pathlib.Path"),
    ("py:class", "pandas.DataFrame"),  # the optional extras
    ("py:class", "pyarrow.Table"),
]
# Private names in private modules (type variables such as ``_R``).
nitpick_ignore_regex = [("py:class", r"integrated_care_corpus\._\w+\._\w+")]

myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

html_theme = "furo"
html_title = f"integrated-care-corpus {release}"

_PACKAGE = "integrated_care_corpus"


def _public_name(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Resolve ``integrated_care_corpus._module.Name`` as ``integrated_care_corpus.Name``.

    The API is documented under the package's public names, while type hints
    and ``__module__`` name the private module a class is defined in.
    """
    target = node.get("reftarget", "")
    module, _, name = target.rpartition(".")
    if node.get("refdomain") != "py" or not module.startswith(f"{_PACKAGE}._"):
        return None
    node["reftarget"] = f"{_PACKAGE}.{name}"
    resolved: nodes.reference | None = env.get_domain("py").resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], node["reftarget"], node, contnode
    )
    return resolved


def setup(app: Sphinx) -> None:
    """Connect the resolver for private module paths."""
    app.connect("missing-reference", _public_name)
