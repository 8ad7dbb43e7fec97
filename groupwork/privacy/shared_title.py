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

One difference from the review: an *undecided* occurrence of a name that is also an ordinary
word ("โทรหาแดง": call แดง, or call red) is replaced until the worker decides it, where the
review leaves it and lists it: the coordinator reads a title at once, with no check before,
and a member's real name must not reach them. The worker's decisions (``review
--check-names``, Ctrl+K; kept per occurrence) apply here as everywhere, so an ordinary word
decided to be the word ("ดาวบนฟ้า") reads as written. A use the matcher knows for certain to
be the word stays the word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from groupwork.i18n import _
from groupwork.privacy import links
from groupwork.privacy.name_forms import normalise
from groupwork.privacy.names import Decide, NameScrubber
from groupwork.privacy.positions import Answer


def shareable_title(
    title: str,
    people: Iterable[tuple[str, str]],
    others: Iterable[str] = (),
    *,
    linked: Mapping[str, str] | None = None,
    around: Iterable[tuple[str, str, str]] = (),
    staff: Iterable[str] = (),
    decide: Decide | None = None,
) -> str:
    """``title`` with the names of ``people`` ((real name, pseudonym) pairs) replaced by their
    pseudonyms and the ``others`` (non-members to replace) by "[name withheld]".

    ``linked``: member id -> pseudonym, for link tokens; ``around``: the group's people
    around it as (id, real name, role), shown by role whether linked or typed; ``staff``: the
    workers' names (the facilitators), never replaced by a member's pseudonym; ``decide``: the
    worker's decisions about this title's undecided occurrences."""
    withheld = _("[name withheld]")
    around = list(around)
    scrubber = NameScrubber(
        [
            *(((real,), pseudonym) for real, pseudonym in people),
            *(((real,), role) for _id, real, role in around),
            *(((name,), withheld) for name in others),
        ],
        shared=withheld,
        protect=list(staff),
    )

    def rest(text: str) -> str:
        if not scrubber:
            return text

        undecided = {x.start for x in scrubber.matches(text) if x.answer == Answer.UNDECIDED}

        def decided_or_name(word: str, before: str, after: str, start: int) -> Answer | None:
            # Undecided is a name here until the worker says it is the word.
            found = decide(word, before, after, start) if decide is not None else None
            return found or (Answer.NAME if start in undecided else None)

        return scrubber.scrub(text, decided_or_name)

    labels = dict(linked or {})
    roles = {record_id: rest(normalise(role)) for record_id, _real, role in around}

    def label(link: links.Link) -> str:
        found = labels if link.kind == links.MEMBER else roles
        return found.get(link.record_id) or withheld

    return normalise(links.render(normalise(title), label, rest))
