"""The Group Work Review: compiled from a group's records, pseudonymised, in Markdown, HTML
or docx. Importing this package does not import matplotlib (charts are drawn on demand)."""

from groupwork.report.generate import (
    FORMATS,
    check_output_path,
    default_filename,
    generate_review,
    shareable_filename,
    shareable_group_name,
    withheld_names,
)

__all__ = [
    "FORMATS",
    "check_output_path",
    "default_filename",
    "shareable_filename",
    "shareable_group_name",
    "generate_review",
    "withheld_names",
]
