"""Markdown text read into the document model, for callers that still hand the HTML and
docx writers Markdown (``build_html(str)``, ``build_docx(str)``). The review itself never
takes this path: its sections build the model directly."""

from __future__ import annotations

import re

from groupwork.report import model as d

_MARKER = re.compile(r"^\[\[chart:([a-z_]+)\]\]$")


def _inline(token) -> d.Inline:
    out: d.Inline = []
    strong = em = 0
    for child in token.children or []:
        if child.type == "strong_open":
            strong += 1
        elif child.type == "strong_close":
            strong -= 1
        elif child.type == "em_open":
            em += 1
        elif child.type == "em_close":
            em -= 1
        elif child.type in ("softbreak", "hardbreak"):
            out.append(d.Run(" "))
        elif child.type in ("text", "code_inline"):
            out.append(d.Run(child.content, bold=strong > 0, italic=em > 0))
    return out


def _plain(token) -> str:
    return "".join(r.text for r in _inline(token))


def document_from_markdown(text: str, title: str = "", lang: str = "en") -> d.Document:
    """Headings, paragraphs, lists, tables, quotes and chart markers of ``text``."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(text)
    blocks: list[d.Block] = []
    lists: list[d.ListBlock] = []
    quote = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            blocks.append(d.Heading(int(token.tag[1]), _plain(tokens[i + 1])))
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(d.ListBlock([], numbered=kind == "ordered_list_open"))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            blocks.append(lists.pop())
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "table_open":
            rows: list[list[str]] = []
            while tokens[i].type != "table_close":
                if tokens[i].type == "tr_open":
                    rows.append([])
                elif tokens[i].type == "inline":
                    rows[-1].append(_plain(tokens[i]))
                i += 1
            blocks.append(d.Table(rows[0], rows[1:]))
        elif kind == "inline":
            found = _MARKER.match(token.content.strip())
            if found:
                blocks.append(d.Chart(found.group(1)))
            elif lists:
                lists[-1].items.append(_inline(token))
            else:
                blocks.append(d.Paragraph(_inline(token), style="quote" if quote else ""))
        i += 1
    return d.Document(title=title, lang=lang, blocks=blocks)
