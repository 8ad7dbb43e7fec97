"""The pre-share check of a group's review: what a person should look at before sharing it.

Two lists, both about names the scrubber could not settle on its own:

- spots to re-read: a person's name (a member's, or a non-member's the worker chose to
  replace) that is also an ordinary word, left as written where it reads as the word
  (``groupwork.names``, the common-word rule);
- possible names of people who are not members (``groupwork.other_names``), each to replace
  or keep; the worker's choices are stored and applied to every shared output.

The CLI (``groupwork review --check-names``) and the TUI review screen show the same check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from groupwork import models as m
from groupwork.other_names import Flag


@dataclass
class PreShareCheck:
    """What the pre-share check found in one group's records."""

    spots: list = field(default_factory=list)
    """``review_data.naming.SpotAt``: where a member's name may still stand as written."""
    flags: list[Flag] = field(default_factory=list)
    """Possible non-member names not decided yet."""
    decided: dict[str, bool] = field(default_factory=dict)
    """Name -> replace? for the ones the worker already decided."""

    @property
    def open_items(self) -> int:
        """How many things a person still has to look at."""
        return len(self.spots) + len(self.flags)


def pre_share_check(store, group_id: str, *, names: bool = False) -> PreShareCheck:
    """The pre-share check of the group's review (as written with or without ``names``)."""
    from groupwork.names import name_variants
    from groupwork.other_names import flag_other_names, member_names
    from groupwork.review_data.data import gather_review_data
    from groupwork.review_data.naming import review_naming, texts_of

    data = gather_review_data(store, group_id)
    decided = store.other_name_decisions(group_id)
    replaced = [name for name, replace in decided.items() if replace]
    naming, _shared = review_naming(data, names=names, others=replaced)
    # The facilitators and the signing head are named in the review by design.
    staff = [*data.group.facilitators, *([data.endorsement.name] if data.endorsement else [])]
    known = member_names(data.members) | name_variants(*staff) | set(decided)
    names_themselves = frozenset({(m.Member, "real_name"), (m.Member, "pseudonym")})
    flags = flag_other_names(texts_of(data, skip=names_themselves), known)
    return PreShareCheck(spots=list(naming.spots), flags=flags, decided=decided)
