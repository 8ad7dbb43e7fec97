"""Open the live recorder on a small practice group, until the app shell lands.

    PYTHONPATH=. python scripts/try_recorder.py [/tmp/try.db] [--lang th|en]

Creates the practice group (ten caregivers, session 3 planned) in a new database; on an
existing one it opens the group's session again (resuming it if it was left open).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from groupwork import i18n  # noqa: E402
from groupwork import models as m  # noqa: E402
from groupwork.store import Store  # noqa: E402
from tests.tui.recorder_app import GROUP_ID, RecorderTestApp, build_group  # noqa: E402


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--lang")]
    if "--lang" in sys.argv:
        i18n.set_language(sys.argv[sys.argv.index("--lang") + 1])
        args = [a for a in args if a not in i18n.LANGUAGES]
    db_path = Path(args[0]) if args else Path("/tmp/groupwork-try-recorder.db")
    with Store.open(db_path) as store:
        if not store.find(m.Group, "id = ?", [GROUP_ID]):
            build_group(store)
    RecorderTestApp(db_path, session_id=None).run()


if __name__ == "__main__":
    main()
