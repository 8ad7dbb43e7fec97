"""The live recorder, with no user interface: one package for recording a session as it happens.

- ``recorder.py``: ``SessionRecorder``, roll call, turns, timing, group marks, notes, quick
  tasks and undo (the keypress path);
- ``close.py``: leaving and closing a live session (mixed into the recorder);
- ``records.py``: what the recorder hands back and keeps (undo entries, live figures, writes
  waiting for the lock).
- ``nudges.py``: the quiet nudges' rules, a pure function of the turns and the roll call;
- ``nudging.py``: one session's nudges (its thresholds, its line, each nudge shown recorded).

Import from the module that defines a name (``groupwork.recording.recorder.SessionRecorder``):
this file re-exports nothing, so each name has one home.
"""
