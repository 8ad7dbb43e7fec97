"""A fictional demo group that has gone through all twelve stages.

What the demo says lives in data files (``groupwork/demo/content/*.toml``, read by
``groupwork.demo.content``); ``groupwork.demo.builder`` turns them into records through the
store, and ``groupwork.demo.activity`` adds what is left to chance (attendance, turns,
ratings, and the nudges the recorder's rules would have shown) without contradicting them. Everyone in it is invented.
"""

from groupwork.demo.builder import DEMO_GROUP_NAME, build_demo, find_demo

__all__ = ["DEMO_GROUP_NAME", "build_demo", "find_demo"]
