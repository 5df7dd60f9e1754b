"""Non-drug interventions: their own records, collection, references and command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rapidad
from rapidad import DatasetError, interventions
from rapidad.cli import main
from rapidad.models import DeviceClearance, Intervention
from rapidad.vocab import DeviceEvent, InterventionModality


def clearance(**fields: object) -> DeviceClearance:
    base: dict[str, object] = {
        "agency": "FDA",
        "event": "clearance",
        "date": "2018-08-14",
        "indication": "major-depressive-disorder",
        "citations": ["x"],
    }
    return DeviceClearance(**{**base, **fields})


def test_a_designation_grants_nothing_and_a_clearance_does() -> None:
    assert clearance().grants
    assert clearance(event="reclassification").grants
    assert not clearance(event="breakthrough_designation").grants
    iv = Intervention(
        id="x",
        name="X",
        modality="magnetic_stimulation",
        clearances=(clearance(event="breakthrough_designation"), clearance(date="2019")),
    )
    assert [c.date for c in iv.cleared_for({"major-depressive-disorder"})] == ["2019"]
    assert iv.all_citations == ("x",)


def test_interventions_are_not_compounds() -> None:
    with pytest.raises(ValueError, match="smiles"):
        Intervention(id="x", name="X", modality="electroconvulsive", smiles="C")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="modality"):
        Intervention(id="x", name="X", modality="small_molecule")  # type: ignore[arg-type]


def write_dataset(path: Path, intervention: dict[str, object]) -> None:
    (path / "indications.json").write_text(json.dumps({"mdd": {"name": "MDD"}}))
    (path / "interventions.json").write_text(json.dumps({"tbs": intervention}))
    (path / "findings.json").write_text(
        json.dumps(
            {
                "f": {
                    "statement": "Works fast.",
                    "kind": "clinical",
                    "evidence": "supported",
                    "interventions": ["tbs", "nowhere"],
                    "citations": ["a"],
                }
            }
        )
    )
    (path / "references.bib").write_text(
        "@misc{a,\n  kind = {press_release},\n  title = {T},\n  publisher = {P},\n"
        "  date = {2020-01-01},\n}\n"
    )


def test_intervention_references_are_checked(tmp_path: Path) -> None:
    write_dataset(
        tmp_path,
        {
            "name": "Theta burst",
            "modality": "magnetic_stimulation",
            "clearances": [
                {
                    "agency": "FDA",
                    "event": "clearance",
                    "date": "2030",
                    "indication": "elsewhere",
                    "citations": ["b"],
                }
            ],
        },
    )
    with pytest.raises(DatasetError) as info:
        rapidad.load(tmp_path)
    found = {(p.file, p.record, p.field): p.message for p in info.value.problems}
    assert (
        "unknown indication 'elsewhere'"
        in found["interventions.json", "tbs", "clearances.0.indication"]
    )
    assert (
        "unknown citation key 'b'" in found["interventions.json", "tbs", "clearances.0.citations"]
    )
    assert "unknown intervention 'nowhere'" in found["findings.json", "f", "interventions.1"]


def test_a_user_dataset_of_interventions_loads_and_filters(tmp_path: Path) -> None:
    write_dataset(
        tmp_path,
        {
            "name": "Theta burst",
            "modality": "magnetic_stimulation",
            "abbreviations": ["TB"],
            "clearances": [
                {
                    "agency": "FDA",
                    "event": "clearance",
                    "date": "2018",
                    "indication": "mdd",
                    "number": "K000001",
                    "citations": ["a"],
                }
            ],
        },
    )
    findings = json.loads((tmp_path / "findings.json").read_text())
    findings["f"]["interventions"] = ["tbs"]
    (tmp_path / "findings.json").write_text(json.dumps(findings))
    kb = rapidad.load(tmp_path)
    assert kb.interventions["tb"].id == "tbs"
    assert kb.interventions.filter(cleared_for="MDD", agency="fda").ids == ("tbs",)
    assert kb.interventions.filter(modality="Magnetic stimulation").ids == ("tbs",)
    assert kb.interventions.filter(cleared_for="mdd", agency="EMA").ids == ()
    assert kb.findings.about("TB").ids == ("f",)
    with pytest.raises(ValueError, match="valid values: magnetic_stimulation"):
        kb.interventions.filter(modality="laser")


def test_bundled_interventions(capsys: pytest.CaptureFixture[str]) -> None:
    assert {iv.modality for iv in interventions} >= {
        InterventionModality.MAGNETIC_STIMULATION,
        InterventionModality.ELECTROCONVULSIVE,
        InterventionModality.DEEP_BRAIN_STIMULATION,
        InterventionModality.SLEEP_DEPRIVATION,
    }
    cleared = interventions.filter(cleared_for="depressive disorder", agency="FDA")
    assert "itbs" in cleared
    assert "deep-brain-stimulation" not in cleared, "a designation is not a clearance"
    first = interventions["iTBS"].cleared_for(rapidad.knowledge_base().indication_closure("MDD"))
    assert first[0].event is DeviceEvent.CLEARANCE and first[0].date.startswith("2018")
    assert main(["show", "iTBS"]) == 0
    out = capsys.readouterr().out
    assert "FDA clearance" in out and "references" in out
