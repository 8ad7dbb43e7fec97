"""use_language holds for its own thread: a report written in Thai by a worker thread does
not switch the interface the main thread draws."""

from __future__ import annotations

import threading

from groupwork import i18n
from groupwork.i18n import _, use_language


def test_use_language_in_another_thread_leaves_this_one_alone():
    inside = threading.Event()
    leave = threading.Event()
    seen = {}

    def worker() -> None:
        with use_language("th"):
            seen["worker"] = (i18n.current_language(), _("Save as"))
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    assert i18n.current_language() == "en"
    assert _("Save as") == "Save as"
    leave.set()
    thread.join()
    assert seen["worker"] == ("th", "บันทึกเป็น")


def test_use_language_nests_and_restores():
    with use_language("th"):
        assert i18n.current_language() == "th"
        with use_language("en"):
            assert i18n.current_language() == "en"
        assert i18n.current_language() == "th"
    assert i18n.current_language() == "en"
