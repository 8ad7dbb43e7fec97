"""groupwork: record and review social group work through the twelve stages of the Thai
national practice guideline, in Thai and English.

The core (models, store, stages, analytics, charts, report) never imports Textual; the TUI
(`groupwork.tui`) and the CLI (`groupwork.cli`) are thin doors into it.
"""

__version__ = "0.1.0"
