"""Moving one group between databases: a versioned JSON export that round-trips without loss.

The format is documented in docs/export-format.md. In short: one JSON object with
``"format": "groupwork-export"``, ``"version": 1``, the ``group`` and, for every other stored
table (``groupwork.store.converters.TABLES``), a list of that group's records under the
table's name. Records are the models' own JSON form (task assignees inside each task).

Import is all-or-nothing: the whole document is checked first (JSON, format, version, every
field, duplicate ids, references that point outside the file, ids already in the database,
and the domain's rules through ``groupwork.operations.imports``), then written in one
transaction. Any problem raises ``InvalidInputError`` and changes nothing.

The file holds real names and notes: ``write_export`` creates it readable by its owner only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from groupwork import import_stream
from groupwork import models as m
from groupwork.errors import InvalidInputError, NotYoursError
from groupwork.export_format import (  # noqa: F401  (re-exported: the format's names live here too)
    FORMAT,
    INSERT_ORDER,
    LOCAL_TABLES,
    MAX_IMPORT_BYTES,
    REFERENCES,
    SUPPORTED_VERSIONS,
    VERSION,
    DocumentBase,
    ExportDocument,
    check_format,
    limit_problems,
    load_json,
    located_errors,
    record_tables,
    too_big,
)
from groupwork.files import write_atomically
from groupwork.i18n import _
from groupwork.import_stream import ImportCheck
from groupwork.operations import imports
from groupwork.store import Repository

# --- export -------------------------------------------------------------------------------


def export_group(store: Repository, group_id: str) -> DocumentBase:
    """Every record of one group, as an ``ExportDocument``."""
    if getattr(store, "views_only", False):  # a coordinator login (store/postgres/agency.py)
        # Through the views the file would hold pseudonyms as real names and no consents.
        raise NotYoursError(
            _(
                "A coordinator reads pseudonyms and figures and exports no group: an export "
                "is a whole group's records, for its facilitator. Nothing was written."
            )
        )
    group = store.get(m.Group, group_id)
    lists = {name: store.records_of_group(cls, group_id) for name, cls in record_tables().items()}
    return ExportDocument(group=group, **lists)


def write_export(
    store: Repository,
    group_id: str,
    path: Path | str,
    *,
    agency: str | None = None,
    pseudonymise: bool = False,
    undecided: list | None = None,
) -> Path:
    """Write the group's export to ``path`` (owner-only permissions, replaced atomically).

    ``undecided``, if given, receives the occurrences of a pseudonymised member's name left as
    written because they may be the ordinary word (``privacy.naming.SpotAt``, ``where`` as
    "table › field").

    ``agency``/``pseudonymise`` gate real names by consent (``groupwork.privacy.export_gate.gate_export``):
    an export for an agency refuses members whose consent does not reach it, unless
    pseudonymised.
    """
    from groupwork.privacy.export_gate import gate_export

    path = Path(path)
    document = gate_export(store, export_group(store, group_id), agency, pseudonymise, undecided)
    text = document.model_dump_json(indent=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-only, and whole or not at all (a full disk keeps the earlier export).
    written = write_atomically(path, text, private=True)
    from groupwork.safety.shared_files import note_written

    # Erasing a member later lists this copy: it is beyond the database's reach.
    note_written(store, [group_id], written, "export", real_names=not pseudonymise)
    return written


# --- reading --------------------------------------------------------------------------------


def read_export(path: Path | str) -> DocumentBase:
    """Read and validate an export file; ``InvalidInputError`` says what is wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise InvalidInputError([too_big(size)])
        with path.open("rb") as fh:
            data = fh.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise InvalidInputError([_("The file {path} does not exist.").format(path=path)]) from None
    except IsADirectoryError:
        raise InvalidInputError([_("{path} is a folder, not a file.").format(path=path)]) from None
    return parse_export(data)


def parse_export(data: bytes | str) -> DocumentBase:
    """Validate an export document given as JSON text."""
    return validate_document(load_json(data))


def validate_document(raw: Any) -> DocumentBase:
    """Check format and version first (clear messages), then every field."""
    if not isinstance(raw, dict):
        raise InvalidInputError([_("The file is not a groupwork export (no JSON object).")])
    check_format(raw)
    try:
        return ExportDocument.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInputError(limit_problems(located_errors(exc))) from None
    except RecursionError:
        raise InvalidInputError([_("The file is nested too deeply to be an export.")]) from None


# --- import ---------------------------------------------------------------------------------


def _lists(doc: DocumentBase) -> Iterator[tuple[str, type[m.Record], list[m.Record]]]:
    for name, cls in record_tables().items():
        yield name, cls, getattr(doc, name)


def check_document(store: Repository, doc: DocumentBase) -> list[str]:
    """Everything that keeps ``doc`` from being imported into ``store`` (empty when fine)."""
    if store.has_group(doc.group.id):
        # Everything else in the file would collide too; one line says it all.
        return [
            _("This database already has the group {name} ({id}).").format(
                name=doc.group.name, id=doc.group.id[:8]
            )
        ]
    # The same checks a streamed file passes (and the domain's rules every other door applies).
    check = ImportCheck(store, doc.group)
    for name, _cls, records in _lists(doc):
        for record in records:
            check.add(name, record)
    return check.finish()


def import_document(store: Repository, doc: DocumentBase) -> m.Group:
    """Write an export document into ``store``, all or nothing; returns the imported group."""
    problems = check_document(store, doc)
    if problems:
        raise InvalidInputError([*problems, _("Nothing was imported.")])
    ordered = sorted(_lists(doc), key=lambda item: INSERT_ORDER.get(item[1], 4))
    return imports.write_group(store, doc.group, (r for *_t, records in ordered for r in records))


def import_file(store: Repository, path: Path | str) -> m.Group:
    """Read, check and import an export file (``InvalidInputError`` leaves ``store`` as it
    was). The file is streamed: see ``groupwork.import_stream``."""
    return import_stream.import_file(store, path)


__all__ = [
    "ExportDocument",
    "FORMAT",
    "MAX_IMPORT_BYTES",
    "VERSION",
    "check_document",
    "export_group",
    "import_document",
    "import_file",
    "parse_export",
    "read_export",
    "write_export",
]
