"""CLI subcommands, one module per area; each exposes ``COMMANDS``, listed by name in
``groupwork.cli.COMMAND_AREAS`` (imported only when one of its commands is used)."""
