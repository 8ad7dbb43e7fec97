"""Data-safety commands: encrypt, rekey, backup, restore, erase-member, audit, check."""

from __future__ import annotations

import os
from pathlib import Path

import click

from groupwork.commands.context import (
    AppContext,
    ask_new_passphrase,
    ask_passphrase,
    fail,
    group_argument,
    handle_errors,
    pass_app,
)
from groupwork.commands.types import FilePath, Text
from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _, ngettext


def _new_passphrase(env: str = "GROUPWORK_NEW_PASSPHRASE") -> str:
    """A new passphrase: from ``env`` for scripts, else typed twice without echo."""
    return os.environ.get(env) or ask_new_passphrase()


@click.command("encrypt", help=_("Encrypt the database with a passphrase (keeps a backup)."))
@pass_app
@handle_errors
def encrypt_command(app: AppContext) -> None:
    app.require_file()
    from groupwork.safety.backup import backup_database, list_backups
    from groupwork.store import Store
    from groupwork.store.database import env_passphrase
    from groupwork.store.encryption import encrypt_database, refuse_if_encrypted

    # Refused before anything is written (not even the "before-encrypt" backup).
    refuse_if_encrypted(app.db_path)
    passphrase = env_passphrase() or _new_passphrase()
    before = None
    if app.db_path.exists() and app.db_path.stat().st_size > 0:
        with Store.open(app.db_path) as plain:
            before = backup_database(plain, "before-encrypt")
    encrypt_database(app.db_path, passphrase)
    with Store.open(app.db_path, passphrase) as store:
        backup_database(store, "encrypted")
    click.echo(_("The database is now encrypted: {path}").format(path=app.db_path))
    plain_backups = [b for b in list_backups(app.db_path) if _is_plain(b.path)]
    if before is not None and plain_backups:
        click.echo(
            _(
                "Warning: {count} older backups are not encrypted (the latest: {path}). "
                "Delete them once you have checked the encrypted database: "
                "groupwork backup --delete-unencrypted"
            ).format(count=len(plain_backups), path=before)
        )


def _is_plain(path: Path) -> bool:
    from groupwork.store.database import is_encrypted

    return not is_encrypted(path)


@click.command("rekey", help=_("Change the passphrase of an encrypted database."))
@pass_app
@handle_errors
def rekey_command(app: AppContext) -> None:
    app.require_file()
    from groupwork.store.encryption import rekey_database

    old = app.passphrase()
    if old is None:
        raise GroupworkError(
            _("The database {path} is not encrypted. To encrypt it, run: groupwork encrypt").format(
                path=app.db_path
            )
        )
    rekey_database(app.db_path, old, _new_passphrase())
    click.echo(_("The passphrase was changed. Older backups still open with the old one."))


BACKUP_REASONS = {
    "manual": N_("manual"),
    "session-closed": N_("session closed"),
    "before-encrypt": N_("before encrypting"),
    "encrypted": N_("encrypted"),
    "after-erasure": N_("after an erasure"),
    "before-restore": N_("before a restore"),
}
"""Why each backup was taken (the word in its file name), as ``backup --list`` shows it."""


@click.command("backup", help=_("Back up the database now, or list or tidy the backups."))
@click.option("--list", "list_only", is_flag=True, help=_("List the backups, newest first."))
@click.option(
    "--delete-unencrypted",
    is_flag=True,
    help=_("Delete backups that are not encrypted (after encrypting the database)."),
)
@pass_app
@handle_errors
def backup_command(app: AppContext, list_only: bool, delete_unencrypted: bool) -> None:
    app.require_file()
    from groupwork.safety.backup import backup_database, list_backups

    if delete_unencrypted:
        if _is_plain(app.db_path):
            raise GroupworkError(_("The database itself is not encrypted; nothing was deleted."))
        removed = [b.path for b in list_backups(app.db_path) if _is_plain(b.path)]
        for path in removed:
            path.unlink(missing_ok=True)
        click.echo(_("Deleted {count} unencrypted backups.").format(count=len(removed)))
        return
    if list_only:
        _list_backups(app)
        return
    path = backup_database(app.store, "manual")
    click.echo(_("Backup written: {path}").format(path=path))


