"""Indications as records: the hierarchy, the queries that follow it, and the data truths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

import rapidad
from rapidad import DatasetError, agents, indications
from rapidad.kb import KnowledgeBase, bundled
from rapidad.models import DevelopmentRecord, RegulatoryEvent, standing_approvals
from rapidad.store import RawDataset
from rapidad.testing import datasets
from rapidad.vocab import ClinicalStage, ProgrammeStatus

KB = bundled()
CURATION = Path(__file__).resolve().parents[1] / "docs" / "curation.md"


def test_every_record_points_at_a_known_indication() -> None:
    for c in agents:
        for item in (*c.development, *c.regulatory_events):
            assert item.indication in indications, (c.id, item.indication)


def test_every_indication_is_used_or_is_an_ancestor_of_one_in_use() -> None:
    used = {i for c in agents for i in c.indications}
    needed = set(used)
    for i in used:
        needed |= {a.id for a in indications.ancestors(i)}
    assert {i.id for i in indications} == needed


def test_ontology_ids_or_a_recorded_reason() -> None:
    # MONDO and MeSH where the ontologies have a term; where they have none the curation record
    # says so by id.
    record = CURATION.read_text(encoding="utf-8")
    for i in indications:
        if not {"mondo", "mesh"} <= set(i.xrefs):
            assert f"`{i.id}`" in record, f"{i.id}: no MONDO or MeSH id and no reason recorded"
        if i.xrefs:
            assert i.citations, f"{i.id}: cross-references without the ontology release cited"


def test_hierarchy() -> None:
    assert indications["TRD"].id == "treatment-resistant-depression"
    assert indications["MONDO:0002009"].id == "major-depressive-disorder"
    chain = [i.id for i in indications.ancestors("TRD")]
    assert chain == ["major-depressive-disorder", "depressive-disorder"]
    bipolar = {i.id for i in indications.ancestors("bipolar depression")}
    assert bipolar == {"bipolar-disorder", "depressive-disorder"}
    narrower = set(indications.narrower("depression").ids)
    assert {"postpartum-depression", "bipolar-depression", "mdd-with-suicidal-ideation"} <= narrower
    assert "schizophrenia" not in narrower


def test_indication_queries_follow_the_hierarchy() -> None:
    trd = set(agents.filter(indication="TRD").ids)
    mdd = set(agents.filter(indication="major depressive disorder").ids)
    assert {"ketamine", "esketamine"} <= trd <= mdd
    with pytest.raises(KeyError, match="no indication"):
        agents.filter(indication="depresion of the spleen")


def test_approved_now_per_indication_and_agency() -> None:
    assert agents.filter(approved_for="PPD", agency="FDA").ids == ("zuranolone",)
    # Brexanolone's US approval was withdrawn in 2025; before that it stood.
    assert "brexanolone" in agents.filter(approved_for="PPD", as_of="2024-12-31").ids
    assert "brexanolone" not in agents.filter(approved_for="PPD").ids
    # Zuranolone was refused for MDD in the US; it is approved in Japan for depression broadly.
    assert "zuranolone" not in agents.filter(approved_for="MDD").ids
    assert "zuranolone" in agents.filter(approved_for="depressive disorder", agency="PMDA").ids
    assert "esketamine" in agents.filter(approved_for="MDD", agency="EC").ids
    assert "ketamine" not in agents.filter(approved_for="depression").ids
    assert "ketamine" in agents.filter(approved_for="anaesthesia").ids
    with pytest.raises(ValueError, match="agency"):
        agents.filter(agency="FDA")


def test_status_and_stage_apply_within_the_queried_indication() -> None:
    failed = agents.filter(
        mechanism="NMDA receptor antagonist", indication="depression", status="failed"
    )
    assert "eliprodil" not in failed.ids  # it failed in stroke
    assert {"lanicemine", "rislenemdaz"} <= set(failed.ids)
    assert "eliprodil" in agents.filter(indication="ischaemic stroke", status="failed").ids
    assert "basimglurant" not in agents.filter(indication="depression", status="active").ids


def test_progress_reads_approved_and_withdrawn_from_regulatory_events() -> None:
    table = agents.progress("depression")
    assert table["esketamine"].status is ProgrammeStatus.APPROVED
    assert table["esketamine"].stage is ClinicalStage.APPROVAL
    assert table["brexanolone"].status is ProgrammeStatus.WITHDRAWN
    assert table["ketamine"].status is not ProgrammeStatus.APPROVED
    assert table["ketamine"].stage is ClinicalStage.PHASE_3
    assert "eliprodil" not in table
    for p in table.values():
        assert p.indication == "depressive-disorder"
        if p.status.ended:
            assert p.end_reason is not None or p.status is ProgrammeStatus.WITHDRAWN


def test_no_development_record_is_an_approval() -> None:
    for c in agents:
        for d in c.development:
            assert d.stage not in (ClinicalStage.APPROVAL, ClinicalStage.WITHDRAWAL)
            assert (d.end_reason is not None) is d.status.ended, (c.id, d)
    base = {"indication": "x", "date": "2020", "date_kind": "announcement", "citations": ("a",)}
    with pytest.raises(ValueError, match="regulatory events"):
        DevelopmentRecord(**base, stage="approval", status="completed")
    with pytest.raises(ValueError, match="end_reason"):
        DevelopmentRecord(**base, stage="phase_2", status="failed")
    with pytest.raises(ValueError, match="only an ended programme"):
        DevelopmentRecord(**base, stage="phase_2", status="active", end_reason="unknown")


def test_medicines_approved_for_something_show_it() -> None:
    medicines = ("bupropion", "dextromethorphan", "lurasidone", "ketamine", "esketamine")
    for agent in (*medicines, "quinidine", "d-cycloserine"):
        assert agents[agent].approved, agent
    assert agents["lurasidone"].standing_approvals()[0].indication == "schizophrenia"
    # Old approvals known only from a current label are dated no later than that label.
    [tb] = agents["d-cycloserine"].standing_approvals()
    assert (tb.indication, tb.date_kind.value) == ("tuberculosis", "no_later_than")
    assert agents.filter(approved_for="atrial fibrillation").ids == ("quinidine",)


def test_ketamine_has_its_own_depression_history() -> None:
    history = agents["ketamine"].progress_in(KB.indication_closure("depression"))
    assert history is not None
    assert len(history.development) >= 4
    assert {d.route.value for d in history.development if d.route} >= {
        "intravenous",
        "subcutaneous",
    }
    assert not agents["ketamine"].progress_in(KB.indication_closure("depression")).regulatory_events


def test_eu_2021_spravato_extension_is_a_regulatory_event() -> None:
    events = [e for e in agents["esketamine"].regulatory_events if e.agency.value == "EC"]
    assert any(
        e.date.startswith("2021") and e.indication == "major-depressive-disorder" for e in events
    )


def test_the_old_names_still_work() -> None:
    c = agents["esketamine"]
    assert c.approvals == c.regulatory_events
    from rapidad.models import Approval

    assert Approval is RegulatoryEvent


def test_standing_approvals_ignore_refusals_and_follow_withdrawals() -> None:
    ok = RegulatoryEvent(agency="FDA", date="2019", indication="x", citations=("a",))
    refused = RegulatoryEvent(
        agency="FDA", event="refusal", date="2020", indication="x", citations=("a",)
    )
    gone = RegulatoryEvent(
        agency="FDA", event="withdrawal", date="2021", indication="x", citations=("a",)
    )
    elsewhere = RegulatoryEvent(agency="EC", date="2022", indication="x", citations=("a",))
    assert standing_approvals([ok, refused]) == (ok,)
    assert standing_approvals([gone, ok]) == ()
    assert standing_approvals([ok, gone, elsewhere]) == (elsewhere,)


# --- targets ---------------------------------------------------------------------------------


def test_target_queries_mean_the_target_and_what_is_narrower() -> None:
    assert set(agents.filter(target="GRIN2B").ids) == {
        *("bi-1569912", "eliprodil", "evt-101", "nbi-1070770", "onfasprodil", "rislenemdaz"),
        "traxoprodil",
    }
    assert set(agents.filter(target="NR2B").ids) == set(agents.filter(target="GRIN2B").ids)
    broad = set(agents.filter(target="GRIN2B", target_match="containing").ids)
    assert {"ketamine", "d-cycloserine"} <= broad
    assert agents.filter(target="MTOR").ids == agents.filter(target="mTORC1").ids
    assert "nv-5138" in agents.filter(target="MTOR").ids
    assert set(agents.filter(target="mGlu2/3").ids) >= {"decoglurant", "ts-161"}
    assert "basimglurant" in agents.filter(target="mGluR5").ids
    with pytest.raises(ValueError, match="target_match"):
        agents.filter(target="GRIN2B", target_match="wide")


def test_combinations_and_formulations_act_through_their_components() -> None:
    nmda = set(agents.filter(target="nmda-receptor").ids)
    assert {"axs-05", "avp-786", "cle100", "deudextromethorphan"} <= nmda
    assert "avp-786" in agents.filter(target="CYP2D6").ids


# --- spellings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "(±)-ketamine",
        "racemic ketamine",
        "rac-ketamine",
        "(RS)-ketamine",
        "ketamine hydrochloride",
        "Ketamine HCl",
        "(±)-ketamine hydrochloride",
    ],
)
def test_racemate_and_salt_spellings_find_the_record(spelling: str) -> None:
    assert agents[spelling].id == "ketamine"


def test_racemate_marks_never_find_a_single_enantiomer() -> None:
    assert agents.get("(±)-esketamine") is None
    assert agents["esketamine hydrochloride"].id == "esketamine"
    assert agents["rac-bupropion"].id == "bupropion"


# --- generated datasets ----------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(datasets())
def test_generated_datasets_progress_is_consistent(raw: RawDataset) -> None:
    kb = KnowledgeBase(raw)
    for ind in kb.indications:
        scope = kb.indication_closure(ind.id)
        table = kb.agents.progress(ind.id)
        for c in kb.agents:
            p = table.get(c.id)
            assert (p is None) is (c.progress_in(scope) is None)
            if p is None:
                continue
            standing = [e for e in c.standing_approvals() if e.indication in scope]
            assert (p.status is ProgrammeStatus.APPROVED) is bool(standing)
            assert c.id in kb.agents.filter(indication=ind.id).ids
            assert (c.id in kb.agents.filter(approved_for=ind.id).ids) is bool(standing)
        # a broader indication finds everything a narrower one does
        for child in kb.indications.children(ind.id):
            assert set(kb.agents.filter(indication=child.id).ids) <= set(
                kb.agents.filter(indication=ind.id).ids
            )


def test_unknown_indication_is_a_dataset_error(tmp_path: Path) -> None:
    (tmp_path / "compounds.json").write_text(
        json.dumps(
            {
                "x": {
                    "name": "X",
                    "modality": None,
                    "development": [
                        {
                            "indication": "nowhere",
                            "stage": "phase_1",
                            "status": "active",
                            "date": "2020",
                            "date_kind": "announcement",
                            "citations": ["a"],
                        }
                    ],
                }
            }
        )
    )
    (tmp_path / "references.bib").write_text(
        "@misc{a,\n  kind = {press_release},\n  title = {T},\n  publisher = {P},\n"
        "  date = {2020-01-01},\n}\n"
    )
    (tmp_path / "indications.json").write_text(json.dumps({"somewhere": {"name": "Somewhere"}}))
    with pytest.raises(DatasetError) as info:
        rapidad.load(tmp_path)
    assert any(
        p.field == "development.0.indication" and "unknown indication 'nowhere'" in p.message
        for p in info.value.problems
    )


def test_the_approvals_since_2018_finding_is_current_and_matches_the_records() -> None:
    finding = KB.findings["fda-approvals-since-2018"]
    assert finding.as_of == KB.as_of, "a finding about a changing state is brought up to date"
    depression = KB.indication_closure("depressive disorder")
    approved = {
        c.id
        for c in agents
        for e in c.regulatory_events
        if e.agency.value == "FDA" and e.grants and e.indication in depression
        if e.date[:4] >= "2018" and e.date <= (finding.as_of or "")
    }
    assert set(finding.compounds) == approved
