"""What the recorder screen draws: the header with the session clock, the member board, the
next-turn line, the hints, the questions and the event log (a part of ``RecorderScreen``)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import BindingsMap
from textual.screen import Screen
from textual.widgets import Input

from groupwork import models as m
from groupwork.errors import DatabaseBusy
from groupwork.i18n import _
from groupwork.recording.nudging import SessionNudges
from groupwork.recording.records import Undone
from groupwork.tui.formatting import show_date
from groupwork.tui.recorder_keys import FACILITATOR_KEY, GROUP_MARK_KEYS, KIND_STYLES, Mode, bank_of
from groupwork.tui.screens.recorder_messages import WritesStored
from groupwork.tui.widgets.plain import Label, Static
from groupwork.tui.widgets.recorder_board import BoardRow, BoardState, MemberBoard
from groupwork.tui.widgets.recorder_log import EventLog, session_time


class RecorderView:
    """The drawing half of ``RecorderScreen`` (a mixin: it uses the screen's state)."""

    def label(self, actor_id: str | None) -> str:
        """A member's pseudonym, or "Facilitator"."""
        if actor_id == m.FACILITATOR:
            return _("Facilitator")
        for member in [*self.recorder.members, *self.recorder.inactive]:
            if member.id == actor_id:
                return member.pseudonym
        return "?"

    def refresh_language(self) -> None:
        """Redraw every text in the current language (after a switch at run time)."""
        self._bindings = BindingsMap([*Screen.BINDINGS, *self._make_bindings()])
        self.refresh_bindings()
        self.query_one("#notes-label", Label).update(_("Notes (saved as you type)"))
        self.query_one("#qt-label", Label).update(_("Questions and themes (Enter adds)"))
        self.query_one("#question", Input).placeholder = _("A question posed to the group")
        self.query_one("#theme", Input).placeholder = _("A theme that came up")
        self.query_one("#rec-rollcall-help", Static).update(
            _(
                "Roll call\n\nPress a member's key once for present; again for late, "
                "excused, absent.\n\nF3 goes back to turns."
            )
        )
        self._show_questions()
        self._show_board()
        self._show_next()
        self._show_hints()
        self._tick()
        self.query_one(EventLog).refresh()

    def _every_second(self) -> None:
        self._store_pending()
        self._tick()
        self.show_nudges()

    @property
    def nudges(self) -> SessionNudges:
        """The session's quiet nudges (read on the first tick, not while the screen opens)."""
        if getattr(self, "_nudges", None) is None:
            self._nudges = SessionNudges(self.recorder)
        return self._nudges

    def show_nudges(self) -> None:
        """Judge the nudges (once a second, on the timer: never on a key) and show the first
        on the hints line, quietly; a nudge reaching the line is recorded with the session."""
        self._show_hints()

    def action_plan_sheet(self) -> None:
        """The plan sheet of this session (what it is for, last agreements, check-ins)."""
        from groupwork.tui.screens.facilitation_view import sheet_view

        session = self.recorder.session
        self.app.push_screen(sheet_view(self.store, session.group_id, session.number))

    def share_against_target(self, share: float | None) -> str:
        """The facilitator's share against the stage's handover target, for the close dialog."""
        if share is None:
            return ""
        return " " + _("Your share of turns {share:.0%}, target {target:.0%}.").format(
            share=share, target=self.nudges.limits.facilitator_target
        )

    def action_mute_nudges(self) -> None:
        muted = self._guard(self.nudges.toggle_mute)
        if muted is None:
            return
        self.notify(
            _("Nudges muted for this session (F6 turns them on).")
            if muted
            else _("Nudges are on again."),
            timeout=3,
        )
        self._show_hints()

    def _tick(self) -> None:
        self._tell_if_pending()
        session = self.recorder.session
        mode_names = {
            Mode.ROLL_CALL: _("Roll call"),
            Mode.TURNS: _("Turn taking"),
            Mode.NOTES: _("Notes"),
        }
        parts = [
            _("Session {number}").format(number=session.number),
            show_date(session.held_on),
            "⏱ " + session_time(self.recorder.elapsed_seconds()),
        ]
        timed = self.recorder.timing
        if timed is not None:
            seconds = (m.utc_now() - timed.at).total_seconds()
            parts.append(
                _("timing {who} {time}").format(
                    who=self.label(timed.actor_id), time=session_time(seconds)
                )
            )
        # The mode first: it is what the facilitator glances at; the group name may be cut.
        header = Text(f"[{mode_names[self.mode]}] ", style="reverse")
        waiting = len(self.recorder.pending)
        self._header_warns = bool(waiting and self.recorder.pending.troubled)
        if self._header_warns:  # not for one being written right now: it is marked in the log
            text = _("⏳ {count} not saved yet").format(count=waiting)
            if self.recorder.pending.server_away:
                text = _("⏳ {count} not yet on the server, kept on this computer").format(
                    count=waiting
                )
            header.append(text + " ", "bold white on red")
        header.append(" · ".join([*parts, self.recorder.group.name]))
        # One fixed line (recorder.tcss): a new text never changes its size, so no layout pass.
        self.query_one("#rec-header", Static).update(header, layout=False)

    def start_writer(self) -> None:
        """Commit in a writer thread with its own connection, in order: a key never waits for
        another process's lock (a turn is shown at once, marked ⏳ until it is stored). A
        database with no second connection (in memory) is written on the key, as before."""
        writer = self._guard(self.store.live_writer)
        if writer is not None:
            self.recorder.pending.start_writer(writer, lambda: self.post_message(WritesStored()))

    def stop_writer(self) -> None:
        """Wait (a few seconds at most) for the writer thread to store what the keys recorded;
        what it could not store is tried once more on the screen's connection, then told."""
        pending = self.recorder.pending
        if pending.stop_writer():
            self._guard(self.recorder.store_pending)
        if len(pending):
            self.app.notify(
                _("{count} events could not be saved: the database could not be written.").format(
                    count=len(pending)
                ),
                severity="error",
                timeout=20,
            )

    def on_writes_stored(self, message: WritesStored) -> None:
        """The writer thread stored what waited (or a write failed): redraw, tell."""
        self.query_one(EventLog).stored()  # lines drawn with ⏳ are drawn again without it
        self._store_pending()
        if self.recorder.pending.troubled or getattr(self, "_header_warns", False):
            self._tick()  # the header's warning comes or goes; otherwise it is as drawn

    def _store_pending(self) -> None:
        """Write what waited for the lock (the writer thread, if any, keeps trying by
        itself); tell the person once it is all stored."""
        pending = self.recorder.pending
        if len(pending) and not pending.background:
            self._guard(self.recorder.store_pending)
        if self._told_pending and not len(pending):
            self._told_pending = False
            self.notify(_("Everything recorded is saved now."), timeout=3)

    def _tell_if_pending(self) -> None:
        if self.recorder.pending.troubled and not self._told_pending:
            self._told_pending = True
            failed = self.recorder.pending.last_error
            if failed is not None and not isinstance(failed, DatabaseBusy):
                # Not a lock another program will let go of: the person must know at once.
                self.notify(
                    _(
                        "{error} What you record stays here, marked ⏳, and is saved as soon "
                        "as the database can be written. Do not quit groupwork now."
                    ).format(error=failed.message),
                    severity="error",
                    timeout=20,
                )
                return
            if self.recorder.pending.server_away:
                message = _(
                    "The agency database cannot be reached. What you record is not yet on "
                    "the server: it stays here, marked ⏳, is kept on this computer and is "
                    "sent as soon as the server is back."
                )
            else:
                message = _(
                    "The database is busy (another window or command is writing). What you "
                    "record stays here, marked ⏳, and is saved as soon as it can be."
                )
            self.notify(message, severity="warning", timeout=8)

    def _show_board(self) -> None:
        stats = self.recorder.live_stats()
        shares = {s.actor_id: s for s in stats.shares}
        slots = self.recorder.key_slots
        people = [(member, False) for member in self.recorder.members]
        people += [(member, True) for member in self.recorder.inactive]
        # In key order, withdrawn members in their own place: keys are learned by position.
        people.sort(key=lambda pair: slots.get(pair[0].id, len(slots)))
        rows = [
            BoardRow(
                key=self.key_of.get(member.id, ""),
                member_id=member.id,
                pseudonym=member.pseudonym,
                attendance=(
                    self.recorder.attendance[member.id].status
                    if member.id in self.recorder.attendance
                    else None
                ),
                share=None if inactive else shares.get(member.id),
                inactive=inactive,
                bank=bank_of(slots.get(member.id, 0)),
            )
            for member, inactive in people
        ]
        self.query_one(MemberBoard).show(
            BoardState(
                rows=rows,
                roll_call=self.mode is Mode.ROLL_CALL,
                show_shares=self.show_shares,
                facilitator_key=FACILITATOR_KEY,
                facilitator_turns=stats.facilitator_turns,
                facilitator_share=stats.facilitator_share,
                member_turns=stats.member_turns,
                timed_actor=stats.timed_actor,
            )
        )

    def _show_next(self) -> None:
        """What the next member key will record, so the facilitator never has to guess."""
        # One fixed line (recorder.tcss): updating it needs no layout pass, which is most of
        # the time a keypress costs on screen.
        line = self.query_one("#rec-next", Static)
        if self.mode is Mode.NOTES:
            line.update(_("Typing notes. Esc goes back to turns."), layout=False)
            return
        if self.mode is Mode.ROLL_CALL:
            line.update(_("Roll call: press a member's key to mark them."), layout=False)
            return
        if self.mark_menu:
            choices = "  ".join(f"{key} {m.caption(kind)}" for key, kind in GROUP_MARK_KEYS.items())
            line.update(
                _("Group mark: {choices}  (Esc cancels)").format(choices=choices), layout=False
            )
            return
        kind = m.caption(self.armed_kind or m.TurnKind.SPOKE)
        parts = [_("Next turn: {kind}").format(kind=kind)]
        if self.armed_timing:
            parts.append(_("timed"))
        last = self.recorder.last_turn
        if self.armed_no_response:
            parts.append(_("answers no one"))
        elif last is not None:
            parts.append(_("answers {who}").format(who=self.label(last.actor_id)))
        timing = self.recorder.timing
        if timing is not None:
            parts.append(_("space stops timing {who}").format(who=self.label(timing.actor_id)))
        line.update(" · ".join(parts), layout=False)

    def _show_hints(self) -> None:
        hints = {
            Mode.TURNS: _(
                "a asked · s supported · c challenged · space timed · n new thread · m group mark"
            ),
            Mode.ROLL_CALL: _("present → late → excused → absent · u undo · F3 turns"),
            Mode.NOTES: _("Tab moves between notes, question and theme · Esc back to turns"),
        }
        nudge = ""
        # Only while turns are taken: a roll call passes through "late" on its way to "absent".
        # Judged here (the timer, a change of mode, the language), never on a member's key.
        if self.mode is Mode.TURNS:
            self._guard(self.nudges.refresh)
            nudge = self.nudges.line.text(self.label)
        shown: Text | str = hints[self.mode]
        if nudge:
            shown = Text(nudge, "italic yellow")
            shown.append("  " + _("(F6 mutes)"), "dim")
        # Drawn again only when it changed: the timer asks every second, mostly for nothing.
        if str(shown) != getattr(self, "_hints_shown", None):
            self._hints_shown = str(shown)
            self.query_one("#rec-hints", Static).update(shown, layout=False)

    def _show_questions(self) -> None:
        session = self.recorder.session
        lines = [f"? {q}" for q in session.questions] + [f"# {t}" for t in session.themes]
        # Text, not markup: what people typed may contain brackets.
        self.query_one("#qt-list", Static).update(Text("\n".join(lines) or _("None yet.")))

    def _log(self, text: Callable[[], str], style: str = "") -> None:
        # The moment the event is stamped with, not the session's length: a session entered
        # afterwards showed its roll call at its end ("1:30:00").
        started = self.recorder.session.started_at
        seconds = (self.recorder.now() - started).total_seconds() if started else 0.0
        self.query_one(EventLog).add(session_time(max(0.0, seconds)), text, style)

    def _log_turn(self, event: m.ParticipationEvent) -> None:
        def text() -> str:
            out = f"{self.label(event.actor_id)} {m.caption(event.kind)}"
            if event.responds_to_id:
                out += f" → {self.label(event.responds_to_id)}"
            if event.duration_seconds is not None:
                out += " ⏱"
            return out

        started = self.recorder.session.started_at
        seconds = (event.at - started).total_seconds() if started else 0.0
        self.query_one(EventLog).add(
            session_time(seconds),
            text,
            KIND_STYLES[event.kind],
            lambda: event in self.recorder.pending,  # ⏳ until it is stored
        )

    def _describe_undone(self, undone: Undone) -> Callable[[], str]:
        record = undone.record
        if isinstance(record, m.ParticipationEvent):
            return lambda: f"{self.label(record.actor_id)} {m.caption(record.kind)}"
        if isinstance(record, m.GroupMark):
            return lambda: _("Group: {kind}").format(kind=m.caption(record.kind))
        if isinstance(record, m.Task):
            return lambda: _("Task: {title}").format(title=record.title)
        if isinstance(record, m.Attendance):
            return lambda: _("roll call of {who}").format(who=self.label(record.member_id))
        return lambda: str(record)
