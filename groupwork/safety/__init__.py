"""Data safety: backups, erasure, audit log, exclusive access for whole-file operations.

Core code: never imports textual. See docs/privacy.md for what is stored and how it is
protected.
"""
