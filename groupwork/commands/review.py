"""``groupwork review`` and ``groupwork chart``: the Group Work Review and its charts."""

from __future__ import annotations

from pathlib import Path

import click

from groupwork.commands.context import (
    AppContext,
    force_option,
    group_argument,
    handle_errors,
    out_option,
    pass_app,
)
from groupwork.i18n import LANGUAGES, _


def _font_notice() -> None:
    from groupwork.charts.fonts import missing_font_notice

    notice = missing_font_notice()
    if notice:
        click.echo(notice, err=True)


@click.command("review", help=_("Write the Group Work Review of a group (md, html or docx)."))
@group_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "docx"]),
    default="html",
    show_default=True,
    help=_("File format."),
)
@click.option(
    "--lang",
    "lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help=_("Language of the report (default: the interface language)."),
)
@out_option(_("Where to write the report (default: a file named after the group)."))
@force_option
@click.option(
    "--names",
    is_flag=True,
    help=_("Print real names of members who consented to be named in reports."),
)
@click.option(
    "--check",
    is_flag=True,
    help=_(
        "Write nothing; list what the guideline asks for that is not recorded yet "
        "(exit status 1 while anything is missing)."
    ),
)
@pass_app
@handle_errors
def review_command(
    app: AppContext,
    group_ref: str,
    fmt: str,
    lang: str | None,
    out: Path | None,
    force: bool,
    names: bool,
    check: bool,
) -> None:
    from groupwork.files import check_output
    from groupwork.i18n import current_language
    from groupwork.report import default_filename, generate_review, withheld_names

    found = app.store.find_group(group_ref)
    if check:
        from groupwork.report.check import review_check

        missing = review_check(app.store, found.id)
        if not missing:
            click.echo(_("Nothing the guideline asks for is missing."))
            return
        click.echo(_("Still to be completed before submitting the review:"))
        for item in missing:
            click.echo(f"- {item}")
        raise click.exceptions.Exit(1)
    out = out or Path(default_filename(found.name, fmt, lang or current_language()))
    check_output(out, force=force)
    if fmt != "md":
        _font_notice()
    path = generate_review(app.store, found.id, fmt=fmt, lang=lang, out=out, names=names)
    click.echo(_("Review written to {path}").format(path=path))
    if names:
        withheld = withheld_names(app.store, found.id)
        if withheld:
            click.echo(
                _("Not named (no consent to be named in reports): {who}").format(
                    who=", ".join(withheld)
                )
            )


@click.command("chart", help=_("Draw one chart of a group to an .svg or .png file."))
@group_argument
@click.argument("kind")
@out_option(_("The file to write (.svg or .png)."), required=True)
@force_option
@pass_app
@handle_errors
def chart_command(app: AppContext, group_ref: str, kind: str, out: Path, force: bool) -> None:
    from groupwork.charts import check_kind, render_chart
    from groupwork.files import check_output

    found = app.store.find_group(group_ref)
    check_kind(kind)
    check_output(out, force=force)
    _font_notice()
    path = render_chart(app.store, found.id, kind, out)
    click.echo(_("Chart written to {path}").format(path=path))


COMMANDS = [review_command, chart_command]
