"""Textual's ``Static`` and ``Label`` showing their text as it is: markup only when asked.

Textual reads a ``str`` given to a ``Static`` or ``Label`` as markup. Most of what this app's
screens show is what people typed (a group's name, a title, a reason, the input an error is
about), and "[/]" in it stopped a screen with a traceback while "[b]" or "[urgent]" changed
or dropped words. Every screen imports ``Static`` and ``Label`` from here, so a new one is
safe without thinking of it (``tests/test_architecture.py`` keeps it so). A line that styles
some of its words is built from ``textual.content.Content`` pieces (the dashboard's open
tasks, a stage's criteria), never by putting typed text inside markup.
"""

from __future__ import annotations

from textual import widgets


class Static(widgets.Static):
    """Textual's ``Static``; a ``str`` shown as it is unless ``markup=True``."""

    def __init__(self, content="", *, markup: bool = False, **kwargs) -> None:
        super().__init__(content, markup=markup, **kwargs)


class Label(widgets.Label):
    """Textual's ``Label``; a ``str`` shown as it is unless ``markup=True``."""

    def __init__(self, content="", *, markup: bool = False, **kwargs) -> None:
        super().__init__(content, markup=markup, **kwargs)
