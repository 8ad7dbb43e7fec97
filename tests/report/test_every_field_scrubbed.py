"""Every text field of every record passes the scrubber before it reaches a shared output.

A sentinel member's real name is written into every string field (nested ones too) of every
record of the demo group; then every shared output is rendered (md, html, docx in Thai and
English, every chart as SVG) and searched, docx parts and properties included."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from groupwork import models as m
from groupwork.charts import CHART_KINDS, render_chart
from groupwork.demo import build_demo
from groupwork.privacy.names import is_reference
from groupwork.report import generate_review
from groupwork.store.converters import TABLES

LATIN, THAI = "Qzxsentinel", "ซอร์บลัทธ์"
PLANTED = f" {THAI}เล่าว่า {LATIN}"
TODAY = date(2026, 11, 21)
# The only fields not planted: the name that the sentinel replaces, what replaces names, and
# the workers' names (facilitators, the signing head), never replaced by design: a worker may
# share a member's family name (docs/privacy.md, "Workers are never replaced").
NOT_PLANTED = {
    (m.Member, "real_name"),
    (m.Member, "pseudonym"),
    (m.Group, "facilitators"),
    (m.Endorsement, "name"),
}


def _plant(record: BaseModel) -> int:
    """Write the sentinel into every string field of ``record`` that accepts it."""
    planted = 0
    for name, value in list(record):
        if is_reference(name) or (type(record), name) in NOT_PLANTED:
            continue
        try:
            if type(value) is str:
                # Checked as a whole too: some rules span fields (agencies need consent).
                type(record).model_validate({**record.model_dump(), name: value + PLANTED})
                setattr(record, name, (value + PLANTED).strip())
                planted += 1
            elif isinstance(value, list) and value and all(type(v) is str for v in value):
                type(record).model_validate({**record.model_dump(), name: [*value, "x"]})
                setattr(record, name, [*value, PLANTED.strip()])
                planted += 1
            elif isinstance(value, list):
                planted += sum(_plant(v) for v in value if isinstance(v, BaseModel))
                setattr(record, name, value)
        except ValidationError:
            continue  # a constrained field (a code, a time) that no name can be written in
    return planted


@pytest.fixture
def planted_group(engine, module_stores):
    """The demo with a name planted in every text field, built once per engine."""
    return module_stores(engine, _plant_group)


def _plant_group(store):
    group = build_demo(store, today=TODAY)
    store.add(
        m.Member(
            group_id=group.id,
            real_name=f"{THAI} {LATIN}",
            pseudonym="S-01",
            decision=m.SelectionDecision.SELECTED,
        )
    )
    planted = 0
    for model_cls in TABLES:
        records = (
            [store.get(m.Group, group.id)]
            if model_cls is m.Group
            else store.records_of_group(model_cls, group.id)
        )
        for record in records:
            planted += _plant(record)
            store.save(record)
    assert planted > 100  # the demo fills nearly every kind of record
    return group


def _found(text: str) -> list[str]:
    return [s for s in (LATIN, THAI) if s.casefold() in text.casefold()]


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_no_field_reaches_a_review_unscrubbed(planted_group, tmp_path, fmt, lang):
    store, group = planted_group
    path = generate_review(
        store, group.id, fmt=fmt, lang=lang, out=tmp_path / f"r.{fmt}", today=TODAY
    )
    if fmt == "docx":
        with zipfile.ZipFile(path) as parts:
            text = "\n".join(
                parts.read(n).decode("utf-8") for n in parts.namelist() if n.endswith(".xml")
            )
    else:
        text = path.read_text(encoding="utf-8")
    assert _found(text) == []
    assert "S-01" in text


def test_no_field_reaches_a_chart_unscrubbed(planted_group, tmp_path):
    store, group = planted_group
    for kind in CHART_KINDS:
        svg = render_chart(store, group.id, kind, tmp_path / f"{kind}.svg").read_text()
        assert _found(svg) == [], kind
