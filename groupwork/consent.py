"""Consent gates: what a member agreed to decides where their identifiable data may go.

The latest consent record of a member is in force (``Store.current_consent``); a withdrawn
or missing consent covers nothing, and an erased member is never named. The purposes:

- ``RECORDED``: the unit keeps the member's data. An export with no agency is the unit's own
  copy (moving the group between its own databases, like a backup): it is not sharing, so it
  is not gated, and it is written readable by its owner only.
- ``SHARED_IN_REPORT``: the real name may appear in a report generated with names.
- ``SHARED_WITH_AGENCIES`` + the agency's name in ``Consent.agencies``: an export made for
  that agency (``groupwork export --for-agency NAME``) may carry the real name.

Where consent does not reach, the report and exports refuse (``ConsentRefused``, listing the
members by pseudonym), unless asked to pseudonymise: then the member's real name becomes the
pseudonym everywhere, including inside free text, and their notes and assessment text are
left out.
"""

from __future__ import annotations

from datetime import date

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import _

MEMBER_PRIVATE_TEXT = ("notes", "decision_reason", "referral_source")
"""Member fields that identify a person beyond the name: left out when pseudonymised, emptied
when erased."""
ASSESSMENT_TEXT = ("bio_psycho_social", "family", "risk", "needs", "strengths", "notes")
"""The free text of an assessment, treated the same way."""


class ConsentRefused(GroupworkError):
    """Identifiable data of these members would go where their consent does not reach."""

    def __init__(self, message: str, members: list[m.Member]) -> None:
        super().__init__(message, _("Consent"))
        self.members = members


def _norm(agency: str) -> str:
    return " ".join(agency.split()).casefold()


def consent_covers(
    member: m.Member,
    consent: m.Consent | None,
    purpose: m.ConsentScope,
    agency: str | None = None,
    on: date | None = None,
) -> bool:
    """True if ``consent`` (the member's consent in force, or None) lets ``member``'s real name
    go to ``purpose``: the one rule behind every consent gate, the report's ``--names`` too.

    An erased member is never named; a missing consent covers nothing. For
    ``SHARED_WITH_AGENCIES`` the agency must be named in the consent (case and spacing do not
    matter). ``on`` is the day of sharing (a consent withdrawn by then covers nothing); with
    None any recorded withdrawal counts.
    """
    if member.erased or consent is None or not consent.covers(purpose, on):
        return False
    if purpose == m.ConsentScope.SHARED_WITH_AGENCIES:
        if agency is None:
            return False
        return _norm(agency) in {_norm(a) for a in consent.agencies}
    return True


def may_name(
    store,
    member: m.Member,
    purpose: m.ConsentScope,
    agency: str | None = None,
    on: date | None = None,
) -> bool:
    """True if ``member``'s consent in force on ``on`` (default today) lets their real name go
    to ``purpose`` (see ``consent_covers``)."""
    if member.erased:
        return False
    consent = store.current_consent(member.id)
    return consent_covers(member, consent, purpose, agency, on or date.today())


def members_not_covered(
    store,
    group_id: str,
    purpose: m.ConsentScope,
    agency: str | None = None,
    on: date | None = None,
) -> list[m.Member]:
    """The group's members (erased ones aside: they have no name left) whose consent does not
    cover ``purpose``, by pseudonym."""
    return [
        member
        for member in store.members(group_id)
        if not member.erased and not may_name(store, member, purpose, agency, on)
    ]


def refusal(members: list[m.Member], purpose: m.ConsentScope, agency: str | None) -> str:
    """The message that says whose consent does not reach, and the ways forward."""
    who = ", ".join(member.pseudonym for member in members)
    if purpose == m.ConsentScope.SHARED_WITH_AGENCIES:
        return _(
            "The consent of {members} does not cover sharing with {agency}: their real names "
            "cannot go in this export. Use --pseudonymise to replace them by pseudonyms, or "
            "record their consent first."
        ).format(members=who, agency=agency)
    if purpose == m.ConsentScope.SHARED_IN_REPORT:
        return _(
            "The consent of {members} does not cover being named in reports, so no review with "
            "real names was written: a review naming some members and not others shows who "
            "refused. Write it without --names (everyone by pseudonym), or record their "
            "consent first."
        ).format(members=who)
    return _("The consent of {members} does not cover this use of their data.").format(members=who)
