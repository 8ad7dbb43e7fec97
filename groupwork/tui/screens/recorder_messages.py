"""The recorder screen's messages, each posted after the recorder committed (past tense)."""

from __future__ import annotations

from textual.message import Message

from groupwork import models as m
from groupwork.recording.records import Undone, UndoneKind


class TurnLogged(Message):
    """A turn was logged (and a timed turn it ended, if any, stopped)."""

    def __init__(self, event: m.ParticipationEvent, stopped: m.ParticipationEvent | None):
        super().__init__()
        self.event = event
        self.stopped = stopped
        """A timed turn that this turn ended, if any."""


class TimingStopped(Message):
    """A timed turn got its duration."""

    def __init__(self, event: m.ParticipationEvent) -> None:
        super().__init__()
        self.event = event


class AttendanceMarked(Message):
    """A roll-call mark was recorded."""

    def __init__(self, mark: m.Attendance) -> None:
        super().__init__()
        self.mark = mark


class GroupMarked(Message):
    """The group's state was marked."""

    def __init__(self, mark: m.GroupMark) -> None:
        super().__init__()
        self.mark = mark


class TaskAgreed(Message):
    """A task agreed in the room was saved."""

    def __init__(self, task: m.Task) -> None:
        super().__init__()
        self.task = task


class ListItemAdded(Message):
    """A question or theme was added."""

    def __init__(self, kind: UndoneKind, text: str) -> None:
        super().__init__()
        self.kind = kind
        self.text = text


class EventUndone(Message):
    """The last event was taken back."""

    def __init__(self, undone: Undone) -> None:
        super().__init__()
        self.undone = undone


class SessionClosed(Message):
    """The session was closed (and its ratings stored)."""

    def __init__(self, session: m.Session) -> None:
        super().__init__()
        self.session = session


class WritesStored(Message):
    """The recorder's writer thread stored everything that waited, or a write failed (posted
    from that thread: the screen redraws what it marked as saving, or tells the person)."""
