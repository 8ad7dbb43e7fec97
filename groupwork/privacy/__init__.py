"""Privacy: how people are named in what groupwork writes and shares.

``links`` (people linked in free text by the worker), ``shareable`` (the one path every shared
output renders text through).
"""
