"""Writing a file whole or not at all.

A report, chart or export is written to a temporary file beside its target and renamed over
it only once every byte is on disk. A full disk (or any other failure halfway) then leaves
the earlier file exactly as it was, never a truncated one, and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _default_mode() -> int:
    """The mode a plain open() would give a new file: 0o666 less the umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    # Reading the umask with os.umask() sets it for a moment, for every thread: a backup
    # created by another thread in that moment would not be owner-only. Linux tells it
    # without changing it; elsewhere the round trip is the only way.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o077)  # the safe value while it is read
    os.umask(umask)
    return umask


def write_atomically(path: Path | str, data: bytes | str, *, private: bool = False) -> Path:
    """Write ``data`` (text is UTF-8) to ``path``, replacing it only when all is written.

    ``private`` files are readable by their owner only (exports hold real names); others get
    the usual permissions of a new file. Raises ``OSError`` on failure, with ``path`` intact.
    """
    path = Path(path)
    content = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    # mkstemp creates the file 0600, so private content is never readable by others.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        if not private:
            os.chmod(tmp, _default_mode())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename in (None, tmp):
            # The person knows the file they asked for, not our temporary name.
            exc.filename = str(path)
        raise
    return path
