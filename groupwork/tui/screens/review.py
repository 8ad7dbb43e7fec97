"""Writing the Group Work Review from the dashboard: choose, then watch it being written.

The dialog asks for the format, the language, where to save and whether to print real
names; generating runs in a worker thread (charts can take seconds) that reports each step
back as a message, so the screen stays responsive and the progress bar moves.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, ProgressBar, Select
from textual.worker import Worker, WorkerState

from groupwork import models as m
from groupwork.errors import GroupworkError
from groupwork.i18n import N_, _, current_language
from groupwork.paths import reports_dir
from groupwork.tui.screens.base import GroupworkModal
from groupwork.tui.widgets.plain import Label, Static

FORMAT_CHOICES = (
    (N_("Web page (html)"), "html"),
    (N_("Word document (docx)"), "docx"),
    (N_("Plain text (md)"), "md"),
)
LANGUAGE_CHOICES = (("ไทย", "th"), ("English", "en"))


@dataclass(frozen=True)
class ReviewRequest:
    """What the person chose in the dialog."""

    fmt: str
    lang: str
    path: str
    """As typed: ``~`` allowed; a bare file name goes into ``reports_dir()``."""
    names: bool = False

    def out(self) -> Path:
        """The file to write."""
        path = Path(self.path.strip()).expanduser()
        return path if path.is_absolute() else reports_dir() / path


def default_path(group_name: str, fmt: str, lang: str) -> str:
    """The path the dialog offers: a file named after the group in ``reports_dir()``
    (pass the shareable name, ``report.shareable_group_name``: never a real name)."""
    from groupwork.report import default_filename

    return str(reports_dir() / default_filename(group_name, fmt, lang))


class ReviewScreen(GroupworkModal[None]):
    """Choose how to write the Group Work Review of ``group_id``, then write it."""

    BINDINGS = [
        Binding("ctrl+s", "write", N_("Write review"), priority=True),
        Binding("ctrl+k", "check_names", N_("Check names")),
        Binding("escape", "close", N_("Close")),
    ]

    class ProgressMade(Message):
        """The worker finished step ``step`` of ``total`` (``label`` says which)."""

        def __init__(self, step: int, total: int, label: str) -> None:
            super().__init__()
            self.step = step
            self.total = total
            self.label = label

    class ReviewWritten(Message):
        """The review was saved at ``path``; ``withheld`` members stayed pseudonymous;
        ``spots`` places are to re-read before sharing."""

        def __init__(self, path: Path, withheld: list[str], spots: int = 0) -> None:
            super().__init__()
            self.path = path
            self.withheld = withheld
            self.spots = spots

    class ReviewFailed(Message):
        """Writing stopped with a message for the person."""

        def __init__(self, title: str, message: str) -> None:
            super().__init__()
            self.title = title
            self.message = message

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.running = False
        self.progress: tuple[int, int, str] | None = None
        self.result_text = ""
        self.request: ReviewRequest | None = None

    def compose(self) -> ComposeResult:
        if self.request is None:
            from groupwork.report import shareable_group_name

            self.group_name = self.app.store.get(m.Group, self.group_id).name
            # The file name travels with the file: made from the scrubbed name.
            self.file_name = shareable_group_name(self.app.store, self.group_id)
            lang = current_language()
            self.request = ReviewRequest("html", lang, default_path(self.file_name, "html", lang))
        request = self.request
        with Vertical(id="dialog", classes="review-dialog"):
            yield Label(
                _("Group Work Review") + f" · {self.group_name}",
                classes="dialog-title",
                markup=False,
            )
            # The keys first: at 80x24 a long pre-flight list pushed them off the bottom.
            yield Label(_("Ctrl+S to write · Esc to close"), classes="dialog-hint")
            yield Static(self._preflight(), id="review-check")
            yield Label(_("Format"), classes="field-label")
            yield Select(
                [(_(label), value) for label, value in FORMAT_CHOICES],
                value=request.fmt,
                allow_blank=False,
                id="review-format",
                compact=True,
                disabled=self.running,
            )
            yield Label(_("Language of the report"), classes="field-label")
            yield Select(
                LANGUAGE_CHOICES,
                value=request.lang,
                allow_blank=False,
                id="review-language",
                compact=True,
                disabled=self.running,
            )
            yield Label(_("Save as"), classes="field-label")
            yield Input(request.path, id="review-path", disabled=self.running, compact=True)
            yield Checkbox(
                _("Print real names (only if every member consented)"),
                request.names,
                id="review-names",
                compact=True,
                disabled=self.running,
            )
            yield Static("", id="review-error", classes="field-error", markup=False)
            yield ProgressBar(id="review-progress", show_eta=False)
            yield Static("", id="review-step")
            yield Static(self.result_text, id="review-result", markup=False)
            yield Static(_("Ctrl+K: check names before sharing"), id="review-names-check")

    def _preflight(self) -> str:
        """What the guideline asks for that is not recorded yet (the pre-flight check)."""
        from groupwork.report.check import review_check

        missing = review_check(self.app.store, self.group_id)
        if not missing:
            return _("Nothing the guideline asks for is missing.")
        head = _("Still to be completed before submitting the review:")
        return "\n".join([head, *(f"• {item}" for item in missing)])

    def on_mount(self) -> None:
        self.reload()
        self.count_checks()

    class Counted(Message):
        """The pre-share check's counts: spots to re-read, names not decided yet, places
        that may name a member who withdrew consent."""

        def __init__(self, spots: int, flags: int, withdrawn: int = 0) -> None:
            super().__init__()
            self.spots = spots
            self.flags = flags
            self.withdrawn = withdrawn

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def count_checks(self) -> None:
        """Count what the pre-share check finds (a second on the first run: the Thai
        dictionary loads), without holding up the dialog."""
        from groupwork.report.share_check import pre_share_check

        names = self.request.names if self.request else False
        check = pre_share_check(self.app.store, self.group_id, names=names)
        self.post_message(self.Counted(len(check.spots), len(check.flags), len(check.withdrawn)))

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        self.query_one("#review-names-check", Static).update(
            _(
                "Before sharing: {spots} undecided names of members, {flags} possible names "
                "of non-members to decide (Ctrl+K)"
            ).format(spots=event.spots, flags=event.flags)
            + (
                "\n"
                + _("{count} places may name a member who withdrew consent (Ctrl+K).").format(
                    count=event.withdrawn
                )
                if event.withdrawn
                else ""
            )
        )

    def reload(self) -> None:
        """Show the progress and outcome kept on the screen (also after a redraw)."""
        self._show_progress()

    # --- the choices --------------------------------------------------------------------

    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        if self.request is None or event.value is Select.NULL:
            return
        field = {"review-format": "fmt", "review-language": "lang"}.get(event.select.id or "")
        if field is None:
            return
        old = self.request
        new = replace(old, **{field: str(event.value)})
        # A path the person has not edited follows the format and language.
        if old.path == default_path(self.file_name, old.fmt, old.lang):
            new = replace(new, path=default_path(self.file_name, new.fmt, new.lang))
            self.query_one("#review-path", Input).value = new.path
        self.request = new

    @on(Input.Changed, "#review-path")
    def _path_changed(self, event: Input.Changed) -> None:
        if self.request is not None:
            self.request = replace(self.request, path=event.value)

    @on(Checkbox.Changed, "#review-names")
    def _names_changed(self, event: Checkbox.Changed) -> None:
        if self.request is not None:
            self.request = replace(self.request, names=event.value)

    @on(Input.Submitted, "#review-path")
    def _path_submitted(self) -> None:
        self.action_write()

    # --- writing ------------------------------------------------------------------------

    def action_write(self, replace_existing: bool = False) -> None:
        """Check the choices, then write the review in a worker thread.

        An existing file is replaced only after the person says so: it may be the review
        already submitted, or another document that happens to have that name.
        """
        from groupwork.report import check_output_path

        if self.running or self.request is None:
            return
        error = self.query_one("#review-error", Static)
        request = self.request
        try:
            if not request.path.strip():
                raise GroupworkError(_("Give the file to save the review in."))
            check_output_path(request.out())
        except GroupworkError as exc:
            error.update(exc.message)
            error.add_class("shown")
            self.notify(exc.message, title=exc.title, severity="error")
            return
        error.remove_class("shown")
        if request.out().exists() and not replace_existing:
            self._ask_to_replace(request)
            return
        if request.fmt != "md":
            from groupwork.charts.fonts import missing_font_notice

            notice = missing_font_notice()
            if notice:
                self.notify(notice, severity="warning", timeout=10)
        self._set_running(True)
        self.progress = (0, 1, _("Reading the records…"))
        self.result_text = ""
        self._show_progress()
        self.write_review(request)

    def _ask_to_replace(self, request: ReviewRequest) -> None:
        from groupwork.tui.screens.ask import Answer, AskScreen

        def answered(choice: str | None) -> None:
            if choice == "replace" and self.request == request:
                self.action_write(replace_existing=True)
            else:  # keep it: back to the file name, to give another
                self.query_one("#review-path", Input).focus()

        self.app.push_screen(
            AskScreen(
                _("The file exists"),
                _("{path} already exists. Replace it with this review?").format(path=request.out()),
                # Keep first: it has the focus, so Enter never replaces a file by accident.
                [
                    Answer("k", _("Keep it, give another name"), "keep"),
                    Answer("r", _("Replace it"), "replace"),
                ],
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False)
    def write_review(self, request: ReviewRequest) -> None:
        """Generate the review (reads only; the store's connection may be used from here)."""
        from groupwork.report import generate_review, withheld_names

        store = self.app.store

        def progress(step: int, total: int, label: str) -> None:
            self.post_message(self.ProgressMade(step, total, label))

        spots: list = []
        try:
            path = generate_review(
                store,
                self.group_id,
                fmt=request.fmt,
                lang=request.lang,
                out=request.out(),
                names=request.names,
                progress=progress,
                spots=spots,
            )
            withheld = withheld_names(store, self.group_id) if request.names else []
        except GroupworkError as exc:
            self.post_message(self.ReviewFailed(exc.title, exc.message))
            return
        except OSError as exc:
            self.post_message(
                self.ReviewFailed(
                    _("The review was not written"),
                    _("Could not write {path}: {reason}").format(
                        path=request.out(), reason=exc.strerror or exc
                    ),
                )
            )
            return
        self.post_message(self.ReviewWritten(path, withheld, len(spots)))

    @on(ProgressMade)
    def _progress_made(self, event: ProgressMade) -> None:
        self.progress = (event.step, event.total, event.label)
        self._show_progress()

    @on(ReviewWritten)
    def _review_written(self, event: ReviewWritten) -> None:
        lines = [_("Review written to {path}").format(path=event.path)]
        if event.withheld:
            lines.append(
                _("Not named (no consent to be named in reports): {who}").format(
                    who=", ".join(event.withheld)
                )
            )
        if event.spots:
            lines.append(
                _(
                    "{count} names still undecided, left as written: decide them with Ctrl+K."
                ).format(count=event.spots)
            )
        self.result_text = "\n".join(lines)
        self.query_one("#review-result", Static).update(self.result_text)
        self._set_running(False)
        self.notify(lines[0])

    @on(ReviewFailed)
    def _review_failed(self, event: ReviewFailed) -> None:
        self._fail(event.title, event.message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # A bug, not a person's mistake: say so in one line, keep the dialog usable.
        if event.state == WorkerState.ERROR and self.running:
            self._fail(_("The review was not written"), str(event.worker.error))

    def _fail(self, title: str, message: str) -> None:
        self.progress = None
        self._show_progress()
        self._set_running(False)
        error = self.query_one("#review-error", Static)
        error.update(message)
        error.add_class("shown")
        self.notify(message, title=title, severity="error")

    def _show_progress(self) -> None:
        bar = self.query_one("#review-progress", ProgressBar)
        bar.display = self.progress is not None
        if self.progress:
            step, total, label = self.progress
            bar.update(total=total, progress=step)
        self.query_one("#review-step", Static).update(self.progress[2] if self.progress else "")

    def _set_running(self, running: bool) -> None:
        self.running = running
        for widget in self.query("Select, Input, Checkbox"):
            widget.disabled = running

    def action_check_names(self) -> None:
        """Open the pre-share check: undecided names to decide, non-members' names to decide."""
        from groupwork.tui.screens.name_check import NameCheckScreen

        if self.running:
            return
        names = self.request.names if self.request else False
        self.app.push_screen(
            NameCheckScreen(self.group_id, names=names), lambda _result: self.count_checks()
        )

    def action_close(self) -> None:
        # Leaving while writing would hide the outcome; the worker finishes in a moment.
        if self.running:
            self.notify(_("The review is still being written."), severity="warning")
            return
        self.dismiss(None)
