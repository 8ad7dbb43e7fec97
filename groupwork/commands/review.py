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
from groupwork.typed_input import path_text


def _ready_for_charts() -> None:
    """Before charts are drawn: matplotlib imported for a one-shot command, and the notice
    when no Thai font is found."""
    from groupwork.charts.fonts import missing_font_notice
    from groupwork.charts.lean_import import for_one_command

    for_one_command()

    notice = missing_font_notice()
    if notice:
        click.echo(notice, err=True)


@click.command(
    "review",
    help=_("Write the Group Work Review of a group (md, html or docx)."),
    epilog=_(
        "Members appear by pseudonym, people around the group by their role (the register: "
        "'groupwork people', or p on the group's page in the app). A person linked in a note "
        "(@ or Ctrl+L in the app) is shown so without guessing; names typed without a link "
        "are found by the name matcher, and a name that is also an ordinary word stays "
        "undecided until you decide it (--check-names, then --decide or --decide-all). What "
        "consent does not cover is withheld, and the review says so."
    ),
)
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
    help=_(
        "Print real names; refused, writing nothing, unless every member consented to be "
        "named in reports."
    ),
)
@click.option(
    "--check",
    is_flag=True,
    help=_(
        "Write nothing; list what the guideline asks for that is not recorded yet, and how "
        "many names are still undecided (exit status 1 while anything is missing or undecided)."
    ),
)
@click.option(
    "--check-names",
    is_flag=True,
    help=_(
        "Do not write the review: list each undecided occurrence of a member's name that is "
        "also an ordinary word (with its ID), the possible names of people who are not "
        "members, and places naming a withdrawn member, with where they occur."
    ),
)
@click.option(
    "--decide",
    "decide",
    multiple=True,
    metavar="ID=name|word",
    help=_(
        "Decide one undecided occurrence listed by --check-names: 'name' replaces it in every "
        "shared output, 'word' keeps it. The decision is kept for that place. Repeatable."
    ),
)
@click.option(
    "--decide-all",
    "decide_all",
    multiple=True,
    metavar="WORD=name|word",
    help=_("Decide every undecided occurrence of WORD at once (name or word). Repeatable."),
)
@click.option(
    "--replace-name",
    "replace_names",
    multiple=True,
    metavar="NAME",
    help=_("Replace NAME (someone who is not a member) in every shared output. Repeatable."),
)
@click.option(
    "--keep-name",
    "keep_names",
    multiple=True,
    metavar="NAME",
    help=_("Keep NAME as written (not a person, or named with their agreement). Repeatable."),
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
    check_names: bool,
    replace_names: tuple[str, ...],
    keep_names: tuple[str, ...],
    decide: tuple[str, ...],
    decide_all: tuple[str, ...],
) -> None:
    from groupwork.files import check_output
    from groupwork.i18n import current_language
    from groupwork.report import generate_review, shareable_filename, withheld_names

    found = app.store.find_group(group_ref)
    if check_names or replace_names or keep_names or decide or decide_all:
        from groupwork.commands.name_decisions import decide_occurrences

        decide_occurrences(app.store, found.id, names, decide, decide_all)
        _decide_names(app.store, found.id, replace_names, keep_names)
        _show_check(app.store, found.id, names, group_ref)
        return
    if check:
        from groupwork.commands.name_decisions import undecided_lines
        from groupwork.report.check import review_check

        missing = review_check(app.store, found.id)
        undecided = undecided_lines(app.store, found.id, names, group_ref)
        if not missing and not undecided:
            click.echo(_("Nothing the guideline asks for is missing."))
            click.echo(_("No name is left undecided."))
            return
        if missing:
            click.echo(_("Still to be completed before submitting the review:"))
        for item in missing:
            click.echo(f"- {item}")
        for line in undecided:
            click.echo(line)
        raise click.exceptions.Exit(1)
    out = out or Path(shareable_filename(app.store, found.id, fmt, lang or current_language()))
    check_output(out, force=force)
    if fmt != "md":
        _ready_for_charts()
    spots: list = []
    path = generate_review(
        app.store, found.id, fmt=fmt, lang=lang, out=out, names=names, spots=spots
    )
    click.echo(_("Review written to {path}").format(path=path_text(path)))
    if spots:
        click.echo(
            _(
                "{count} occurrences still undecided (a person's name that is also an "
                "ordinary word, left as written). Decide them: groupwork review {group} "
                "--check-names"
            ).format(count=len(spots), group=group_ref)
        )
    if names:
        withheld = withheld_names(app.store, found.id)
        if withheld:
            click.echo(
                _("Not named (no consent to be named in reports): {who}").format(
                    who=", ".join(withheld)
                )
            )


def _decide_names(store, group_id: str, replace: tuple[str, ...], keep: tuple[str, ...]) -> None:
    from groupwork.errors import InvalidInputError

    chosen = [(" ".join(n.split()), True) for n in replace] + [
        (" ".join(n.split()), False) for n in keep
    ]
    if any(not name or len(name) > 200 for name, _replace in chosen):
        raise InvalidInputError([_("A name to replace or keep must be 1 to 200 characters.")])
    for name, replace_it in chosen:
        store.decide_other_name(group_id, name, replace=replace_it)
        message = (
            _(
                "{name}: replaced in every shared output wherever it is certainly a name; "
                "where it may be an ordinary word it is listed as undecided."
            )
            if replace_it
            else _("{name}: kept as written.")
        )
        click.echo(message.format(name=name))


def _show_check(store, group_id: str, names: bool, group_ref: str) -> None:
    from groupwork.report.share_check import pre_share_check, withdrawn_heading

    check = pre_share_check(store, group_id, names=names)
    click.echo(
        _(
            "Undecided: {count} (a person's name that is also an ordinary word, where it may "
            "be either; left as written until decided)"
        ).format(count=len(check.spots))
    )
    for at in check.spots:
        click.echo(f"  {at.id}  {at.where}: …{at.spot.context}…  [{at.spot.word}]")
    if check.spots:
        click.echo(
            _(
                "Decide each: groupwork review {group} --decide ID=name (replace it) or "
                "--decide ID=word (keep it); all of one word: --decide-all WORD=name|word"
            ).format(group=group_ref)
        )
    click.echo(
        _("Possible names of people who are not members, not decided yet: {count}").format(
            count=len(check.flags)
        )
    )
    for flag in check.flags:
        click.echo(f"  {flag.name} ({len(flag.places)})")
        for where, context in flag.places[:5]:
            click.echo(f"    {where}: …{context}…")
        if len(flag.places) > 5:
            click.echo("    " + _("and {count} more").format(count=len(flag.places) - 5))
    if check.withdrawn:
        click.echo(withdrawn_heading(len(check.withdrawn)))
        for found in check.withdrawn:
            click.echo(f"  {found.where}: …{found.context}…  [{found.pseudonym}]")
    replaced = sorted(n for n, r in check.decided.items() if r)
    kept = sorted(n for n, r in check.decided.items() if not r)
    if replaced:
        click.echo(_("Replaced: {names}").format(names=", ".join(replaced)))
    if kept:
        click.echo(_("Kept as written: {names}").format(names=", ".join(kept)))
    if check.flags:
        click.echo(
            _(
                "Decide each: groupwork review {group} --replace-name NAME or --keep-name NAME"
            ).format(group=group_ref)
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
    _ready_for_charts()
    path = render_chart(app.store, found.id, kind, out)
    click.echo(_("Chart written to {path}").format(path=path_text(path)))


COMMANDS = [review_command, chart_command]
