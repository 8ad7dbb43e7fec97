"""The TUI updates an older database in a worker, showing the steps, then opens home."""

from __future__ import annotations

from groupwork import models as m
from groupwork.store import Store
from groupwork.store.migrations import upgrade_pending


def _as_if_older(db_path) -> None:
    """A file as an older groupwork left it: two shipped migrations (that can run again) not had."""
    with Store.open(db_path) as store:
        store.add(m.Group(name="กลุ่มดาว"))
        for name in ["m004_safefiles_clean_text", "m120_coord_indexes"]:
            store.db["_sqlite_migrations"].delete_where("name = ?", [name])


async def test_the_app_updates_in_a_worker_showing_the_steps_then_opens_home(db_path, monkeypatch):
    from groupwork.tui.app import GroupworkApp
    from groupwork.tui.screens.home import HomeScreen
    from groupwork.tui.screens.upgrading import UpgradingScreen

    _as_if_older(db_path)
    shown: list[tuple[int, int]] = []
    show_step = UpgradingScreen.show_step

    def noting(self, step, steps):
        shown.append((step, steps))
        show_step(self, step, steps)

    monkeypatch.setattr(UpgradingScreen, "show_step", noting)
    app = GroupworkApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert shown == [(1, 2), (2, 2)]
        assert app.store is not None and not upgrade_pending(db_path)
