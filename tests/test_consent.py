"""Consent gates the report's names and what an export for an agency may carry."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from groupwork import models as m
from groupwork.consent import (
    ConsentRefused,
    may_name,
    members_not_covered,
)
from groupwork.exchange import read_export, write_export
from groupwork.store import Store

CLINIC = "Provincial Hospital OSCC"


@pytest.fixture
def group(store):
    group = store.add(m.Group(name="Hope"))
    named = store.add(
        m.Member(
            group_id=group.id,
            real_name="Anong Sukjai",
            pseudonym="Lotus",
            notes="Anong's private note",
        )
    )
    shared = store.add(m.Member(group_id=group.id, real_name="Boonmee Raksa", pseudonym="Orchid"))
    silent = store.add(
        m.Member(
            group_id=group.id,
            real_name="Chanida Wong",
            pseudonym="Jasmine",
            notes="Chanida lives with her aunt",
        )
    )
    withdrawn = store.add(m.Member(group_id=group.id, real_name="Duangjai Pim", pseudonym="Rose"))
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=named.id,
            given_on=date(2026, 1, 1),
            scopes=["recorded", "shared_in_report", "shared_with_agencies"],
            agencies=[CLINIC],
        )
    )
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=shared.id,
            given_on=date(2026, 1, 1),
            scopes=["recorded", "shared_with_agencies"],
            agencies=["  provincial hospital  oscc"],
        )
    )
    store.add(
        m.Consent(
            group_id=group.id, member_id=silent.id, given_on=date(2026, 1, 1), scopes=["recorded"]
        )
    )
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=withdrawn.id,
            given_on=date(2026, 1, 1),
            scopes=["recorded", "shared_in_report"],
        )
    )
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=withdrawn.id,
            given_on=date(2026, 2, 1),
            scopes=["recorded", "shared_in_report"],
            withdrawn_on=date(2026, 2, 1),
        )
    )
    store.add(
        m.Assessment(
            group_id=group.id,
            member_id=silent.id,
            assessed_on=date(2026, 1, 5),
            family="Aunt drinks",
            severity=6,
        )
    )
    store.add(
        m.Session(
            group_id=group.id,
            number=1,
            held_on=date(2026, 1, 6),
            notes="Chanida and Anong talked; Wong family visited",
            themes=["Chanida's safety"],
        )
    )
    return group


def test_may_name_follows_scope_agency_and_withdrawal(store, group):
    by_alias = {x.pseudonym: x for x in store.members(group.id)}
    report = m.ConsentScope.SHARED_IN_REPORT
    agencies = m.ConsentScope.SHARED_WITH_AGENCIES
    assert may_name(store, by_alias["Lotus"], report)
    assert not may_name(store, by_alias["Jasmine"], report)
    assert not may_name(store, by_alias["Rose"], report)  # withdrawn
    assert may_name(store, by_alias["Orchid"], agencies, agency="PROVINCIAL hospital OSCC")
    assert not may_name(store, by_alias["Orchid"], agencies, agency="Police")
    assert not may_name(store, by_alias["Orchid"], agencies)
    missing = members_not_covered(store, group.id, report)
    assert [x.pseudonym for x in missing] == ["Jasmine", "Orchid", "Rose"]


def test_the_export_naming_replaces_the_hidden_members_names(store, group):
    # (Who a report may name is decided in groupwork.privacy.naming via consent_covers.)
    from groupwork.privacy.shareable import export_naming

    naming = export_naming(store, group.id, store.members(group.id), staff=[])
    row = naming.export_row("sessions", {"notes": "Chanida and Anong talked; Wong family visited"})
    assert row == {"notes": "Jasmine and Lotus talked; Jasmine family visited"}


def test_agency_export_refuses_then_pseudonymises(store, group, tmp_path):
    out = tmp_path / "for-clinic.json"
    with pytest.raises(ConsentRefused) as refused:
        write_export(store, group.id, out, agency=CLINIC)
    assert "Jasmine" in str(refused.value) and "Rose" in str(refused.value)
    assert not out.exists()

    write_export(store, group.id, out, agency=CLINIC, pseudonymise=True)
    text = out.read_text(encoding="utf-8")
    for hidden in ("Chanida", "Wong", "Duangjai", "Aunt drinks", "lives with her aunt"):
        assert hidden not in text, hidden
    assert "Anong Sukjai" in text and "Boonmee Raksa" in text
    doc = read_export(out)
    members = {x.pseudonym: x for x in doc.members}
    assert members["Jasmine"].real_name == "Jasmine"
    assert "Jasmine" in doc.sessions[0].notes and "Jasmine's safety" in doc.sessions[0].themes
    assert [a.severity for a in doc.assessments] == [6]


def test_an_agency_export_withholds_the_non_members_the_worker_chose_to_replace(store, tmp_path):
    group = store.add(m.Group(name="Hope"))
    may = store.add(m.Member(group_id=group.id, real_name="May Grant", pseudonym="Lotus"))
    scopes = ["recorded", "shared_with_agencies"]
    store.add(
        m.Consent(
            group_id=group.id,
            member_id=may.id,
            given_on=date(2026, 1, 1),
            scopes=scopes,
            agencies=[CLINIC],
        )
    )
    notes = "May Grant and Mr Smith came"
    store.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 1, 8), notes=notes))
    store.decide_other_name(group.id, "Smith", replace=True)
    text = write_export(store, group.id, tmp_path / "c.json", agency=CLINIC).read_text("utf-8")
    assert "May Grant and Mr [name withheld] came" in text


def test_plain_export_is_the_units_own_copy_and_pseudonymise_hides_everyone(store, group, tmp_path):
    own = write_export(store, group.id, tmp_path / "own.json")
    assert "Chanida Wong" in own.read_text(encoding="utf-8")
    anon = write_export(store, group.id, tmp_path / "anon.json", pseudonymise=True)
    text = anon.read_text(encoding="utf-8")
    for name in ("Anong", "Boonmee", "Chanida", "Duangjai"):
        assert name not in text
    assert {x["real_name"] for x in json.loads(text)["members"]} == {
        "Lotus",
        "Orchid",
        "Jasmine",
        "Rose",
    }


def test_export_command_gates_by_agency(db_path, tmp_path):
    from groupwork.cli import cli

    with Store.open(db_path) as store:
        g = store.add(m.Group(name="Hope"))
        a = store.add(m.Member(group_id=g.id, real_name="Anong Sukjai", pseudonym="Lotus"))
        store.add(m.Member(group_id=g.id, real_name="Chanida Wong", pseudonym="Jasmine"))
        store.add(
            m.Consent(
                group_id=g.id,
                member_id=a.id,
                given_on=date(2026, 1, 1),
                scopes=["shared_with_agencies"],
                agencies=[CLINIC],
            )
        )
    out = tmp_path / "x.json"
    run = CliRunner().invoke
    refused = run(
        cli, ["--db", str(db_path), "export", "Hope", "--out", str(out), "--for-agency", CLINIC]
    )
    assert refused.exit_code == 1 and "Jasmine" in refused.output and not out.exists()
    assert "Traceback" not in refused.output
    ok = run(
        cli,
        [
            "--db",
            str(db_path),
            "export",
            "Hope",
            "--out",
            str(out),
            "--for-agency",
            CLINIC,
            "--pseudonymise",
        ],
    )
    assert ok.exit_code == 0, ok.output
    text = out.read_text(encoding="utf-8")
    assert "Anong Sukjai" in text and "Chanida" not in text
