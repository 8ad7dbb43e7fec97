"""The guide files in ``sessions/``: where they are, how one is split, and the stages' names.

Reading a file and splitting its TOML front matter from its Thai and English bodies needs
neither pydantic nor the criteria; ``groupwork.stages`` builds and checks the guides from
these pieces. The home screen only shows each group's stage name: ``stage_name`` reads the
twelve names from the front matter, without building and checking every guide (the stages
module, its criteria and the record classes cost ~100 ms of start-up).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from groupwork.errors import GroupworkError
from groupwork.i18n import _, current_language

SOURCE_SESSIONS_DIR = Path(__file__).resolve().parent.parent / "sessions"
"""The guides in a source checkout (editable installs and tests)."""

TH_MARKER = "<!-- th -->"
EN_MARKER = "<!-- en -->"
"""Lines that open the Thai and the English part of a guide's or template's body."""

STAGES = 12
"""Stages 1 to 12, one guide each."""


class GuideFormatError(GroupworkError):
    """A guide or template file in sessions/ is malformed (names the file)."""


_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*\r?$\n?(.*)\Z", re.S | re.M)


def split_document(text: str, source: str) -> tuple[dict[str, Any], str, str]:
    """Split a guide file into its front matter and its Thai and English bodies.

    The file starts with TOML between ``+++`` lines; the body holds a ``<!-- th -->`` line,
    the Thai text, a ``<!-- en -->`` line and the English text.
    """
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        raise GuideFormatError(
            _("{file}: the file must start with TOML front matter between +++ lines").format(
                file=source
            )
        )
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as exc:
        raise GuideFormatError(
            _("{file}: the front matter is not valid TOML: {error}").format(file=source, error=exc)
        ) from exc
    lines = match.group(2).splitlines()
    stripped = [line.strip() for line in lines]
    if stripped.count(TH_MARKER) != 1 or stripped.count(EN_MARKER) != 1:
        raise GuideFormatError(
            _("{file}: the body needs one {th} line and one {en} line").format(
                file=source, th=TH_MARKER, en=EN_MARKER
            )
        )
    th_at, en_at = stripped.index(TH_MARKER), stripped.index(EN_MARKER)
    if en_at < th_at:
        raise GuideFormatError(
            _("{file}: the Thai part ({th}) must come before the English part ({en})").format(
                file=source, th=TH_MARKER, en=EN_MARKER
            )
        )
    body_th = "\n".join(lines[th_at + 1 : en_at]).strip()
    body_en = "\n".join(lines[en_at + 1 :]).strip()
    return meta, body_th, body_en


def sessions_dir() -> Traversable:
    """Where the guides are: inside the installed wheel, else the source tree's sessions/."""
    try:
        packaged = resources.files("groupwork") / "sessions"
        if packaged.is_dir():
            return packaged
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - odd installs
        pass
    if SOURCE_SESSIONS_DIR.is_dir():
        return SOURCE_SESSIONS_DIR
    raise GuideFormatError(_("The stage guides (sessions/) are missing from this installation."))


def markdown_files(root: Traversable, folder: str) -> list[Traversable]:
    """The ``.md`` files of ``root/folder`` by name."""
    base = root / folder
    if not base.is_dir():
        raise GuideFormatError(
            _("The folder {folder} is missing from the stage guides.").format(folder=folder)
        )
    return sorted((f for f in base.iterdir() if f.name.endswith(".md")), key=lambda f: f.name)


def read_file(file: Traversable, source: str) -> str:
    """The text of a guide or template file (``source`` names it in errors)."""
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideFormatError(
            _("{file} cannot be read: {error}").format(file=source, error=exc)
        ) from exc


@cache
def _names() -> tuple[tuple[str, str], ...] | None:
    """Each stage's (Thai, English) name from its guide's front matter; None when the files
    are not twelve guides named and numbered as ``groupwork.stages`` requires."""
    try:
        files = markdown_files(sessions_dir(), "stages")
        names = []
        for number, file in enumerate(files, start=1):
            meta, _th, _en = split_document(read_file(file, file.name), file.name)
            th, en = meta.get("name_th"), meta.get("name_en")
            if meta.get("number") != number or file.name != f"{number:02d}-{meta.get('key')}.md":
                return None
            if not (isinstance(th, str) and isinstance(en, str) and th.strip() and en.strip()):
                return None
            names.append((th.strip(), en.strip()))  # as the guide's Text fields strip them
    except GuideFormatError:
        return None
    return tuple(names) if len(names) == STAGES else None


def stage_name(number: int, lang: str | None = None) -> str | None:
    """Stage ``number``'s name in ``lang`` (default: the current language), as its guide's
    ``name()`` gives it; None when the light reading cannot vouch for the files (then
    ``groupwork.stages`` reads them, and says what is wrong)."""
    names = _names()
    if names is None or not 1 <= number <= STAGES:
        return None
    th, en = names[number - 1]
    return th if (lang or current_language()) == "th" else en


def clear_cache() -> None:
    """Forget the names read (``groupwork.stages.clear_cache`` calls this too)."""
    _names.cache_clear()