def _list_backups(app: AppContext) -> None:
    """Each backup, newest first, with a mark on those whose header or size show damage."""
    from groupwork.safety.backup import damage_seen, list_backups

    backups = list_backups(app.db_path)
    if not backups:
        click.echo(_("No backups yet."))
    for info in backups:
        reason = _(BACKUP_REASONS[info.reason]) if info.reason in BACKUP_REASONS else info.reason
        line = f"{info.taken_at:%Y-%m-%d %H:%M:%S} UTC  {reason:<16} {info.path}"
        damage = damage_seen(info.path)
        if damage:
            line += "  " + _("DAMAGED ({reason}): restore will skip it").format(reason=damage)
        click.echo(line)


@click.command("restore", help=_("Replace the database with a backup (FILE, or --latest)."))
@click.argument("backup", required=False, type=FilePath(dir_okay=False, path_type=Path))
@click.option("--latest", is_flag=True, help=_("Restore the newest backup."))
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@pass_app
@handle_errors
def restore_command(app: AppContext, backup: Path | None, latest: bool, yes: bool) -> None:
    app.require_file()
    from groupwork.safety.backup import latest_good_backup, restore_backup
    from groupwork.store.database import env_passphrase, is_encrypted

    if (backup is None) == (not latest):
        raise GroupworkError(_("Give a backup file or --latest (one of them)."))
    asked: dict[str, str] = {}

    def passphrase_for(path: Path) -> str:
        # Asked once: every backup of one database shares its passphrase (but for a rekey).
        if "key" not in asked:
            asked["key"] = env_passphrase() or ask_passphrase(path)
        return asked["key"]

    if latest:
        chosen, skipped = latest_good_backup(app.db_path, passphrase_for)
        for info, problem in skipped:
            click.echo(
                _("Skipped {backup}: {problem}").format(backup=info.path.name, problem=problem),
                err=True,
            )
        backup = chosen.path
    assert backup is not None
    passphrase = passphrase_for(backup) if is_encrypted(backup) else None
    if not yes and not click.confirm(
        _("Replace {db} with the backup {backup}?").format(db=app.db_path, backup=backup.name),
        err=True,
    ):
        click.echo(_("Nothing was changed."))
        return
    # A plain backup over an encrypted database is encrypted with the database's passphrase.
    encrypt = is_encrypted(app.db_path) and not is_encrypted(backup)
    db_passphrase = (env_passphrase() or ask_passphrase(app.db_path)) if encrypt else None
    kept = restore_backup(backup, app.db_path, passphrase, db_passphrase)
    click.echo(_("Restored {backup}.").format(backup=backup.name))
    if encrypt:
        click.echo(
            _(
                "The backup was not encrypted; the restored database is encrypted with the "
                "database's passphrase."
            )
        )
    if kept is not None:
        click.echo(_("The replaced database was kept as {path}").format(path=kept))


@click.command("erase-member", help=_("Erase a member's personal data for good."))
@group_argument
@click.argument("member_ref", metavar="MEMBER")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@click.option(
    "--also",
    "also",
    multiple=True,
    type=Text(lines=False),
    metavar="NAME",
    help=_(
        "Another way the person's name is written (a nickname, a Latin spelling), to erase "
        "too; repeat for more."
    ),
)
@click.option(
    "--purge-backups",
    is_flag=True,
    help=_("Also delete the backups taken before the erasure (they still hold the data)."),
)
@pass_app
@handle_errors
def erase_member_command(
    app: AppContext,
    group_ref: str,
    member_ref: str,
    yes: bool,
    also: tuple[str, ...],
    purge_backups: bool,
) -> None:
    from groupwork import models as m
    from groupwork.safety.erasure import erase_member, namesakes, survey

    store = app.store
    group = store.find_group(group_ref)
    member = store.find_member(group.id, member_ref)
    found = survey(store, member, also)
    _show_mentions(store, found.mentions)
    _show_left_as_written(store, found.left_as_written)
    for other in namesakes(store, member, also):
        click.echo(
            _(
                "A member of {group} has the same name ({member}); if it is the same person, "
                "erase that record too: groupwork erase-member"
            ).format(group=store.get(m.Group, other.group_id).name, member=other.pseudonym)
        )
    if not yes and not click.confirm(
        _("Erase the personal data of {member} in {group} for good? This cannot be undone.").format(
            member=member.pseudonym, group=group.name
        ),
        err=True,
    ):
        click.echo(_("Nothing was changed."))
        return
    result = erase_member(store, member.id, also)
    click.echo(_("Erased. The member now appears as {code}.").format(code=result.code))
    if result.log_lines:
        click.echo(
            _("errors.log: the name was replaced in {count} lines.").format(count=result.log_lines)
        )
    _show_shared_files(store, member)
    if result.left_as_written:
        click.echo(
            ngettext(
                "Still undecided, left as written, to re-read: {count} place (listed above).",
                "Still undecided, left as written, to re-read: {count} places (listed above).",
                len(result.left_as_written),
            ).format(count=len(result.left_as_written))
        )
    if result.disk_full:
        click.echo(
            _(
                "The disk is full, so old copies of the data could not be wiped from the "
                "file yet; they go when there is free space and the database is next closed."
            )
        )
    elif not result.fully_purged:
        click.echo(
            _(
                "Another groupwork window has the database open: the old data leaves the "
                "file when it closes."
            )
        )
    if store.path is not None:
        _after_erasure_backups(store, purge_backups, ask=not yes)


