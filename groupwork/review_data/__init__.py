"""The review's data and naming: what the Group Work Review and its charts are drawn from.

Below both ``groupwork.report`` and ``groupwork.charts`` (each imports it, it imports
neither): ``data`` gathers a group's records from the store, ``naming`` decides how each
person is named in them.
"""
