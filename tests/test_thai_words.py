"""The shared Thai word segmentation: words stay whole, and the text comes back unchanged."""

from pathlib import Path

import pytest

import groupwork
import groupwork.privacy.thai_words as thai_words_module
from groupwork.privacy.thai_words import words


def test_ordinary_words_that_hold_a_name_stay_whole():
    text = "พรุ่งนี้คุณพรจะมาพร้อมน้ำเพราะรายละเอียดสำคัญ"
    tokens = words(text)
    assert "".join(tokens) == text
    assert {"พรุ่งนี้", "พร้อม", "เพราะ", "รายละเอียด"} <= set(tokens)
    assert "พร" in tokens  # the name after คุณ is a token of its own


def test_extra_words_join_the_dictionary_without_replacing_it():
    text = "สมศรีใจงามมาพรุ่งนี้"
    assert "ใจงาม" in words(text, extra_words=["ใจงาม", "สมศรี"])
    assert "พรุ่งนี้" in words(text, extra_words=["ใจงาม"])


def test_empty_and_latin_text():
    assert words("") == []
    assert "".join(words("Ann Lee, 3 times")) == "Ann Lee, 3 times"


def _thai_sentences() -> list[str]:
    """Real Thai text: the app's own Thai messages (a few hundred sentences)."""
    from babel.messages.pofile import read_po

    path = Path(groupwork.__file__).parent / "locale" / "th" / "LC_MESSAGES" / "groupwork.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    texts = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        texts += [s for s in strings if s and any("\u0e00" <= ch <= "\u0e7f" for ch in s)]
    return texts[:400]


def test_the_compiled_trie_splits_as_pythainlps_own():
    from pythainlp.corpus.common import thai_words
    from pythainlp.tokenize.newmm import segment as newmm
    from pythainlp.util import Trie

    own = Trie(thai_words())
    names = ["สมศรี", "ใจงาม", "ดาว", "บัว"]
    with_names = Trie([*thai_words(), *names])
    texts = _thai_sentences()
    assert len(texts) > 300
    for text in texts:
        assert words(text) == newmm(text, own), text
        assert words(text, extra_words=names) == newmm(text, with_names), text


def test_the_compiled_trie_holds_pythainlps_word_list():
    from pythainlp.corpus.common import thai_words

    trie = thai_words_module.dictionary()
    assert set(trie) == {w.strip() for w in thai_words()} - {""}
    assert thai_words_module.is_word("พรุ่งนี้") and not thai_words_module.is_word("พรุ่งนี")


def test_another_word_list_is_compiled_in_place_of_the_prebuilt_one(tmp_path, monkeypatch):
    stale = tmp_path / "thai_words.marisa"
    stale.write_bytes(thai_words_module.PREBUILT.read_bytes())
    stale.with_suffix(".sha256").write_text("0" * 64 + " 81\n", encoding="ascii")
    monkeypatch.setattr(thai_words_module, "PREBUILT", stale)
    assert thai_words_module._load_prebuilt() is None


def test_the_prebuilt_trie_is_used_when_it_is_the_installed_list():
    stamp = thai_words_module.PREBUILT.with_suffix(".sha256").read_text(encoding="ascii")
    installed = thai_words_module.word_list_digest(thai_words_module.word_list_file())
    if stamp.split()[0] != installed:
        pytest.skip("another PyThaiNLP word list: run scripts/build_thai_trie.py")
    loaded = thai_words_module._load_prebuilt()
    assert loaded is not None, "run scripts/build_thai_trie.py after upgrading PyThaiNLP"
    assert len(loaded) == len(thai_words_module.dictionary())
