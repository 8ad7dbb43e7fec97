"""Keep the Thai catalog in step with the code.

    python scripts/translations.py update   # extract strings, merge into th .po (new ones empty)
    python scripts/translations.py compile  # .po -> .mo (run after translating)
    python scripts/translations.py check    # fail if a string lacks Thai or the .mo is stale

Babel does the work; this only fixes the paths and keywords so everyone runs it the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "groupwork" / "locale"
POT = LOCALE / "groupwork.pot"
PO = LOCALE / "th" / "LC_MESSAGES" / "groupwork.po"
KEYWORDS = ["_", "N_", "ngettext:1,2", "gettext_in:2", "pgettext:1c,2", "NC_:1c,2"]


def run(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    keyword_args = [arg for k in KEYWORDS for arg in ("-k", k)]
    run(
        # Sorted, without locations and unwrapped: merges of two branches' catalogs stay local.
        "extract",
        "--no-default-keywords",
        *keyword_args,
        "--sort-output",
        "--no-location",
        "--no-wrap",
        "--project",
        "groupwork",
        "-o",
        str(POT),
        str(ROOT / "groupwork"),
    )


def update() -> None:
    extract()
    if PO.exists():
        run(
            "update",
            "--no-fuzzy-matching",
            "--ignore-obsolete",
            "--no-wrap",
            "-i",
            str(POT),
            "-d",
            str(LOCALE),
            "-D",
            "groupwork",
            "-l",
            "th",
        )
    else:
        run("init", "--no-wrap", "-i", str(POT), "-d", str(LOCALE), "-D", "groupwork", "-l", "th")


def compile_catalog() -> None:
    run("compile", "-d", str(LOCALE), "-D", "groupwork", "--use-fuzzy")


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "compile":
        compile_catalog()
    elif command == "check":
        sys.path.insert(0, str(ROOT))
        from tests.test_translations import missing_translations  # noqa: PLC0415

        missing = missing_translations()
        for msgid in missing:
            print(f"untranslated: {msgid!r}")
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
