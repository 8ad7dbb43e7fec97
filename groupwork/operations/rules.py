"""Ground rules (stage 4): revising a rule keeps its earlier wording; retiring comes after agreeing.

The group owns its rules, and the review tells how they changed: a revision never overwrites
the earlier wording, it moves it (with its date and reason) into ``GroundRule.revisions``.
Correcting a typo is not a change of the rule: the wording is replaced and no revision is
recorded, so the review shows neither the typo nor a revision that never happened. A
correction is told apart by a stated rule (``is_correction``).
"""

from __future__ import annotations

from datetime import date
from difflib import SequenceMatcher

from groupwork import models as m
from groupwork.dates import format_date
from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.store.repository import Repository


def check_rule(rule: m.GroundRule) -> None:
    """Refuse a rule whose dates contradict each other (retired before it was agreed)."""
    problems = []
    if rule.retired_on is not None:
        if rule.agreed_on is None:
            problems.append(_("Only a rule the group agreed on can be retired."))
        elif rule.retired_on < rule.agreed_on:
            problems.append(
                _("A rule cannot be retired ({retired}) before it was agreed ({agreed}).").format(
                    retired=format_date(rule.retired_on), agreed=format_date(rule.agreed_on)
                )
            )
    if problems:
        raise InvalidInputError(problems)


CORRECTION_CHARACTERS = 2
"""A new wording that differs from the old in at most this many characters (a letter or a
vowel mark added, dropped, or two swapped) corrects a typo; more is a revision of the rule.
Kept this small on purpose: "ไม่" (not) is three characters, so a negation is never a typo."""


def changed_characters(old_text: str, new_text: str) -> int:
    """How many characters differ between two wordings (each changed run counts its longer
    side)."""
    opcodes = SequenceMatcher(None, old_text, new_text, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal")


def is_correction(old_text: str, new_text: str) -> bool:
    """Whether ``new_text`` only corrects a typo in ``old_text`` (``CORRECTION_CHARACTERS``)."""
    return 0 < changed_characters(old_text.strip(), new_text.strip()) <= CORRECTION_CHARACTERS


def save_rule(
    store: Repository, old: m.GroundRule | None, new: m.GroundRule, on: date
) -> m.GroundRule:
    """Store a rule added or edited in a form. New wording of an agreed rule becomes a
    revision, unless it only corrects the old one (``is_correction``): then it replaces it."""
    if (
        old is not None
        and old.agreed_on is not None
        and old.text != new.text
        and not is_correction(old.text, new.text)
    ):
        revision = m.RuleRevision(revised_on=on, previous_text=old.text)
        new = new.model_copy(update={"revisions": [*old.revisions, revision]})
    check_rule(new)
    return store.save(new)


def revise_rule(
    store: Repository, rule_id: str, new_text: str, on: date, reason: str = ""
) -> m.GroundRule:
    """The group changed the wording of an agreed rule on ``on``; the earlier wording is kept."""
    rule = store.get(m.GroundRule, rule_id)
    new_text = new_text.strip()
    problems = []
    if not new_text:
        problems.append(_("Write the rule's new wording."))
    elif new_text == rule.text:
        problems.append(_("The new wording is the same as the rule's current wording."))
    if rule.agreed_on is None:
        problems.append(_("The rule is only proposed: edit its wording instead of revising it."))
    else:
        last = max([rule.agreed_on, *(r.revised_on for r in rule.revisions)])
        if on < last:
            problems.append(
                _("A revision cannot be dated before {day}, when the rule was last agreed.").format(
                    day=format_date(last)
                )
            )
    if rule.retired_on is not None:
        problems.append(_("The rule was retired; a retired rule is not revised."))
    if problems:
        raise InvalidInputError(problems)
    revision = m.RuleRevision(revised_on=on, previous_text=rule.text, reason=reason.strip())
    revised = rule.model_copy(update={"text": new_text, "revisions": [*rule.revisions, revision]})
    return store.save(revised)


def correct_rule_wording(store: Repository, rule_id: str, new_text: str) -> m.GroundRule:
    """Correct a typo in a rule's wording: the text is replaced, no revision is recorded.

    Refused when the new wording changes more than a correction would (``is_correction``):
    that is a revision, and the review must keep the earlier wording.
    """
    rule = store.get(m.GroundRule, rule_id)
    new_text = new_text.strip()
    if not new_text:
        raise InvalidInputError([_("Write the rule's corrected wording.")])
    if new_text == rule.text:
        raise InvalidInputError([_("The new wording is the same as the rule's current wording.")])
    if not is_correction(rule.text, new_text):
        raise InvalidInputError(
            [
                _(
                    "This changes {count} characters, more than a typo ({most} at most): revise "
                    "the rule instead, so the review keeps its earlier wording."
                ).format(count=changed_characters(rule.text, new_text), most=CORRECTION_CHARACTERS)
            ]
        )
    return store.save(rule.model_copy(update={"text": new_text}))


def retire_rule(store: Repository, rule_id: str, on: date, reason: str = "") -> m.GroundRule:
    """The group stopped using an agreed rule on ``on`` (not before it was agreed)."""
    rule = store.get(m.GroundRule, rule_id)
    retired = rule.model_copy(update={"retired_on": on, "retired_reason": reason.strip()})
    check_rule(retired)
    return store.save(retired)
