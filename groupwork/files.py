"""Writing a file whole or not at all, readable by its owner only, never over something else.

A report, chart, export or digest is written to a temporary file beside its target and renamed
over it only once every byte is on disk. A full disk (or any other failure halfway) then leaves
the earlier file exactly as it was, never a truncated one, and no temporary file behind.

Every file groupwork writes holds something about people (a review without names still tells
their stories), so every file is created owner-only (0600), whatever the umask: ``mkstemp``
creates the temporary file 0600 and the rename keeps that mode. A target that exists and is
not a regular file (a device node, a FIFO, a folder) is never replaced, and commands refuse to
replace an existing file unless the person says ``--force`` (``check_output``).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from groupwork.errors import GroupworkError
from groupwork.i18n import _

PRIVATE_MODE = 0o600
"""The mode of every file groupwork writes."""


class OutputRefused(GroupworkError):
    """The file to write cannot be written there: it exists, or is not a regular file."""


def _not_regular(path: Path) -> bool:
    """True when ``path`` exists and is not a regular file (a link to one counts as one)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError:
        return True  # a dangling or looping link, or a place we cannot look into
    return not stat.S_ISREG(mode)


def refuse_missing_folder(folder: Path) -> None:
    """``OutputRefused`` when ``folder`` does not exist or groupwork may not write in it."""
    if not folder.is_dir():
        raise OutputRefused(_("The folder {folder} does not exist.").format(folder=folder))
    if not os.access(folder, os.W_OK):
        raise OutputRefused(
            _("groupwork may not write in the folder {folder}").format(folder=folder)
        )


def check_output(path: Path | str, *, force: bool = False) -> Path:
    """Raise ``OutputRefused`` unless ``path`` can become the new file a command writes.

    Checked before any work starts: the folder must exist, ``path`` must not be a folder, a
    device, a FIFO or a socket, and an existing file is replaced only with ``force``. One
    message for every command, so a person learns the rule once.
    """
    path = Path(path)
    refuse_missing_folder(path.parent if str(path.parent) else Path("."))
    if path.is_dir():
        raise OutputRefused(_("{path} is a folder; give a file name.").format(path=path))
    if _not_regular(path):
        raise OutputRefused(
            _("{path} exists and is not a regular file; give another file name.").format(path=path)
        )
    if path.exists() and not force:
        raise OutputRefused(
            _("{path} already exists; use --force to replace it.").format(path=path)
        )
    return path


def write_atomically(path: Path | str, data: bytes | str, *, private: bool = True) -> Path:
    """Write ``data`` (text is UTF-8) to ``path``, owner-only, replacing it only when all is written.

    Raises ``OutputRefused`` when ``path`` exists and is not a regular file (replacing a FIFO
    or a device node would be a surprise at best), ``OSError`` on failure, with ``path``
    intact. ``private`` is kept for callers that pass it: every file is owner-only.
    """
    del private  # every file groupwork writes holds people's data
    path = Path(path)
    if _not_regular(path):
        raise OutputRefused(
            _("{path} exists and is not a regular file; give another file name.").format(path=path)
        )
    content = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    refuse_missing_folder(folder)
    try:
        # mkstemp creates the file 0600 whatever the umask; the rename keeps that mode.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=folder)
    except OSError as exc:
        # The person knows the file they asked for, not our temporary name.
        exc.filename = str(path)
        raise
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fchmod(fh.fileno(), PRIVATE_MODE)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename in (None, tmp):
            # The person knows the file they asked for, not our temporary name.
            exc.filename = str(path)
        raise
    return path
