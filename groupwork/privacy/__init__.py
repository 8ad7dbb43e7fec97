"""Keeping people's names out of what is shared: the one package behind pseudonymisation,
the pre-share check, consent-gated exports and erasure.

- ``names``: how names are written (variants, titles, normalising) and the matcher
  (``NameScrubber``) that finds them in free text;
- ``positions``: the matcher's three answers (certain name, certain word, undecided) and the
  rules of where a name that is also an ordinary word stands;
- ``thai_words``: Thai text split into words, the one segmentation everything uses;
- ``other_names``: words that may name someone who is not a member;
- ``naming``: how a review names members (``Naming``, ``review_naming``, ``shareable``).

Nothing is imported here, so importing one module does not load the others (the Thai
dictionary is not on the start-up path).
"""