def _show_shared_files(store, member) -> None:
    """List the files groupwork wrote earlier with the member's data (the register of shared
    files), and what to do: erasure cannot reach them."""
    from groupwork.dates import format_date
    from groupwork.safety.shared_files import files_holding

    held = files_holding(store, member)
    if not held:
        click.echo(_("No review, chart, export or digest with this member's data was written."))
        return
    click.echo(
        ngettext(
            "{count} file written earlier holds this member's data; erasure cannot reach it:",
            "{count} files written earlier hold this member's data; erasure cannot reach them:",
            len(held),
        ).format(count=len(held))
    )
    kinds = {
        "review": _("Group Work Review"),
        "chart": _("chart"),
        "export": _("export"),
        "digest": _("digest"),
    }
    for copy in held:
        f = copy.record
        state = _("real names") if f.real_names else _("pseudonyms")
        if not copy.exists:
            state += ", " + _("no longer there")
        when = format_date(f.written_at.date())
        click.echo(f"  {when} {kinds.get(f.kind, f.kind)} ({state}): {f.path}")
    click.echo(
        _(
            "Delete each file that is still there, and every copy made of it; ask anyone who "
            "received one to delete theirs. A file shown as no longer there may have been "
            "moved: look for it."
        )
    )


def _show_mentions(store, mentions) -> None:
    """List where the person's names were found, group by group, before anything changes."""
    if not mentions:
        click.echo(_("The name was not found in any other record."))
        return
    names = {g.id: g.name for g in store.groups()}
    click.echo(_("The name was found in {count} places:").format(count=len(mentions)))
    for found in mentions:
        click.echo("  " + _where(store, found, names))


def _where(store, found, names: dict[str, str] | None = None) -> str:
    """Group › kind of record › field, as the person reads it."""
    from groupwork.labels import field_label

    names = names if names is not None else {g.id: g.name for g in store.groups()}
    return " › ".join(
        (
            names.get(found.group_id or "", "-"),
            _(RECORD_KINDS.get(found.record_type, found.record_type)),
            field_label(found.record_type, found.field),
        )
    )


def _show_left_as_written(store, uncertain) -> None:
    """List the undecided uses, in any group (hers too), of a name that is also an ordinary
    word: the erasure leaves them as written, and the worker re-reads and edits each."""
    if not uncertain:
        return
    names = {g.id: g.name for g in store.groups()}
    click.echo(
        ngettext(
            "{count} place uses a word that is also this person's name, where it may be "
            "either; it will be left as written (undecided). Re-read it, and edit it if it is "
            "the person:",
            "{count} places use a word that is also this person's name, where it may be "
            "either; they will be left as written (undecided). Re-read them, and edit any that "
            "is the person:",
            len(uncertain),
        ).format(count=len(uncertain))
    )
    for found in uncertain:
        click.echo(f"  {_where(store, found, names)}: …{found.context}…")


