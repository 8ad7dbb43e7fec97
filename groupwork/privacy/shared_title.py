"""The shareable form of a free-text title: what the coordinator may read.

A task's or goal's title is typed by the facilitator and can hold a member's real name
("visit แดง at home") or a person the worker linked (``privacy.links``). The coordinator's
views show only the shareable form, made when the record is saved (``store.shared_titles``),
by the same rules as the review's default naming (``privacy.naming.build_naming`` without
``--names``):

- a link token is rendered by its id before anything else: a linked member becomes their
  pseudonym, a linked person around the group their role (itself scrubbed), a link to a record
  that is not known "[name withheld]"; never the name inside the token;
- between the tokens, every member's real name becomes their pseudonym, a person around the
  group typed without a link becomes their role, a name part several members share becomes
  "[name withheld]", and so does a non-member's name the worker chose to replace.

One difference: an *undecided* occurrence of a name that is also an ordinary word ("ดาว", a
star) is replaced, where the review leaves it and asks the worker to decide before sharing:
nobody decides for the coordinator's view. A use the matcher knows for certain to be the word
stays the word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from groupwork.i18n import _
from groupwork.privacy import links
from groupwork.privacy.name_forms import normalise
from groupwork.privacy.names import NameScrubber
from groupwork.privacy.positions import Answer


def shareable_title(
    title: str,
    people: Iterable[tuple[str, str]],
    others: Iterable[str] = (),
    *,
    linked: Mapping[str, str] | None = None,
    around: Iterable[tuple[str, str, str]] = (),
) -> str:
    """``title`` with the names of ``people`` ((real name, pseudonym) pairs) replaced by their
    pseudonyms and the ``others`` (non-members to replace) by "[name withheld]".

    ``linked``: member id -> pseudonym, for link tokens; ``around``: the group's people
    around it as (id, real name, role), shown by role whether linked or typed."""
    withheld = _("[name withheld]")
    around = list(around)
    scrubber = NameScrubber(
        [
            *(((real,), pseudonym) for real, pseudonym in people),
            *(((real,), role) for _id, real, role in around),
            *(((name,), withheld) for name in others),
        ],
        shared=withheld,
    )

    def rest(text: str) -> str:
        if not scrubber:
            return text
        undecided = {x.start for x in scrubber.matches(text) if x.answer == Answer.UNDECIDED}

        def undecided_as_name(_word: str, _before: str, _after: str, start: int) -> Answer | None:
            return Answer.NAME if start in undecided else None

        return scrubber.scrub_with_spots(text, undecided_as_name)[0]

    labels = dict(linked or {})
    roles = {record_id: rest(normalise(role)) for record_id, _real, role in around}

    def label(link: links.Link) -> str:
        found = labels if link.kind == links.MEMBER else roles
        return found.get(link.record_id) or withheld

    return normalise(links.render(normalise(title), label, rest))
