"""Domain operations: the rules of a group's course, in one place for every door.

Each module holds the operations on one kind of record (sessions, ground rules, tasks, roles,
reviews ...). An operation validates, writes in one transaction through the store, and returns
the models it changed; the TUI, the CLI, import and the demo all call these rather than saving
records themselves, so a rule (a revised ground rule keeps its earlier wording, a task marked
done gets its done date) holds whichever door the person came through.

Modules import what they need directly (``from groupwork.operations.sessions import ...``);
this package re-exports nothing, so two new modules never collide here.
"""