def _after_erasure_backups(store, purge: bool, ask: bool) -> None:
    """Back up the erased state, then name the older backups that still hold the person and
    delete them when asked (``--purge-backups``, or a yes to the question)."""
    from groupwork.safety.erasure import after_erasure_backup

    older, problem = after_erasure_backup(store)
    if problem:
        # The erasure itself is done; a missing backup must not make it look failed.
        click.echo(_("Warning: {problem}").format(problem=problem), err=True)
    if not older:
        return
    if not purge:
        click.echo(
            _("{count} older backups still hold this member's data:").format(count=len(older))
        )
        for info in older:
            click.echo(f"  {info.path}")
        purge = ask and click.confirm(_("Delete these older backups now?"), err=True)
    if purge:
        for info in older:
            info.path.unlink(missing_ok=True)
        click.echo(_("Deleted {count} older backups.").format(count=len(older)))
    else:
        from groupwork.safety.backup import KEPT_UNTIL_DELETED

        kept = [info for info in older if info.reason in KEPT_UNTIL_DELETED]
        if kept:
            # Rotation never deletes the before-encrypt copy: saying it would is untrue.
            click.echo(
                _(
                    "They were kept. Delete them (the files listed above) when they are no "
                    "longer needed; rotation never removes the copy from before encrypting."
                )
            )
        else:
            click.echo(
                _(
                    "They were kept. Delete them (the files listed above) when they are no "
                    "longer needed; rotation removes them in time."
                )
            )


RECORD_KINDS = {
    "Group": N_("group"),
    "Member": N_("member"),
    "Consent": N_("consent"),
    "StageProgress": N_("stage"),
    "GroundRule": N_("ground rule"),
    "Assessment": N_("assessment"),
    "GroupIssue": N_("group issue"),
    "Goal": N_("goal"),
    "Task": N_("task"),
    "Session": N_("session"),
    "Attendance": N_("attendance"),
    "ParticipationEvent": N_("turn"),
    "GroupMark": N_("group mark"),
    "RatingScale": N_("rating scale"),
    "Rating": N_("rating"),
    "Review": N_("review"),
    "NewSituation": N_("new situation"),
    "HandoverStep": N_("handover step"),
    "Endorsement": N_("endorsement"),
    "ClosureReflection": N_("closure reflection"),
}
"""What each kind of record is called where erasure lists what it found."""


@click.command("audit", help=_("Show the audit log of a group (who changed what, when)."))
@group_argument
@pass_app
@handle_errors
def audit_command(app: AppContext, group_ref: str) -> None:
    from groupwork.errors import field_label

    store = app.store
    group = store.find_group(group_ref)
    if getattr(store, "views_only", False):  # a coordinator login (store/postgres/agency.py)
        fail(
            _(
                "The audit log is read by the group's facilitators and the agency's "
                "administrators; a coordinator does not read it."
            )
        )
    names = {mem.id: mem.pseudonym for mem in store.members(group.id)}
    owners = store.audit_owners(group.id)
    entries = store.audit_entries(group.id)
    if not entries:
        click.echo(_("No audit entries for this group."))
    actions = {
        "insert": _("added"),
        "update": _("changed"),
        "delete": _("deleted"),
        "erase": _("erased"),
    }
    tables = {
        "members": _("member"),
        "assessments": _("assessment"),
        "consents": _("consent"),
    }
    for e in entries:
        who = names.get(e.record_id) or names.get(owners.get(e.record_id, ""), e.record_id[:8])
        columns = ", ".join(field_label(c) for c in e.columns)
        line = f"{e.at[:19].replace('T', ' ')}  {e.actor:<12} {actions.get(e.action, e.action):<10}"
        line += f" {tables.get(e.table_name, e.table_name):<10} {who}"
        if columns:
            line += f"  ({columns})"
        click.echo(line)


@click.command("check", help=_("Check the database for damage (full integrity check)."))
@pass_app
@handle_errors
def check_command(app: AppContext) -> None:
    from groupwork.store.database import DamagedDatabase
    from groupwork.store.store import damaged_message

    try:
        problems = app.store.integrity_problems() or app.store.foreign_key_problems()
    except app.store.database_error as exc:  # too damaged for SQLite to list its problems
        problems = [str(exc)]
    if problems:
        raise DamagedDatabase(damaged_message(app.db_path, problems))
    click.echo(_("The database is sound: {path}").format(path=app.db_path))


COMMANDS = [
    encrypt_command,
    rekey_command,
    backup_command,
    restore_command,
    erase_member_command,
    audit_command,
    check_command,
]
