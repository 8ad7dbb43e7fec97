"""The review as one self-contained, printable HTML file.

The Markdown is rendered with markdown-it-py with raw HTML switched off, so nothing a
facilitator typed can become markup. Chart markers become inline SVG figures (text kept as
text, so the browser shapes Thai), and the stylesheet is embedded, with A4 print rules.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable

from groupwork.i18n import current_language

STYLE = """
:root { --ink: #1d232a; --muted: #5b6570; --rule: #c9d1d9; --accent: #2b6f8e; }
html { font-family: "Sarabun", "Noto Sans Thai", "Leelawadee UI", "Tahoma", "Thonburi",
  "Loma", "Garuda", "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); }
body { max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.6;
  font-size: 15px; }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin-top: 2.2rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--accent); break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.3rem 0 .4rem; color: var(--accent); break-after: avoid; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .86rem;
  break-inside: auto; }
th, td { border: 1px solid var(--rule); padding: .25rem .45rem; text-align: left;
  vertical-align: top; }
th { background: #eef3f6; }
tr { break-inside: avoid; }
blockquote { margin: .8rem 0; padding: .4rem .8rem; border-left: 4px solid #e07b39;
  background: #fdf3ec; }
figure.chart { margin: 1rem 0; break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; }
figure.chart svg text { font-family: "Sarabun", "Noto Sans Thai", "Leelawadee UI", "Tahoma",
  "Thonburi", "Loma", "Garuda", "DejaVu Sans", sans-serif !important; }
em { color: var(--muted); }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  /* New pages for the endorsement (to be signed), the first essential, and the lessons
     and appendices; the twelve sections flow on so short ones do not waste paper.
     The Word document follows the same rule (docx.starts_new_page). */
  h2:nth-of-type(1), h2:nth-of-type(3), h2:nth-of-type(n+15) { break-before: page; }
  figure.chart svg { max-height: 120mm; }
  a { color: inherit; text-decoration: none; }
}
"""

_MARKER_PARAGRAPH = re.compile(r"<p>\[\[chart:([a-z_]+)\]\]</p>")
_SVG_START = re.compile(r"^.*?(<svg\b)", re.DOTALL)


def render_markdown(markdown: str) -> str:
    """Markdown to an HTML fragment (tables on, raw HTML off)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)


def build_html(markdown: str, title: str, chart_svg: Callable[[str], str] | None = None) -> str:
    """The whole HTML document; ``chart_svg(kind)`` supplies each chart's SVG."""
    body = render_markdown(markdown)

    def figure(found: re.Match[str]) -> str:
        if chart_svg is None:
            return ""
        svg = _SVG_START.sub(r"\1", chart_svg(found.group(1)), count=1)
        return f'<figure class="chart chart-{found.group(1)}">{svg}</figure>'

    body = _MARKER_PARAGRAPH.sub(figure, body)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{current_language()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_lib.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
