"""Keeping people's names out of what is shared: the one package behind pseudonymisation,
the pre-share check, consent-gated exports and erasure.

- ``names``: how names are written (variants, titles, normalising) and the matcher
  (``NameScrubber``) that finds them in free text;
- ``positions``: the matcher's three answers (name, word, undecided) by an occurrence's place;
- ``thai_words``: Thai text split into words, the one segmentation everything uses;
- ``other_names``: words that may name someone who is not a member;
- ``naming``: how a review names members (``Naming``, ``review_naming``, ``shareable``);
- ``links``: people the worker linked while writing (a member or a person around the group),
  stored as references and never guessed again;
- ``shareable``: the one path every shared output (review, digest, tasks, status, coordinator
  screens) renders free text through;
- ``shared_title``: a task's or goal's title and a group's name as the coordinator reads them,
  kept beside the typed text by the store;
- ``mentions``: where an erased or withdrawn person's words stand.

Nothing is imported here, so importing one module does not load the others (the Thai
dictionary is not on the start-up path).
"""
