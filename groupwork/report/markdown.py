"""The Group Work Review as Markdown, section by section.

The review is built as a document model (``groupwork.report.sections``) and written by
``groupwork.report.writers.md``; these functions give a section (or the whole review) as
Markdown text, with chart marker lines ``[[chart:KIND]]``, for tests and tools that read
text.
"""

from __future__ import annotations

import re

from groupwork.privacy.naming import Naming
from groupwork.report.sections import appendices, build_document
from groupwork.report.sections import stage_section as _stage_blocks
from groupwork.report.writers.md import render_blocks, write_markdown
from groupwork.review_data.data import ReviewData

CHART_MARKER = re.compile(r"^\[\[chart:([a-z_]+)\]\]$", re.MULTILINE)
ATTENDANCE_COLUMNS = appendices.ATTENDANCE_COLUMNS


def chart(kind: str) -> str:
    """The marker line that places chart ``kind`` in the report."""
    return f"[[chart:{kind}]]"


def strip_chart_markers(markdown: str) -> str:
    """The Markdown without chart markers (for the plain .md output)."""
    return re.sub(r"\n*^\[\[chart:[a-z_]+\]\]$\n*", "\n\n", markdown, flags=re.MULTILINE)


def build_markdown(data: ReviewData, naming: Naming) -> str:
    """The whole review, in the current language, with chart markers."""
    return write_markdown(build_document(data, naming), charts=True)


def stage_section(data: ReviewData, naming: Naming, n: int) -> str:
    """Section ``n`` of the twelve essentials, as Markdown."""
    return render_blocks(_stage_blocks(data, naming, n))


def attendance_appendix(data: ReviewData, naming: Naming) -> str:
    """Appendix B (attendance by session ranges), as Markdown."""
    return render_blocks(appendices.attendance_appendix(data, naming))


def charts_used(markdown: str) -> list[str]:
    """The chart kinds placed in ``markdown``, in order, without repeats."""
    return list(dict.fromkeys(CHART_MARKER.findall(markdown)))
