"""Compile PyThaiNLP's default Thai word list into ``groupwork/thai_words.marisa``.

Run after upgrading PyThaiNLP (``python scripts/build_thai_trie.py``): the app uses the
prebuilt trie only while the installed word list is the one it was made from (its SHA-256 is
in ``thai_words.sha256`` beside it) and otherwise compiles the list itself in every process.
"""

from __future__ import annotations

import sys

from groupwork.privacy.thai_words import PREBUILT, compile_words, word_list_digest, word_list_file


def main() -> int:
    """Write the trie and its stamp; print what was written."""
    source = word_list_file()
    if source is None:
        print("PyThaiNLP's word list was not found", file=sys.stderr)
        return 1
    from pythainlp.corpus.common import thai_words

    compiled = compile_words(thai_words())
    compiled.trie.save(str(PREBUILT))
    stamp = PREBUILT.with_suffix(".sha256")
    stamp.write_text(f"{word_list_digest(source)} {compiled.longest}\n", encoding="ascii")
    print(f"{PREBUILT}: {len(compiled)} words, longest {compiled.longest} letters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
