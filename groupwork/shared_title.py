"""The shareable form of a free-text title: what the coordinator may read.

A task's or goal's title is typed by the facilitator and can hold a member's real name
("visit แดง at home"). The coordinator's views show only the shareable form, made when the
record is saved (``store.shared_titles``), by the same rules as the review's default naming
(``privacy.naming.build_naming`` without ``--names``): every member's real name becomes
their pseudonym, a name part several members share becomes "[name withheld]", and so does a
non-member's name the worker chose to replace. One difference: an *undecided* occurrence of a
name that is also an ordinary word ("ดาว", a star) is replaced, where the review leaves it and
asks the worker to decide before sharing: nobody decides for the coordinator's view. A use the
matcher knows for certain to be the word stays the word.
"""

from __future__ import annotations

from collections.abc import Iterable

from groupwork.i18n import _
from groupwork.privacy.names import NameScrubber, normalise
from groupwork.privacy.positions import Answer


def shareable_title(
    title: str, people: Iterable[tuple[str, str]], others: Iterable[str] = ()
) -> str:
    """``title`` with the names of ``people`` ((real name, pseudonym) pairs) replaced by their
    pseudonyms and the ``others`` (non-members to replace) by "[name withheld]"."""
    withheld = _("[name withheld]")
    scrubber = NameScrubber(
        [
            *(((real,), pseudonym) for real, pseudonym in people),
            *(((name,), withheld) for name in others),
        ],
        shared=withheld,
    )
    if not scrubber:
        return normalise(title)
    text = normalise(title)
    undecided = {x.start for x in scrubber.matches(text) if x.answer == Answer.UNDECIDED}

    def undecided_as_name(_word: str, _before: str, _after: str, start: int) -> Answer | None:
        return Answer.NAME if start in undecided else None

    return normalise(scrubber.scrub_with_spots(text, undecided_as_name)[0])
