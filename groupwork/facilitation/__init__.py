"""Facilitation aids around a session, from the records only (no user interface):

- ``sheet.py``: the plan sheet for the next session (stage and purpose, last agreements, tasks,
  members to check in with, rules, goals, the handover target and a time plan);
- ``feedback.py``: the feedback after a session (the facilitator's share against the target
  and the last session, members' shares, who answered whom, questions, silences, nudges);
- ``evidence.py``: dated strengths and weaknesses of the worker's own practice, for the
  reflection at closure;
- ``documents.py``: each as a document (Markdown at 80 columns, one-page A4 HTML).

The real names are the facilitator's: these are working papers, not reports that leave the
building.
"""
