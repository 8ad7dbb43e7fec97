"""The review model as one self-contained, printable HTML file.

Every text is escaped (nothing a facilitator typed can become markup); charts are inline SVG
(text kept as text, so the browser shapes Thai); the shipped Sarabun font is embedded
(``@font-face`` in the file), so Thai reads the same on a machine with no Thai font; the table of
contents links to each section; printing gives A4 pages numbered at the top centre, as a Thai
official document is.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from functools import cache

from groupwork.i18n import _
from groupwork.report import model as d
from groupwork.report.docx import PAGE_MARGINS_MM

FONT_STACK = (
    '"TH Sarabun New", "Sarabun", "Noto Sans Thai", "Leelawadee UI", "Tahoma", '
    '"Thonburi", "Loma", "Garuda", "DejaVu Sans", sans-serif'
)

STYLE = """
:root { --ink: #1d232a; --muted: #5b6570; --rule: #c9d1d9; --accent: #2b6f8e; }
html { font-family: FONTS; color: var(--ink); }
body { max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.6;
  font-size: 15px; }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin-top: 2.2rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--accent); break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.3rem 0 .4rem; color: var(--accent); break-after: avoid; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; break-after: avoid; }
p.label { margin: .8rem 0 .2rem; font-weight: bold; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .86rem;
  break-inside: auto; }
th, td { border: 1px solid var(--rule); padding: .25rem .45rem; text-align: left;
  vertical-align: top; }
