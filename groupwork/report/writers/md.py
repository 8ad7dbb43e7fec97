"""The review model as Markdown: headings, paragraphs, lists and tables, every text
escaped so it shows as typed. Charts are marker lines ``[[chart:KIND]]`` when asked for
(tests, tools), left out of the .md file."""

from __future__ import annotations

from groupwork.i18n import _
from groupwork.report import model as d
from groupwork.report.text import _SPECIAL, cell, esc


def inline(content: d.Inline) -> str:
    """Runs as Markdown (bold ``**``, italic ``*``), text escaped."""
    out = []
    for run in content:
        text = esc(run.text)
        if run.bold and text.strip():
            lead, core, trail = _split_space(text)
            text = f"{lead}**{core}**{trail}"
        elif run.italic and text.strip():
            lead, core, trail = _split_space(text)
            text = f"{lead}*{core}*{trail}"
        out.append(text)
    return "".join(out)


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def _table(block: d.Table) -> str:
    lines = [
        "| " + " | ".join(cell(h) for h in block.headers) + " |",
        "|" + "|".join("---" for _h in block.headers) + "|",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in block.rows]
    return "\n".join(lines)


def _list(block: d.ListBlock) -> str:
    if block.numbered:
        return "\n".join(f"{i}. {inline(item)}" for i, item in enumerate(block.items, 1))
    return "\n".join(f"- {inline(item)}" for item in block.items)


def _signature(block: d.Signature) -> list[str]:
    line = "\\_" * 30
    rows = (
        (_("Signature"), ""),
        (_("Name"), block.name),
        (_("Position"), block.position),
        (_("Date"), block.day),
    )
    return [f"**{esc(block.role)}**"] + [
        f"**{label}:** {esc(value) or line}" for label, value in rows
    ]


def render_block(block: d.Block, document: d.Document | None, charts: bool) -> list[str]:
    """One block as Markdown paragraphs (an empty list for what Markdown does not show)."""
    if isinstance(block, d.Heading):
        # After "## " a leading "4." is no list: only markup characters are escaped.
        return ["#" * block.level + " " + _SPECIAL.sub(r"\\\1", " ".join(block.text.split()))]
    if isinstance(block, d.Paragraph):
        text = inline(block.content)
        return ["> " + text if block.style == "quote" else text]
    if isinstance(block, d.ListBlock):
        head = [f"**{esc(block.title)}:**"] if block.title else []
        return head + [_list(block)]
    if isinstance(block, d.Table):
        head = [f"**{esc(block.title)}:**"] if block.title else []
        return head + [_table(block)]
    if isinstance(block, d.Chart):
        return [f"[[chart:{block.kind}]]"] if charts else []
    if isinstance(block, d.Signature):
        return _signature(block)
    if isinstance(block, d.Contents):
        entries = document.sections() if document else []
        return ["## " + esc(block.title), "\n".join(f"- {esc(h.text)}" for h in entries)]
    return []


def render_blocks(blocks: list[d.Block], charts: bool = True) -> str:
    """Blocks as Markdown text (no trailing newline)."""
    parts: list[str] = []
    for block in blocks:
        parts += render_block(block, None, charts)
    return "\n\n".join(p for p in parts if p)


def write_markdown(document: d.Document, charts: bool = False) -> str:
    """The whole document as Markdown; ``charts`` keeps the chart marker lines."""
    parts: list[str] = []
    for block in document.blocks:
        parts += render_block(block, document, charts)
    return "\n\n".join(p for p in parts if p).strip() + "\n"
