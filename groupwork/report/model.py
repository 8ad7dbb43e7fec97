"""The review as a document model: headings, paragraphs, lists, tables, charts, signature
blocks and page breaks as plain data.

Each review section (``groupwork.report.sections``) returns a list of these blocks; three small
writers (``writers/md.py``, ``writers/html.py``, ``writers/docx.py``) render the same list, so
no format parses another's text back. Text in the model is plain (never escaped markup): each
writer escapes it for its own format, and every member's name in it has already passed
through the report's ``Naming``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A piece of inline text, bold or italic."""

    text: str
    bold: bool = False
    italic: bool = False


Inline = list[Run]


def runs(*parts: str | Run) -> Inline:
    """Inline text from plain strings and runs (a string is a plain run)."""
    return [p if isinstance(p, Run) else Run(p) for p in parts if p]


@dataclass
class Heading:
    """A heading: level 1 is the title, 2 a section, 3 and 4 parts of it."""

    level: int
    text: str
    anchor: str = ""
    """An id for the table of contents (HTML links, docx bookmarks); set on section headings."""
    new_page: bool = False
    """The section starts a printed page (endorsement, section 1, lessons, appendices)."""


@dataclass
class Paragraph:
    """A paragraph of inline runs; ``style`` "note" (a remark in italics), "quote" (set off),
    "missing" (something the guideline asks for is not recorded yet) or "" (body text)."""

    content: Inline
    style: str = ""


@dataclass
class ListBlock:
    """A bullet list, or a numbered one (numbers written as text, each list from 1)."""

    items: list[Inline]
    numbered: bool = False
    title: str = ""
    """A bold label line above the list ("Rules the group agreed:")."""


@dataclass
class Table:
    """A table of plain-text cells; the first row is the header (repeated on each page)."""

    headers: list[str]
    rows: list[list[str]]
    title: str = ""
    """A bold label line above the table."""
    show_headers: bool = True
    """False: the headers only name the columns (the cover's facts need no "Item | Details"
    row); Word and HTML leave them out, Markdown (which needs a header row) keeps them."""


@dataclass
class Chart:
    """A chart of ``kind`` (see ``groupwork.charts.CHART_KINDS``), drawn once per format."""

    kind: str


@dataclass
class Signature:
    """A signature block in the form of a Thai official document: "(ลงชื่อ) ……", the name in
    parentheses beneath, the position, the date; centred. Empty values leave dotted lines."""

    role: str
    """Whose signature: the reporting worker, the head of the unit."""
    name: str = ""
    position: str = ""
    day: str = ""


@dataclass
class Contents:
    """The table of contents: lines with PAGEREF page numbers in docx, a linked list in HTML,
    the section titles in Markdown."""

    title: str
    entries: list[tuple[str, str]] = field(default_factory=list)
    """(anchor, heading text) of each section, filled in by ``Document.contents_entries``."""


@dataclass
class PageBreak:
    """A forced page break (docx and print only)."""


Block = Heading | Paragraph | ListBlock | Table | Chart | Signature | Contents | PageBreak


@dataclass
class Document:
    """The whole review: its title, language and blocks in order."""

    title: str
    lang: str
    blocks: list[Block]

    def charts(self) -> list[str]:
        """The chart kinds placed in the document, in order, without repeats."""
        return list(dict.fromkeys(b.kind for b in self.blocks if isinstance(b, Chart)))

    def sections(self) -> list[Heading]:
        """The section headings (level 2), the entries of the table of contents."""
        return [b for b in self.blocks if isinstance(b, Heading) and b.level == 2]


def labelled(label: str, value: str) -> Paragraph:
    """A paragraph "**label:** value"."""
    return Paragraph(runs(Run(label + ":", bold=True), " " + value if value else ""))


def note(text: str) -> Paragraph:
    """A remark in italics (nothing recorded yet, how members are named)."""
    return Paragraph([Run(text, italic=True)], style="note")


def missing(text: str) -> Paragraph:
    """A part the guideline asks for that is still to be completed: bold, and listed by the
    pre-flight check."""
    return Paragraph([Run(text, bold=True)], style="missing")
