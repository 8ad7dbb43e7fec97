"""CLI subcommands, one module per area; each exposes ``COMMANDS`` for ``groupwork.cli``."""
