"""Deciding undecided occurrences of names from the command line (``review --decide``,
``--decide-all``) and counting what is still undecided (``review --check``)."""

from __future__ import annotations

import click

from groupwork.i18n import _, ngettext

_ANSWERS = ("name", "word")


def _parse(items: tuple[str, ...], what: str) -> list[tuple[str, str]]:
    """``KEY=name|word`` pairs; bad input is one clear line and exit 1, nothing changed."""
    from groupwork.errors import InvalidInputError

    pairs = []
    for item in items:
        key, sep, answer = item.rpartition("=")
        key, answer = " ".join(key.split()), answer.strip().casefold()
        if not sep or not key or answer not in _ANSWERS:
            raise InvalidInputError(
                [_("{item}: write {what}=name or {what}=word.").format(item=item, what=what)]
            )
        pairs.append((key, answer))
    return pairs


def decide_occurrences(
    store, group_id: str, names: bool, decide: tuple[str, ...], decide_all: tuple[str, ...]
) -> None:
    """Keep a person's decisions: ``ID=name|word`` for one listed occurrence, ``WORD=...`` for
    every undecided occurrence of a word. Unknown ids or words change nothing."""
    from groupwork.errors import InvalidInputError
    from groupwork.privacy.name_forms import fold
    from groupwork.report.share_check import decide_spots, pre_share_check

    one, every = _parse(decide, "ID"), _parse(decide_all, _("WORD"))
    if not one and not every:
        return
    spots = pre_share_check(store, group_id, names=names).spots
    by_id = {at.id: at for at in spots}
    unknown = [key for key, _a in one if key not in by_id]
    unknown += [
        key for key, _a in every if not any(fold(at.spot.word) == fold(key) for at in spots)
    ]
    if unknown:
        raise InvalidInputError(
            [
                _("Not an undecided occurrence of this group: {what}. Nothing was decided.").format(
                    what=", ".join(unknown)
                )
            ]
        )
    chosen = [(by_id[key], answer) for key, answer in one]
    for key, answer in every:
        chosen += [(at, answer) for at in spots if fold(at.spot.word) == fold(key)]
    for answer in _ANSWERS:
        decide_spots(store, group_id, [at for at, a in chosen if a == answer], answer)
    click.echo(
        ngettext("{count} occurrence decided.", "{count} occurrences decided.", len(chosen)).format(
            count=len(chosen)
        )
    )


def undecided_lines(store, group_id: str, names: bool, group_ref: str) -> list[str]:
    """What ``review --check`` says about names still undecided (empty when none)."""
    from groupwork.report.share_check import pre_share_check

    check = pre_share_check(store, group_id, names=names)
    lines = []
    if check.spots:
        lines.append(
            "- "
            + ngettext(
                "{count} occurrence of a member's name is still undecided.",
                "{count} occurrences of a member's name are still undecided.",
                len(check.spots),
            ).format(count=len(check.spots))
        )
    if check.flags:
        lines.append(
            "- "
            + ngettext(
                "{count} possible name of someone who is not a member is not decided yet.",
                "{count} possible names of people who are not members are not decided yet.",
                len(check.flags),
            ).format(count=len(check.flags))
        )
    if lines:
        lines.append(
            _("Decide them: groupwork review {group} --check-names").format(group=group_ref)
        )
    return lines
