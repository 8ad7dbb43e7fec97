"""The recorder's entries in the command palette (ctrl+p): a turn and a roll-call mark per
member, and each group mark, in the current language."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from groupwork import models as m
from groupwork.i18n import _
from groupwork.tui.recorder_keys import GROUP_MARK_KEYS, ROLL_CALL_CYCLE, Mode, bind


class RecorderCommands(Provider):
    """Every recorder action in the command palette, from the screen's ``palette_commands``."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        commands = getattr(self.screen, "palette_commands", None)
        return commands() if commands is not None else []

    async def discover(self) -> Hits:
        """Every entry, before anything is typed."""
        for title, callback, help_text in self._commands():
            # Content, not a str: the palette reads a str as markup (a pseudonym may hold "[").
            yield DiscoveryHit(Content(title), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """The entries matching what was typed."""
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlighted(matcher, title), callback, help=help_text)


def highlighted(matcher: Matcher, title: str) -> Content:
    """``matcher.highlight(title)`` for a title that is text, not markup: Textual's reads it
    as markup, and a member's pseudonym holding "[/]" stopped the palette with a traceback."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if not score:
        return content
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class RecorderPaletteEntries:
    """The recorder screen's palette entries (a mixin of ``RecorderScreen``)."""

    def palette_commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """(title, callback, help) for what has no binding of its own: a turn per member and
        each group mark. The screen's key bindings are listed by the app for every screen."""
        commands: list[tuple[str, Callable[[], object], str]] = []
        if self.mode is not Mode.NOTES:
            for member in self.recorder.members:
                commands.extend(self._member_commands(member))
        for key, kind in GROUP_MARK_KEYS.items():
            commands.append(
                (
                    _("Group mark: {kind}").format(kind=m.caption(kind)),
                    bind(self.mark_group, kind),
                    _("keys: m then {key}").format(key=key),
                )
            )
        return commands

    def _member_commands(self, member: m.Member) -> Iterator[tuple[str, Callable, str]]:
        key = self.key_of.get(member.id, "")
        yield (
            _("Log a turn: {who}").format(who=member.pseudonym),
            bind(self._palette_turn, member.id),
            _("key: {key}").format(key=key),
        )
        for status in ROLL_CALL_CYCLE:
            yield (
                _("Roll call: {who} {status}").format(
                    who=member.pseudonym, status=m.caption(status)
                ),
                bind(self.roll_call, member.id, status),
                _("F2, then key {key}").format(key=key),
            )

    def _palette_turn(self, member_id: str) -> None:
        if self.mode is not Mode.TURNS:
            self.action_mode(Mode.TURNS)
        self.log_turn(member_id)
