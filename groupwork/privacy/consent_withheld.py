"""What consent keeps out of the review beyond a withdrawn member's own records.

``privacy.withheld`` takes out the records of a member who withdrew her consent in full.
Consent decides more than that (DOMAIN.md: data is shared only with informed consent):

- **A withdrawn member's words elsewhere.** A session's notes, a theme, a review or another
  member's notes may tell her story, under her real name, her pseudonym or a link to her
  (``privacy.links``). Each paragraph (line) of free text that mentions her in any of these
  ways (``privacy.mentions``) is replaced by the withdrawal notice.
- **A member whose consent covers recording only** (her consent in force is not withdrawn and
  names neither the report nor any agency): the narratives of her assessments and the notes,
  reasons and referral source on her member record are withheld ("withheld: consent covers
  recording only"); dates, the risk level and severity stay, for the group's figures.
- **A candidate who declined to join**: the reasons and the referral source recorded about
  them are withheld; they never agreed to be part of the group's record.

``withhold_by_consent`` is applied by ``privacy.naming.review_naming``, the one door to
every shared output of the review (document, charts, the pre-share check), in the review's
language; ``ConsentWithheld`` keeps the counts the cover states.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from groupwork import models as m
from groupwork.consent import ASSESSMENT_TEXT, MEMBER_PRIVATE_TEXT
from groupwork.i18n import _, ngettext
from groupwork.privacy.mentions import Mentions, without_mentions
from groupwork.privacy.names import is_reference
from groupwork.privacy.withheld import DateText, notice, withdrawn_in_full

if TYPE_CHECKING:
    from groupwork.review_data.data import ReviewData

_SHARING = (m.ConsentScope.SHARED_IN_REPORT, m.ConsentScope.SHARED_WITH_AGENCIES)
# Fields that name someone rather than tell anything (a member's own names, the head's).
_NAMES = frozenset({"real_name", "pseudonym", "name"})
# Records whose text is not searched: consent records (dates and scopes), the register, the
# rating scale (its wording is the group's).
_NOT_SEARCHED = frozenset({"consents", "consent_history", "people_around", "scales", "withheld"})


@dataclass
class ConsentWithheld:
    """What ``withhold_by_consent`` withheld, for the review to say so."""

    recording_only: list[str] = field(default_factory=list)
    """Ids of members whose narratives were withheld (consent covers recording only)."""
    declined: int = 0
    """Candidates who declined to join whose reasons or referral source were withheld."""
    passages: int = 0
    """Paragraphs withheld because they tell of a member who withdrew her consent."""

    def __bool__(self) -> bool:
        return bool(self.recording_only or self.declined or self.passages)


def covers_recording_only(consent: m.Consent | None) -> bool:
    """True for a consent in force that lets the unit keep the data and share none of it."""
    if consent is None or consent.withdrawn_on is not None:
        return False
    return not any(scope in consent.scopes for scope in _SHARING)


def _walk(value: Any, finders, counted: list[int], key: str | None = None) -> Any:
    if key is not None and (is_reference(key) or key in _NAMES):
        return value
    if type(value) is str:
        cleaned, replaced = without_mentions(value, finders)
        counted[0] += replaced
        return cleaned
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _walk(old, finders, counted, name)
            if new != old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        return [_walk(v, finders, counted) for v in value]
    if isinstance(value, dict):
        return {k: _walk(v, finders, counted) for k, v in value.items()}
    return value


def _blank(record, text: str, names) -> Any:
    update = {n: text for n in names if str(getattr(record, n) or "").strip()}
    return record.model_copy(update=update) if update else record


def withhold_by_consent(data: ReviewData, date_text: DateText | None = None) -> ReviewData:
    """``data`` with what consent does not let leave withheld (see the module's docstring);
    ``data.consent_withheld`` says what. A copy: ``data`` itself is left as read (the
    pre-share check lists, from it, the places that were withheld). Idempotent."""
    data = dataclasses.replace(data)
    earlier = getattr(data, "consent_withheld", None) or ConsentWithheld()
    kept = ConsentWithheld(passages=earlier.passages)
    gone = withdrawn_in_full(data.consents)
    finders = [
        (Mentions(x), notice(gone[x.id], date_text) if date_text else notice(gone[x.id]))
        for x in data.members
        if x.id in gone and not x.erased
    ]
    if finders:
        counted = [0]
        for name in vars(data):
            if name in _NOT_SEARCHED or name.startswith("_"):
                continue
            value = getattr(data, name)
            if name == "members":  # other members' notes may tell her story; hers are blanked
                value = [x if x.id in gone else _walk(x, finders, counted) for x in value]
            elif isinstance(value, BaseModel | list | dict):
                value = _walk(value, finders, counted)
            else:
                continue
            setattr(data, name, value)
        kept.passages += counted[0]
    recording = {mid for mid, c in data.consents.items() if covers_recording_only(c)}
    only_recorded = _("withheld: consent covers recording only")
    declined_text = _("withheld: declined to join")
    members = []
    for x in data.members:
        if x.id in recording:
            x = _blank(x, only_recorded, MEMBER_PRIVATE_TEXT)
            kept.recording_only.append(x.id)
        elif x.decision == m.SelectionDecision.DECLINED and (
            x.decision_reason.strip() or x.referral_source.strip()
        ):
            x = _blank(x, declined_text, ("decision_reason", "referral_source"))
            kept.declined += 1
        members.append(x)
    data.members = members
    data.assessments = [
        _blank(a, only_recorded, ASSESSMENT_TEXT) if a.member_id in recording else a
        for a in data.assessments
    ]
    data.consent_withheld = kept
    return data


def consent_note(data: ReviewData, label) -> str:
    """What the review's cover says consent withheld ("" when nothing): ``label`` names a
    member as the review does."""
    kept = data.consent_withheld
    if not kept:
        return ""
    parts = []
    if kept.passages:
        parts.append(
            ngettext(
                "{count} passage that tells of a member who withdrew her consent is withheld.",
                "{count} passages that tell of a member who withdrew her consent are withheld.",
                kept.passages,
            ).format(count=kept.passages)
        )
    if kept.recording_only:
        parts.append(
            _(
                "The assessment narratives and notes of {members} are withheld: their consent "
                "covers recording only."
            ).format(members=", ".join(label(mid) for mid in kept.recording_only))
        )
    if kept.declined:
        parts.append(
            ngettext(
                "The reasons and referral source of {count} candidate who declined to join are "
                "withheld.",
                "The reasons and referral source of {count} candidates who declined to join are "
                "withheld.",
                kept.declined,
            ).format(count=kept.declined)
        )
    return " ".join(parts)
