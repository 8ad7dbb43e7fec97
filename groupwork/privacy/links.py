"""People the worker links while writing: the one place that knows the link token.

A worker writing a note can insert a person from a picker: one of the group's members or one
of the people around the group (``models.PersonAround``: a partner, a headman, a nurse). The
text then holds a **link token** that names the record's id, and the name the worker chose as
it was when linked::

    @[ฟ้า](m:3f9a2c…)        a member (``MEMBER``)
    @[ผู้ใหญ่สมชาย](p:7b1e…)   a person around the group (``AROUND``)

- The worker sees the name (``for_worker`` puts the record's current name in, so a renamed
  person reads right; the name inside the token is only a fallback).
- Everything shared shows what stands for the record: the member's pseudonym (or their real
  name where consent allows it and it was asked for), the person's role ("ผู้ใหญ่บ้าน",
  "สามีของสมาชิก ก"). A link is never guessed: the name matcher (``groupwork.privacy.names``) never
  sees a token, only the text between tokens (``render``).
- A token whose record is gone (removed from the register, another group's) is shared as
  "[name withheld]", never as the name inside it.

The token is plain text (no control characters), so it passes every field's clean-text check,
the export file and the PostgreSQL server unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

MEMBER = "m"
"""A link to a member of the group (``models.Member``)."""
AROUND = "p"
"""A link to a person around the group (``models.PersonAround``)."""
KINDS = (MEMBER, AROUND)

TOKEN = re.compile(r"@\[(?P<name>[^\[\]\n]{1,200})\]\((?P<kind>[mp]):(?P<id>[0-9A-Za-z_-]{1,64})\)")
"""A link token: ``@[name](kind:id)``."""
# What a name inside a token may not hold: the token's own brackets, line ends.
_NOT_IN_NAME = re.compile(r"[\[\]\n\r]+")


def _in_word(ch: str) -> bool:
    """True for a letter, digit or mark (Thai vowels and tone marks): a label touching one
    would be glued to a word."""
    return bool(ch) and unicodedata.category(ch)[0] in "LNM"


@dataclass(frozen=True)
class Link:
    """One link token found in a text: where it is, what it names."""

    kind: str
    record_id: str
    name: str
    """The name as it was when linked (a fallback: the record's current name is shown)."""
    start: int
    end: int


def token(kind: str, record_id: str, name: str) -> str:
    """The token that links ``record_id`` (a member or a person around the group), showing
    ``name`` to the worker."""
    if kind not in KINDS:
        raise ValueError(f"unknown link kind {kind!r}")
    shown = " ".join(_NOT_IN_NAME.sub(" ", name).split())[:200] or "?"
    return f"@[{shown}]({kind}:{record_id})"


def links_in(text: str | None) -> list[Link]:
    """Every link token in ``text``, in order."""
    if not text or "@[" not in text:
        return []
    return [
        Link(hit["kind"], hit["id"], hit["name"], hit.start(), hit.end())
        for hit in TOKEN.finditer(text)
    ]


def has_links(text: str | None) -> bool:
    """True when ``text`` holds at least one link token."""
    return bool(text) and "@[" in text and TOKEN.search(text) is not None


def linked_ids(texts: Iterable[str | None]) -> set[str]:
    """The ids of every record linked in ``texts``."""
    return {link.record_id for text in texts for link in links_in(text)}


def render(
    text: str,
    label: Callable[[Link], str],
    rest: Callable[[str], str] = lambda piece: piece,
    *,
    spaced: bool = True,
) -> str:
    """``text`` with each token replaced by ``label(link)`` and everything between tokens
    passed through ``rest`` (the name matcher, for sharing): the matcher never sees a token.

    With ``spaced``, a label that would touch a letter or digit of the next or previous word
    gets a space, so a pseudonym is never glued to the word the worker wrote beside it."""
    found = links_in(text)
    if not found:
        return rest(text)
    pieces: list[str] = []
    last = 0
    for link in found:
        before = text[last : link.start]
        if before:
            pieces.append(rest(before))
        shown = label(link)
        if spaced and shown and pieces and _in_word(pieces[-1][-1:]):
            shown = " " + shown
        if spaced and shown and _in_word(text[link.end : link.end + 1]):
            shown += " "
        pieces.append(shown)
        last = link.end
    if last < len(text):
        pieces.append(rest(text[last:]))
    return "".join(pieces)


def outside(text: str, rest: Callable[[str], str]) -> str:
    """``text`` with ``rest`` applied between the tokens, the tokens kept as they are (the
    name matcher over a text that still carries its links, as an export does)."""
    return render(text, lambda link: text[link.start : link.end], rest, spaced=False)


def for_worker(text: str | None, names: Mapping[str, str] | None = None) -> str:
    """``text`` as the worker reads it: each token becomes the linked record's current name
    (``names``: id -> name), or the name inside the token when the record is not known."""
    if not text:
        return ""
    names = names or {}
    return render(text, lambda link: names.get(link.record_id, link.name), spaced=False)


def relabel(text: str, names: Mapping[str, str]) -> str:
    """``text`` with the name inside every token of an id in ``names`` changed to
    ``names[id]`` (the link stays): erasure writes the code there, a pseudonymised export the
    pseudonym or role, so no real name is kept inside a token."""
    found = [link for link in links_in(text) if link.record_id in names]
    for link in reversed(found):
        renamed = token(link.kind, link.record_id, names[link.record_id])
        text = text[: link.start] + renamed + text[link.end :]
    return text
