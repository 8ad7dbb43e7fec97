"""The facilitator's app: opens the store, routes screens, switches language.

Kept thin on purpose: screens compose widgets and talk to the core; the app only opens the
database, decides the first screen, and owns what is global (language, help, palette).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from groupwork import i18n
from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _
from groupwork.tui import lean_strips, typed_text
from groupwork.tui.lasting import LastingObjects
from groupwork.tui.screen_layout import without_late_layout
from groupwork.tui.screens.base import own_bindings

LEFT_COLLECTION = 0.15
"""Seconds after a screen closes before what it left is collected (its last frame drawn)."""
TOUCHES = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)
"""What counts as the person at work (a whole collection waits until they pause)."""


class GroupworkApp(App[None]):
    """groupwork's terminal interface on the database at ``db_path``."""

    # Absolute, so subclasses defined elsewhere (tests, tools) find it too.
    CSS_PATH = Path(__file__).parent / "groupwork.tcss"
    TITLE = "groupwork"
    BINDINGS = [
        # Priority: modal dialogs (forms) hide app bindings, but these must work everywhere.
        Binding("f1", "help", N_("Help"), priority=True),
        Binding("question_mark", "help", N_("Help"), show=False),
        # F9, not F2: the recorder uses F2-F4 for its modes, one finger away from the names.
        Binding("f9", "switch_language", N_("Thai/English"), priority=True),
        Binding("ctrl+q", "quit", N_("Quit"), priority=True, show=False),
        # Textual's own palette key says "palette" in English on every screen; this one is
        # translated (the footer shows it at the right).
        Binding("ctrl+p", "command_palette", N_("Commands"), priority=True, show=False),
    ]

    def __init__(
        self, db_path: Path | str, passphrase: str | None = None, *, gc_paused: bool = False
    ) -> None:
        """``gc_paused``: the caller paused the garbage collector for start-up (``cli.run_tui``);
        it is resumed once the first screen is drawn."""
        # Before anything is drawn: a drawn line's seven caches made only when used
        # (groupwork.tui.lean_strips says why).
        lean_strips.install()
        # Table cells are what people typed, never markup (groupwork.tui.typed_text).
        typed_text.install()
        super().__init__()
        self._gc_paused = gc_paused
        self.lasting = LastingObjects()
        self._whole_pass_waiting = False
        from groupwork.paths import is_server_database

        keep = str(db_path) == ":memory:" or is_server_database(db_path)
        self.db_path = db_path if keep else Path(db_path)
        self.passphrase = passphrase
        self.store = None
        self._updated = False

    def on_mount(self) -> None:
        self.sub_title = _("Group work records")
        self.open_store(self.passphrase)
        if self._gc_paused:
            self.call_after_refresh(self._resume_gc)

    def _resume_gc(self) -> None:
        # What start-up made lives as long as the app: frozen, the collector's full passes
        # leave it out from now on (as home does for an agency's rows).
        self._gc_paused = False
        gc.freeze()
        self.lasting.frozen_after_pass = gc.get_freeze_count()
        gc.enable()

    def pop_screen(self):
        """Textual's, then a collection of what the screen left (``LEFT_COLLECTION``)."""
        popped = super().pop_screen()
        if not self._gc_paused:
            self.set_timer(LEFT_COLLECTION, self._collect_left)
        return popped

    def _collect_left(self) -> None:
        # A closed screen's widgets refer to one another (parent, children, the app's
        # message queues): only the collector frees them, and its next full pass fell inside
        # the next screen's opening (14 ms of the coordinator's 110 on a one-group file).
        # Run now, with the screen gone and the person reading the one under it; frozen
        # objects are not walked, so it costs about what the popped screen made.
        gc.collect()

    def _get_screen(self, screen: Screen | str):  # type: ignore[override]
        # Textual's, without the layout its awaitable asked for after the screen's first
        # frame (groupwork.tui.screen_layout says why).
        found, await_mount = super()._get_screen(screen)
        return found, without_late_layout(await_mount)

    async def on_event(self, event: events.Event) -> None:
        """As Textual's, noting when the person last pressed a key or clicked (a due
        collection of what died frozen waits until they pause: ``groupwork.tui.lasting``)."""
        if isinstance(event, TOUCHES):
            self.lasting.touched()
        await super().on_event(event)

    def freeze_lasting(self) -> None:
        """Freeze what lives now (a screen's large list), and, when enough has died frozen
        since the last whole collection, run one once the person pauses."""
        if self.lasting.freeze() and not self._whole_pass_waiting:
            self._whole_pass_waiting = True
            self._whole_pass_when_idle()

    def _whole_pass_when_idle(self) -> None:
        if self.lasting.whole_pass_if_idle():
            self._whole_pass_waiting = False
        else:
            self.set_timer(max(self.lasting.idle_in(), 0.1), self._whole_pass_when_idle)

    def open_store(self, passphrase: str | None) -> None:
        """Open the database; ask for the passphrase when it is encrypted."""
        import groupwork.safety  # noqa: F401  (a damaged file's message names its backup)
        from groupwork.store.migrations import upgrade_pending

        if not self._updated and passphrase is None and upgrade_pending(self.db_path):
            self._update_then_open()  # seconds on a large file: not on the UI thread
            return
        from groupwork.store import open_store
        from groupwork.store.database import PassphraseRequired, WrongPassphrase

        try:
            self.store = open_store(self.db_path, passphrase=passphrase)
        except (PassphraseRequired, WrongPassphrase) as exc:
            from groupwork.tui.screens.passphrase import PassphraseScreen

            wrong = exc.message if isinstance(exc, WrongPassphrase) else ""
            self.push_screen(PassphraseScreen(wrong), self.open_store)
            return
        except GroupworkError as exc:
            from groupwork.tui.screens.message import MessageScreen

            self.push_screen(MessageScreen(exc.title, exc.message), lambda _r: self.exit())
            return
        from groupwork.store.journal import journal_news
        from groupwork.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        news = journal_news(self.store)
        if news:
            self.notify(news, severity="warning", timeout=15)
        # After the first paint, off the UI thread: the Thai dictionary a long Thai title's
        # clipping needs (PyThaiNLP's import, ~50 ms) must not land on a key press, nor the
        # record classes and stage guides home did without (~100 ms, see models_lazy).
        self.set_timer(0.5, self.warm_records)
        self.set_timer(0.5, self.warm_thai_words)

    def warm_records(self) -> None:
        """Import the record classes and read the stage guides in a worker thread, once.

        A guide file that is not valid fails here quietly: opening a stage says what is wrong.
        """

        def load() -> None:
            from groupwork.stages import load_guides

            load_guides()

        self.run_worker(load, thread=True, exit_on_error=False, group="warm")

    def warm_thai_words(self) -> None:
        """Load the Thai word segmentation in a worker thread, once."""
        from groupwork.privacy.thai_words import words

        self.run_worker(lambda: words("ไทย"), thread=True, exit_on_error=False, group="warm")

    def _update_then_open(self) -> None:
        from groupwork.tui.screens.upgrading import UpgradingScreen

        screen = UpgradingScreen()
        self.push_screen(screen)

        def update() -> None:
            from groupwork.store import open_store
            from groupwork.store.upgrade_progress import upgrade_listener

            def show(step: int, steps: int) -> None:
                self.call_from_thread(screen.show_step, step, steps)

            try:
                with upgrade_listener(show):
                    open_store(self.db_path).close()
            finally:
                # Opened again here (quick now), or its error shown as for any opening.
                self._updated = True
                self.call_from_thread(self._updated_then_open, screen)

        self.run_worker(update, thread=True, exit_on_error=False, group="update")

    def _updated_then_open(self, screen) -> None:
        screen.dismiss(None)
        self.open_store(self.passphrase)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """As Textual's, the message and title never read as markup: a notice often carries
        what someone typed (a title, a name, the input an error is about), and "[/]" in it
        stopped the app with a traceback. Widgets' ``notify`` pass ``markup=True`` whatever
        their caller asked, so it is ignored here: no notice of this app uses markup."""
        kwargs = {} if timeout is None else {"timeout": timeout}
        super().notify(message, title=title, severity=severity, markup=False, **kwargs)

    # --- global actions ---------------------------------------------------------------

    def action_switch_language(self) -> None:
        """Thai <-> English, at once, on every screen in the stack."""
        i18n.set_language("en" if i18n.current_language() == "th" else "th")
        self.sub_title = _("Group work records")
        for screen in self.screen_stack:
            if hasattr(screen, "language_changed"):
                screen.language_changed()
        self.notify(
            _("Language: English") if i18n.current_language() == "en" else _("Language: Thai")
        )

    def action_help(self) -> None:
        from groupwork.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        """Textual's palette, with its search hint in the person's language."""
        from textual.command import CommandPalette

        from groupwork.tui.widgets.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            palette = Palette(placeholder=_("Search for commands…"), id="--command-palette")
            self.push_screen(palette)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action reachable from this screen (its keys and the global ones), translated."""
        seen: set[str] = set()
        for active in own_bindings(screen).values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            hint = _("Key: {key}").format(key=self.get_key_display(binding))

            async def run(action: str = binding.action, node=active.node) -> None:
                await self.run_action(action, node)

            yield SystemCommand(_command_title(binding.action, binding.description), hint, run)
        yield SystemCommand(_("Theme"), _("Change the colours"), self.action_change_theme)


def _command_title(action: str, description: str) -> str:
    """A palette entry's title: a stage's key names the stage ("Stage 4: Ground rules")."""
    if action.startswith("open_stage(") and action.endswith(")"):
        from groupwork.tui.formatting import stage_name

        number = int(action.removeprefix("open_stage(").removesuffix(")"))
        return _("Stage {number}: {name}").format(number=number, name=stage_name(number))
    return description
