"""The consent gate of an export that leaves the unit (``groupwork export``, the agency's
copy): what each member's consent lets through, the withdrawn member's words withheld under
any name, then every name rendered through the one shared path (``privacy.shareable``).

It lives in ``privacy`` (not beside the consent rules in ``groupwork.consent``) because it
renders names: the rules stay below the privacy package, the gate above them.
"""

from __future__ import annotations

from groupwork import models as m
from groupwork.consent import (
    ASSESSMENT_TEXT,
    MEMBER_PRIVATE_TEXT,
    ConsentRefused,
    members_not_covered,
    refusal,
)
from groupwork.errors import GroupworkError
from groupwork.i18n import _
from groupwork.privacy.names import scrub_data


def _withhold_withdrawn_words(store, group_id: str, data: dict) -> None:
    """In ``data`` (a dumped export leaving the unit), every paragraph of free text that tells
    of a member who withdrew her consent, under any name (``privacy.mentions``), becomes the
    withdrawal notice; her own member row keeps only her pseudonym and dates."""
    from groupwork.dates import format_date
    from groupwork.privacy.mentions import Mentions, without_mentions

    finders = []
    for member in store.members(group_id):
        consent = store.current_consent(member.id)
        if not member.erased and consent is not None and consent.withdrawn_on is not None:
            shown = _("withheld: consent withdrawn on {date}").format(
                date=format_date(consent.withdrawn_on)
            )
            finders.append((Mentions(member), shown))
    if not finders:
        return

    def withhold(text: str) -> str:
        return without_mentions(text, finders)[0]

    gone = {finder.member.id for finder, _shown in finders}
    for key, value in data.items():
        if key == "members":
            data[key] = [
                row
                if row["id"] in gone
                else {
                    k: (v if k in ("real_name", "pseudonym") else scrub_data(v, withhold, k))
                    for k, v in row.items()
                }
                for row in value
            ]
        elif key not in ("people_around", "consents", "format", "version"):
            data[key] = scrub_data(value, withhold, key)


def gate_export(
    store, document, agency: str | None = None, pseudonymise: bool = False, undecided=None
):
    """``document`` (an ``exchange.ExportDocument``) made fit for where it goes.

    - No agency, no ``pseudonymise``: the unit's own copy, unchanged.
    - No agency, ``pseudonymise``: every member is pseudonymised (data shared without names).
    - For ``agency``: members whose consent covers sharing with that agency keep their real
      names; the others make it fail with ``ConsentRefused`` unless ``pseudonymise``.

    Pseudonymising a member: their real name becomes their pseudonym everywhere in the
    document (free text included), and their private notes, the text of their assessments
    and their consent notes are left out. The people around the group consented to nothing:
    whenever the document leaves (an agency, ``pseudonymise``) each of them is their role,
    in the register and in the text (links keep their ids, with the role inside).
    """
    group_id = document.group.id
    if agency is None:
        if not pseudonymise:
            return document
        hidden = [member for member in store.members(group_id) if not member.erased]
    else:
        purpose = m.ConsentScope.SHARED_WITH_AGENCIES
        hidden = members_not_covered(store, group_id, purpose, agency)
        if hidden and not pseudonymise:
            raise ConsentRefused(refusal(hidden, purpose, agency), hidden)
    from groupwork.privacy.shareable import export_naming

    around = store.people_around(group_id)
    # Non-members named in the text consented to nothing either: even with every member
    # covered, the names the worker chose to replace are withheld.
    if not hidden and not around and not store.replaced_other_names(group_id):
        return document
    hidden_ids = {member.id for member in hidden}
    # The one shared path (privacy.shareable): links by id, the three answers, decisions.
    naming = export_naming(
        store, group_id, hidden, [*document.group.facilitators, *_heads(document)]
    )
    data = document.model_dump()
    for row in data.get("people_around", []):
        row.update(real_name=row["role"], notes="")
    for row in data.get("members", []):
        if row["id"] in hidden_ids:
            row["real_name"] = row["pseudonym"]
            row.update(dict.fromkeys(MEMBER_PRIVATE_TEXT, ""))
    for row in data.get("assessments", []):
        if row["member_id"] in hidden_ids:
            row.update(dict.fromkeys(ASSESSMENT_TEXT, ""))
    for row in data.get("consents", []):
        if row["member_id"] in hidden_ids:
            row["notes"] = ""
    # A withdrawn member's words leave first (under any name): what is left is then redacted,
    # and only an undecided occurrence still standing can refuse the export.
    _withhold_withdrawn_words(store, group_id, data)
    cleaned = {}
    for key, value in data.items():
        # Member rows keep their names; their free text still loses the names of others.
        skip = ("real_name", "pseudonym") if key == "members" else ()
        if key in ("people_around", "format", "version"):
            cleaned[key] = value
        elif key == "group":
            cleaned[key] = naming.export_row("groups", value)
        elif isinstance(value, list):
            cleaned[key] = [
                naming.export_row(key, row, skip) if isinstance(row, dict) else row for row in value
            ]
        else:
            cleaned[key] = naming.export_row(key, {key: value})[key]
    _refuse_withdrawn_undecided(store, hidden, naming.spots)
    if undecided is not None:
        undecided.extend(naming.spots)
    return type(document).model_validate(cleaned)


def _heads(document) -> list[str]:
    """The heads of unit who endorsed the group's review: named by design, never replaced."""
    return [row.name for row in getattr(document, "endorsements", [])]


def _refuse_withdrawn_undecided(store, hidden: list[m.Member], undecided) -> None:
    """Refuse a shared export while an occurrence that may name a member who withdrew her
    consent is undecided: it would go out as written, her real given name with it."""
    from groupwork.privacy.name_forms import fold, name_variants

    withdrawn = [x for x in hidden if (c := store.current_consent(x.id)) and c.withdrawn_on]
    words = {fold(v): x.pseudonym for x in withdrawn for v in name_variants(x.real_name)}
    places = [f"{at.where}: …{at.spot.context}…" for at in undecided if fold(at.spot.word) in words]
    if places:
        raise GroupworkError(
            _(
                "Not exported: {count} places may name a member who withdrew her consent and "
                "are still undecided. Decide them first (groupwork review GROUP --check-names): "
                "{places}"
            ).format(count=len(places), places="; ".join(places[:10]))
        )
