"""The Thai dictionary loads in a worker after the first paint, never on the UI thread."""

from __future__ import annotations

import threading

from groupwork.privacy import thai_words
from groupwork.tui.app import GroupworkApp


async def test_the_thai_dictionary_loads_off_the_ui_thread_after_the_first_paint(
    db_path, monkeypatch
):
    loaded_in: list[threading.Thread] = []
    load = thai_words._load_prebuilt

    def noting_the_thread():
        loaded_in.append(threading.current_thread())
        return load()

    monkeypatch.setattr(thai_words, "_load_prebuilt", noting_the_thread)
    thai_words._default_trie_once.cache_clear()
    thai_words.dictionary.cache_clear()  # earlier tests in this process filled both
    app = GroupworkApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.warm_thai_words()  # what the timer does half a second after the first screen
        await app.workers.wait_for_complete()
        assert len(loaded_in) == 1 and loaded_in[0] is not threading.main_thread()
        assert thai_words.is_word("พรุ่งนี้")
        assert len(loaded_in) == 1  # loaded once
