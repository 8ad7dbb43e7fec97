"""The pre-share check of a group's review: what a person should look at before sharing it.

Three lists, all about names the scrubber could not settle on its own:

- spots to re-read: a person's name (a member's, or a non-member's the worker chose to
  replace) that is also an ordinary word, left as written where it reads as the word
  (``groupwork.privacy.names``, the common-word rule);
- possible names of people who are not members (``groupwork.privacy.other_names``), each to replace
  or keep; the worker's choices are stored and applied to every shared output;
- places that name a member whose consent was withdrawn in full: her own records are withheld
  (``privacy.withheld``), and there her name becomes her pseudonym, but a session's notes
  or a stage narrative may still tell her story. No program can tell which sentences are
  hers, so the worker re-reads each place and removes what is hers.

The CLI (``groupwork review --check-names``) and the TUI review screen show the same check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from groupwork import models as m
from groupwork.i18n import ngettext
from groupwork.privacy.naming import review_naming
from groupwork.privacy.other_names import Flag


@dataclass(frozen=True)
class WithdrawnMention:
    """A place in the review's text that names a member who withdrew her consent in full."""

    pseudonym: str
    where: str
    context: str


@dataclass
class PreShareCheck:
    """What the pre-share check found in one group's records."""

    spots: list = field(default_factory=list)
    """``privacy.naming.SpotAt``: where a member's name may still stand as written."""
    flags: list[Flag] = field(default_factory=list)
    """Possible non-member names not decided yet."""
    decided: dict[str, bool] = field(default_factory=dict)
    """Name -> replace? for the ones the worker already decided."""
    withdrawn: list[WithdrawnMention] = field(default_factory=list)
    """Places that name a member who withdrew her consent: her story may still be there."""

    @property
    def open_items(self) -> int:
        """How many things a person still has to look at."""
        return len(self.spots) + len(self.flags) + len(self.withdrawn)


def pre_share_check(store, group_id: str, *, names: bool = False) -> PreShareCheck:
    """The pre-share check of the group's review (as written with or without ``names``)."""
    from groupwork.review_data.data import gather_review_data

    data = gather_review_data(store, group_id)
    decided = store.other_name_decisions(group_id)
    replaced = [name for name, replace in decided.items() if replace]
    naming, _shared = review_naming(
        data,
        names=names,
        others=replaced,
        decisions=store.name_decisions(group_id),
        withhold=False,  # decide every occurrence, in passages the review withholds too
    )
    texts = _texts(data)
    flags = other_name_flags(data, decided, texts)
    return PreShareCheck(
        spots=list(naming.spots),
        flags=flags,
        decided=decided,
        withdrawn=withdrawn_mentions(data.members, data.consents, texts),
    )


def _texts(data) -> list[tuple[str, str]]:
    from groupwork.privacy.naming import texts_of

    names_themselves = frozenset({(m.Member, "real_name"), (m.Member, "pseudonym")})
    return list(texts_of(data, skip=names_themselves))


def other_name_flags(data, decided, texts=None) -> list[Flag]:
    """Possible names of people who are not members in ``data`` (a ``ReviewData``, as
    gathered), without members', workers' and ``decided`` ones."""
    from groupwork.privacy.name_forms import name_variants
    from groupwork.privacy.naming import staff_names
    from groupwork.privacy.other_names import flag_other_names, member_names

    # The facilitators and the signing head are named in the review by design.
    # The register's people are shown by role already.
    around = [p.real_name for p in data.people_around]
    known = member_names(data.members) | name_variants(*staff_names(data), *around) | set(decided)
    return flag_other_names(_texts(data) if texts is None else texts, known)


def decide_spots(store, group_id: str, spots, answer: str) -> int:
    """Keep a person's decision (``"name"`` or ``"word"``) for each undecided occurrence in
    ``spots`` (``privacy.naming.SpotAt``), in one transaction; how many were decided."""
    from groupwork.privacy.name_forms import fold

    spots = list(spots)
    with store.transaction():
        for at in spots:
            store.decide_name(
                m.NameDecision(
                    group_id=group_id,
                    record_id=at.record_id,
                    field=at.field,
                    word=fold(at.spot.word),
                    before=at.spot.before,
                    after=at.spot.after,
                    position=at.spot.start,
                    answer=answer,
                )
            )
    return len(spots)


def withdrawn_mentions(
    members: list[m.Member],
    consents: dict[str, m.Consent | None],
    texts: list[tuple[str, str]],
) -> list[WithdrawnMention]:
    """Each ``(where, text)`` that may name a member whose consent in force is withdrawn, with
    the words around the first mention. A name that is also an ordinary word counts even where
    it reads as the word: this list is for re-reading, and missing her costs more."""
    from groupwork.privacy.name_forms import normalise
    from groupwork.privacy.names import NameScrubber, words_around
    from groupwork.privacy.positions import Answer
    from groupwork.privacy.withheld import withdrawn_in_full

    gone = withdrawn_in_full(consents)
    found = []
    for member in (x for x in members if x.id in gone and not x.erased):
        finder = NameScrubber([((member.real_name, member.pseudonym), "")], shared="")
        for where, text in texts:
            cleaned = normalise(text)
            # Certain or undecided: an undecided mention of her is listed, never taken as a word.
            hit = next((h for h in finder.matches(cleaned) if h.answer != Answer.WORD), None)
            if hit is not None:
                context = words_around(cleaned, hit.start, hit.end)
                found.append(WithdrawnMention(member.pseudonym, where, context))
    return found


def withdrawn_heading(count: int) -> str:
    """The heading over the places that name a member who withdrew their consent."""
    return ngettext(
        "{count} place may name a member who withdrew their consent. What is told there may "
        "still be theirs: re-read it and remove what is theirs:",
        "{count} places may name a member who withdrew their consent. What is told there may "
        "still be theirs: re-read them and remove what is theirs:",
        count,
    ).format(count=count)