th { background: #eef3f6; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
blockquote { margin: .8rem 0; padding: .4rem .8rem; border-left: 4px solid #e07b39;
  background: #fdf3ec; }
p.missing { color: #9a3412; }
figure.chart { margin: 1rem 0; break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; }
figure.chart svg text { font-family: FONTS !important; }
em { color: var(--muted); }
div.signature { margin: 2.5rem auto 1rem; width: 22rem; text-align: center; break-inside: avoid; }
div.signature p { margin: .35rem 0; }
nav.contents ol { list-style: none; padding-left: 0; }
nav.contents a { color: inherit; }
nav.contents a::after { content: leader('.') target-counter(attr(href), page); }
nav.contents p.contents-note { color: var(--muted); font-size: .9rem; }
@page { size: A4; margin: MARGINS;
  @top-center { content: "- " counter(page) " -"; font-family: FONTS; font-size: 11pt; } }
@page :first { @top-center { content: none; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 12pt; }
  .new-page { break-before: page; }
  nav.contents { break-after: page; }  /* the contents on a page of its own, as in the docx */
  figure.chart svg { max-height: 120mm; }
  a { color: inherit; text-decoration: none; }
}
""".replace("FONTS", FONT_STACK).replace(
    "MARGINS", " ".join(f"{PAGE_MARGINS_MM[side]}mm" for side in ("top", "right", "bottom", "left"))
)


@cache
def embedded_fonts() -> str:
    """``@font-face`` rules carrying the shipped Sarabun (regular and bold) in the file,
    read once per process; "" without the font wheel (the font stack then falls back).

    Every byte is percent-encoded rather than base64: base64 runs letters together, and in
    180 kB of them any short name ("Pim") turns up, which a privacy check of the file (ours,
    or a reader's search) would rightly flag. Hex pairs never make a word of three letters.
    """
    from groupwork.charts.fonts import shipped_font_files

    rules = []
    for path in shipped_font_files():
        weight = "bold" if "Bold" in path else "normal"
        with open(path, "rb") as handle:
            raw = handle.read()
        # "%XX" for every byte, written by bytes.hex in C (a loop over 180 kB cost ~50 ms).
        data = "%" + raw.hex("%").upper() if raw else ""
        rules.append(
            '@font-face { font-family: "Sarabun"; font-weight: ' + weight + "; "
            "src: url(data:font/ttf," + data + ') format("truetype"); }'
        )
    return "\n".join(rules)


def _e(text: str) -> str:
    return html_lib.escape(text, quote=True)


def _inline(content: d.Inline) -> str:
    out = []
    for run in content:
        text = _e(run.text)
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)


def _table(block: d.Table) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in block.headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(' '.join(c.split())) or '–'}</td>" for c in row) + "</tr>"
        for row in block.rows
    )
    title = f'<p class="label">{_e(block.title)}:</p>' if block.title else ""
    thead = f"<thead><tr>{head}</tr></thead>" if block.show_headers else ""
    return f"{title}<table>{thead}<tbody>{body}</tbody></table>"


def _signature(block: d.Signature) -> str:
    dots = "." * 40
    lines = [
        "<p>" + _e(_("(Signed)")) + f" {dots}</p>",
        f"<p>({_e(block.name) if block.name else dots})</p>",
        f"<p>{_e(block.position) if block.position else dots}</p>",
        f"<p>{_e(block.day) if block.day else dots}</p>",
        f"<p><em>{_e(block.role)}</em></p>",
    ]
    return '<div class="signature">' + "".join(lines) + "</div>"


def _svg_figure(kind: str, svg: str) -> str:
    svg = re.sub(r"^.*?(<svg\b)", r"\1", svg, count=1, flags=re.DOTALL)
    return f'<figure class="chart chart-{kind}">{svg}</figure>'


def render_body(document: d.Document, chart_svg: Callable[[str], str] | None) -> str:
    """The document's blocks as an HTML fragment."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, d.Heading):
            attrs = f' id="{block.anchor}"' if block.anchor else ""
            if block.new_page:
                attrs += ' class="new-page"'
            out.append(f"<h{block.level}{attrs}>{_e(block.text)}</h{block.level}>")
        elif isinstance(block, d.Paragraph):
            text = _inline(block.content)
            if block.style == "quote":
                out.append(f"<blockquote><p>{text}</p></blockquote>")
            else:
                css = f' class="{block.style}"' if block.style else ""
                out.append(f"<p{css}>{text}</p>")
        elif isinstance(block, d.ListBlock):
            tag = "ol" if block.numbered else "ul"
            if block.title:
                out.append(f'<p class="label">{_e(block.title)}:</p>')
            items = "".join(f"<li>{_inline(i)}</li>" for i in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, d.Table):
            out.append(_table(block))
        elif isinstance(block, d.Chart):
            if chart_svg is not None:
                out.append(_svg_figure(block.kind, chart_svg(block.kind)))
        elif isinstance(block, d.Signature):
            out.append(_signature(block))
        elif isinstance(block, d.Contents):
            links = "".join(
                f'<li><a href="#{h.anchor}">{_e(h.text)}</a></li>'
                for h in document.sections()
                if h.anchor
            )
            # Chromium's print has no cross-reference to a page (target-counter): the note
            # says where page numbers are; an engine that has it fills them in (CSS above).
            pages = _(
                "Printed, every page is numbered at its top; the sections follow in this "
                "order. The Word copy's contents gives each section's page."
            )
            out.append(
                f'<nav class="contents"><h2 class="new-page">{_e(block.title)}</h2>'
                f'<ol>{links}</ol><p class="contents-note">{_e(pages)}</p></nav>'
            )
    return "\n".join(out)


def html_lang(lang: str) -> str:
    """The region-qualified language (content-language): Thai of Thailand. The ``lang``
    attribute itself stays the plain language ("th"), which browsers' Thai line breaking
    and fonts key on."""
    return {"th": "th-TH", "en": "en"}.get(lang, lang)


def write_html(document: d.Document, chart_svg: Callable[[str], str] | None = None) -> str:
    """The whole HTML document; ``chart_svg(kind)`` supplies each chart's SVG."""
    body = render_body(document, chart_svg)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{document.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="content-language" content="{html_lang(document.lang)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(document.title)}</title>\n"
        f"<style>{embedded_fonts()}\n{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
