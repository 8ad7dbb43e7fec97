"""A scripted recorder for the crash and concurrency tests (run as a child process).

    python tests/crash_writer.py DB GROUP_ID SESSION_ID MEMBER_ID [COUNT]

Records turns, attendance marks and note keystrokes in a loop and prints one line per
write *after* the store call returned (flushed), which is the moment a screen would
acknowledge it: "turn <id>", "mark <id>", "note <length>". Stops after COUNT writes (default:
never; the crash test kills it).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from groupwork import models as m  # noqa: E402
from groupwork.store import Store  # noqa: E402


def main() -> None:
    db, group_id, session_id, member_id = sys.argv[1:5]
    count = int(sys.argv[5]) if len(sys.argv) > 5 else None
    store = Store.open(db)
    session = store.get(m.Session, session_id)
    print("ready", flush=True)
    statuses = list(m.AttendanceStatus)
    i = 0
    while count is None or i < count:
        step = i % 3
        if step == 0:
            event = store.record_turn(
                m.ParticipationEvent(session_id=session_id, actor_id=member_id)
            )
            print(f"turn {event.id}", flush=True)
        elif step == 1:
            mark = store.record_attendance(session_id, member_id, statuses[i % len(statuses)])
            print(f"mark {mark.id} {mark.status.value}", flush=True)
        else:
            # One keystroke of notes: the whole field is saved, as the notes editor does.
            session = session.model_copy(update={"notes": session.notes + "x"})
            store.save(session)
            print(f"note {len(session.notes)}", flush=True)
        i += 1
    store.close()


if __name__ == "__main__":
    main()
