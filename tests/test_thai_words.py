"""The shared Thai word segmentation: words stay whole, and the text comes back unchanged."""

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
