"""Work the lower layers offer and the tools layer does: HTML views and the HTML site.

Records, results and the Corpus sit below the tools that render them, so they
may not import those tools, not even inside a function. They call the two
functions here instead; the package's public face (``__init__.py``), which
sits above every layer, hands in the tools layer's renderer and site writer
when the package is imported (the tools themselves are imported only when
first called). Until then a record renders as its escaped ``repr``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = ["provide", "render_html", "write_site"]

_RENDERER: list[Callable[[Any], str]] = []
_SITE_WRITER: list[Callable[[Any, Path], list[Path]]] = []


def provide(renderer: Callable[[Any], str], site_writer: Callable[[Any, Path], list[Path]]) -> None:
    """Set the function that renders a value as HTML and the one that writes a site."""
    _RENDERER[:] = [renderer]
    _SITE_WRITER[:] = [site_writer]


def render_html(value: object) -> str:
    """Return ``value`` as an HTML fragment for a notebook (``_repr_html_``)."""
    if _RENDERER:
        return _RENDERER[0](value)
    import html  # noqa: PLC0415 - only a package without its public face gets here

    return f"<pre>{html.escape(repr(value))}</pre>"


def write_site(corpus: object, directory: Path) -> list[Path]:
    """Write ``corpus`` as a static HTML site into ``directory``; return the files.

    Raises:
        RuntimeError: No site writer was provided (the package was not imported
            through its public face).
    """
    if not _SITE_WRITER:
        msg = "no HTML site writer: import integrated_care_corpus first"
        raise RuntimeError(msg)
    return _SITE_WRITER[0](corpus, directory)
