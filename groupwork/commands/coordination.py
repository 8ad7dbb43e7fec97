"""``groupwork status`` and ``groupwork digest``: the coordinator's answers, for scripts too.

Pseudonyms and figures only: no member's real name is ever printed; group names go through
``privacy.shareable`` like every shared text.
"""

from __future__ import annotations

from datetime import date, timedelta

import click

from groupwork.commands.context import AppContext, fail, handle_errors, out_option, pass_app
from groupwork.commands.types import Day
from groupwork.i18n import _
from groupwork.typed_input import path_text

_TODAY_HELP = _("The day to judge by (default: today), e.g. 2026-11-21 or 21/11/2569.")


def _today(given: date | None) -> date:
    return given if given is not None else date.today()


@click.command("status", help=_("One line per group: where it stands and what needs a look."))
@click.option("--today", "today_text", type=Day(), default=None, help=_TODAY_HELP)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@click.option("--csv", "as_csv", is_flag=True, help=_("Print CSV."))
@click.option("--all", "show_all", is_flag=True, help=_("Include closed groups."))
@pass_app
@handle_errors
def status_command(
    app: AppContext, today_text: date | None, as_json: bool, as_csv: bool, show_all: bool
) -> None:
    from groupwork.commands.table import echo_json_list, write_csv
    from groupwork.coordination import STATUS_FIELDS, status_record

    if as_json and as_csv:
        fail(_("Choose one of --json and --csv."))
    today = _today(today_text)
    if as_json or as_csv:
        # A page of groups at a time, printed as read: an agency's never held all at once.
        rows = _shared(app.store, _open_only(_status_pages(app.store, today), show_all))
        records = (status_record(r, today) for r in rows)
        if as_json:
            echo_json_list(records)
        else:
            write_csv(STATUS_FIELDS, records)
    else:
        rows = _open_only(app.store.group_status(today), show_all)
        print_status(list(_shared(app.store, rows)), today)


def _open_only(rows, show_all: bool):
    """``rows`` without closed groups unless ``show_all``: a closed group has ended, it is no
    one's work in progress."""
    return rows if show_all else (r for r in rows if r.status != "closed")


STATUS_PAGE = 200
"""Groups ``status --json``/``--csv`` read at a time."""


def _status_pages(store, today: date):
    """Every group's status row, read ``STATUS_PAGE`` groups at a time."""
    offset = 0
    while rows := store.group_status(today, limit=STATUS_PAGE, offset=offset):
        yield from rows
        offset += len(rows)


def _shared(store, rows):
    """Group rows with each group's name as it may be shared (it can name a member or a
    place): ``privacy.shareable``; one by one, as read."""
    import dataclasses

    from groupwork.privacy.shareable import Shareable

    shared = Shareable(store)
    for row in rows:
        yield dataclasses.replace(row, name=shared.text(row.id, row.name))


def print_status(rows, today: date) -> None:
    """The status as a readable table (dates in the current language's calendar)."""
    from groupwork import coordination as c
    from groupwork.commands.table import clip, echo_table

    if not rows:
        click.echo(_("No groups yet. Try: groupwork demo"))
        return
    widths = {"group": 28, "facilitator": 20}
    lines = []
    for r in rows:
        cells = c.status_cells(r, today)
        lines.append([clip(cells[k], widths.get(k, 80)) for k, _title in c.STATUS_COLUMNS])
    echo_table([_(title) for _key, title in c.STATUS_COLUMNS], lines)


@click.command("digest", help=_("What happened in each group since a day (Markdown or HTML)."))
@click.option(
    "--since",
    "since_text",
    type=Day(),
    default=None,
    help=_("The first day of the digest (default: a week before today)."),
)
@click.option("--today", "today_text", type=Day(), default=None, help=_TODAY_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html"]),
    default="md",
    show_default=True,
    help=_("Markdown or HTML."),
)
@out_option(_("Write the digest to this file instead of printing it."))
@pass_app
@handle_errors
def digest_command(
    app: AppContext, since_text: date | None, today_text: date | None, fmt: str, out
) -> None:
    from groupwork.digest import render_html, render_markdown
    from groupwork.i18n import current_language

    today = _today(today_text)
    since = since_text if since_text else today - timedelta(days=7)
    if since > today:
        fail(_("The digest cannot start after the day it ends."))
    rows = list(_shared(app.store, app.store.digest(since, today)))
    if fmt == "html":
        text = render_html(rows, since, today, lang=current_language())
    else:
        text = render_markdown(rows, since, today)
    if out is None:
        click.echo(text, nl=False)
        return
    from groupwork.files import write_atomically
    from groupwork.safety.shared_files import note_written

    write_atomically(out, text)
    note_written(app.store, [r.id for r in rows], out, "digest")
    click.echo(_("Digest written to {path}").format(path=path_text(out)))


COMMANDS = [status_command, digest_command]
