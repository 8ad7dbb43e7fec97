"""Chart labels are never cut: long ones wrap between words (Thai too)."""

from __future__ import annotations

from groupwork.charts.labels import visible, wrap

STAGE = "5. การเตรียมการประเมินและวิเคราะห์สถานการณ์ปัญหาและกำหนดประเด็นในกลุ่ม"


def test_a_long_thai_label_wraps_between_words_and_keeps_every_letter():
    wrapped = wrap(STAGE, 30)
    lines = wrapped.split("\n")
    assert len(lines) >= 2 and "…" not in wrapped
    assert "".join(lines).replace(" ", "") == STAGE.replace(" ", "")
    assert all(visible(line) <= 30 for line in lines)
    # Breaks fall between dictionary words: "สถานการณ์" is never split.
    assert any("สถานการณ์" in line for line in lines)


def test_short_labels_and_long_words_stay_whole():
    assert wrap("ดาว", 30) == "ดาว"
    assert wrap("Rattanakulwongsawat", 8) == "Rattanakulwongsawat"


def test_stage_and_goal_charts_show_whole_labels(store, small_group):
    from groupwork.charts import draw_chart
    from groupwork.i18n import use_language
    from groupwork.privacy.naming import build_naming
    from groupwork.review_data.data import gather_review_data

    data = gather_review_data(store, small_group.id)
    naming = build_naming(data.members, data.consents)
    with use_language("th"):
        fig = draw_chart("stages", data, naming)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert all("…" not in label for label in labels)
    assert any(label.replace("\n", "").endswith("ในกลุ่ม") for label in labels)
