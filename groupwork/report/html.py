"""``build_html`` for callers with a document model or Markdown text; the writer itself is
``groupwork.report.writers.html``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from groupwork.i18n import current_language

if TYPE_CHECKING:
    from groupwork.report.model import Document


def build_html(
    source: Document | str, title: str, chart_svg: Callable[[str], str] | None = None
) -> str:
    """The whole HTML document of ``source`` (a document model, or Markdown text)."""
    from groupwork.report.writers.html import write_html

    if isinstance(source, str):
        from groupwork.report.writers.legacy import document_from_markdown

        source = document_from_markdown(source, title=title, lang=current_language())
    return write_html(source, chart_svg)
