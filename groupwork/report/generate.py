"""``generate_review``: the Group Work Review of one group, in one call.

Steps, each reported to ``progress(step, total, label)`` so the TUI can show a progress bar
from a worker thread: read the records, compile the text, draw each chart (HTML and docx),
write the file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

from groupwork.errors import InvalidInputError
from groupwork.files import write_atomically
from groupwork.i18n import _, current_language, gettext_in, use_language

FORMATS = ("md", "html", "docx")
Progress = Callable[[int, int, str], None]
"""progress(step, total, label): step counts from 1 up to total."""


def default_filename(group_name: str, fmt: str, lang: str) -> str:
    """A file name from the group's name: letters (Thai too, with its vowel and tone marks)
    and digits kept; anything else becomes a dash."""
    # Thai vowel and tone marks are combining characters (category M), which \w does not match.
    kept = "".join(
        ch if ch.isalnum() or unicodedata.category(ch).startswith("M") else "-" for ch in group_name
    )
    slug = re.sub(r"-+", "-", kept).strip("-").lower() or "group"
    return f"review-{slug}-{lang}.{fmt}"


def shareable_group_name(store, group_id: str) -> str:
    """``group_id``'s name as the review shows it (``Naming.scrub``): a group name can carry a
    member's name or a place, and a file name travels further than the file."""
    from groupwork import models as m
    from groupwork.privacy.shareable import shareable_text

    return shareable_text(store, group_id, store.get(m.Group, group_id).name)


def shareable_filename(store, group_id: str, fmt: str, lang: str) -> str:
    """The default file name of ``group_id``'s review, from ``shareable_group_name``."""
    return default_filename(shareable_group_name(store, group_id), fmt, lang)


def check_output_path(out: Path) -> None:
    """Raise ``GroupworkError`` (in the person's language) when ``out`` cannot be a new file:
    its folder is missing, or it names a folder, a device or a FIFO. Checked before any work
    starts; replacing an existing file is the caller's decision (``files.check_output``)."""
    from groupwork.files import check_output

    check_output(out, force=True)


def generate_review(
    store,
    group_id: str,
    fmt: str = "md",
    lang: str | None = None,
    out: Path | str | None = None,
    names: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
    spots: list | None = None,
) -> Path:
    """Write the Group Work Review of the group as ``fmt`` (md, html or docx) and return the path.

    The report is written in ``lang``; progress labels and error messages stay in the
    caller's language (the person watching the screen may not read the report's language).
    ``names`` prints real names, only when every selected member's consent covers being named
    in reports; otherwise nothing is written (``refuse_names_without_consent``). ``out`` defaults to
    a file named after the group in the current folder. ``spots``, if given, receives the
    spots a person should re-read before sharing (``privacy.naming.SpotAt``).
    """
    from groupwork.privacy.naming import review_naming
    from groupwork.report.sections import build_document
    from groupwork.report.share_check import other_name_flags
    from groupwork.review_data.data import gather_review_data
    from groupwork.safety.shared_files import note_written

    if fmt not in FORMATS:
        raise InvalidInputError([_("Unknown format {fmt}; use md, html or docx.").format(fmt=fmt)])
    screen = current_language()
    lang = lang or screen
    report = progress or (lambda step, total, label: None)

    # Read before switching language: a missing group is reported in the caller's language.
    data = gather_review_data(store, group_id, today=today)
    if names:
        refuse_names_without_consent(data)
    with use_language(lang):
        # From here on only scrubbed data: every field of every record passed Naming.scrub.
        decided = store.other_name_decisions(group_id)
        others = [name for name, replace in decided.items() if replace]
        gathered = data
        naming, data = review_naming(
            data, names=names, others=others, decisions=store.name_decisions(group_id)
        )
        # The cover says how many non-members' names are still to decide.
        naming.others_open = len(other_name_flags(gathered, decided))
        document = build_document(data, naming)
    if spots is not None:
        spots.extend(naming.spots)
    kinds = document.charts() if fmt != "md" else []
    total = 3 + len(kinds)
    report(1, total, gettext_in(screen, "Records read"))
    report(2, total, gettext_in(screen, "Text compiled"))
    path = Path(out) if out else Path(default_filename(data.group.name, fmt, lang))
    if fmt == "md":
        from groupwork.report.writers.md import write_markdown

        with use_language(lang):
            text = write_markdown(document)
        write_atomically(path, text)
        note_written(store, [group_id], path, "review", real_names=names)
        report(total, total, gettext_in(screen, "Report written"))
        return path

    from groupwork.charts import CHART_KINDS, draw_chart, figure_png, figure_svg

    # Each chart is drawn once, in the one form this format needs.
    drawn: dict[str, str | bytes] = {}
    for step, kind in enumerate(kinds, start=3):
        with use_language(lang):
            fig = draw_chart(kind, data, naming)
            drawn[kind] = figure_svg(fig, prefix=kind) if fmt == "html" else figure_png(fig)
        report(
            step,
            total,
            gettext_in(screen, "Chart drawn: {kind}").format(
                kind=gettext_in(screen, CHART_KINDS[kind])
            ),
        )
    with use_language(lang):
        if fmt == "html":
            from groupwork.report.writers.html import write_html

            write_atomically(path, write_html(document, lambda kind: drawn[kind]))
        else:
            from groupwork.report.writers.docx import write_docx

            write_docx(document, path, lambda kind: drawn[kind])
    note_written(store, [group_id], path, "review", real_names=names)
    report(total, total, gettext_in(screen, "Report written"))
    return path


def refuse_names_without_consent(data) -> None:
    """Raise ``ConsentRefused`` (nothing written) unless every selected member consented to be
    named in reports: a review with real names for some and pseudonyms for the others would
    tell its readers who refused."""
    from groupwork import models as m
    from groupwork.consent import ConsentRefused, consent_covers, refusal

    purpose = m.ConsentScope.SHARED_IN_REPORT
    missing = [
        x
        for x in data.members
        if x.is_selected and not consent_covers(x, data.consents.get(x.id), purpose)
    ]
    if missing:
        raise ConsentRefused(refusal(missing, purpose, None), missing)


def withheld_names(store, group_id: str) -> list[str]:
    """Pseudonyms of selected members whose consent does not allow naming them in a report."""
    from groupwork.privacy.naming import build_naming
    from groupwork.review_data.data import gather_review_data

    data = gather_review_data(store, group_id)
    return build_naming(data.members, data.consents, names=True).withheld
