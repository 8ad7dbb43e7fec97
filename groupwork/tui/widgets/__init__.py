"""Widgets reused by the screens, one per module."""
