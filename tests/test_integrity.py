"""Integrity holes a damaged or custom dataset used to get past: each is now a clear problem.

File-level damage is reported once, naming the file; the shipped per-file schemas validate the
bundled files; layering never replaces a bundled record by accident; plausibility checks need no
extra, structure checks need RDKit; the strategies cover what the bundled data holds; `format`
writes only where it is told to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from rdkit import Chem
from rdkit.Chem import Descriptors, rdMolDescriptors

import rapidad
from rapidad import DatasetError
from rapidad.chemistry import stereo_form, structure_problems
from rapidad.cli import main
from rapidad.kb import KnowledgeBase
from rapidad.models import Compound
from rapidad.plausibility import ATOMIC_WEIGHTS, formula_weight
from rapidad.schema import FILE_KINDS, file_schema, shipped_schema
from rapidad.store import RawDataset
from rapidad.testing import STRUCTURES, datasets

RECORD_FILES = [name for name, _ in FILE_KINDS.values() if name != "meta.json"]


def problems_of(path: Path, **options: bool) -> list[rapidad.errors.Problem]:
    with pytest.raises(DatasetError) as info:
        rapidad.load(path, **options)
    return list(info.value.problems)


def edit_compounds(path: Path, change: dict[str, dict[str, object]]) -> None:
    file = path / "compounds.json"
    data = json.loads(file.read_text())
    for rid, fields in change.items():
        data[rid].update(fields)
    file.write_text(json.dumps(data))


# --- file-level problems come first and alone ------------------------------------------------


@pytest.mark.parametrize("name", RECORD_FILES)
@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("null", "holds null"),
        ('"text"', "holds a string"),
        ("42", "holds a number"),
        ("[1, 2]", "holds a list"),
        ("", "the file is empty"),
        ("  \n", "the file is empty"),
    ],
)
def test_a_file_without_records_is_one_problem_naming_it(
    data_copy: Path, name: str, content: str, says: str
) -> None:
    (data_copy / name).write_text(content)
    found = problems_of(data_copy)
    assert [(p.file, p.record) for p in found] == [(name, None)], found
    assert says in found[0].message


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("targets.json", "targets"),
        ("mechanisms.json", "mechanism classes"),
        ("indications.json", "indications"),
        ("references.bib", "references"),
    ],
)
def test_a_missing_file_that_records_refer_into_is_one_line(
    data_copy: Path, name: str, what: str
) -> None:
    (data_copy / name).unlink()
    found = problems_of(data_copy)
    assert len(found) == 1, found
    assert found[0].file == name
    assert found[0].message.startswith("missing: ") and f"refer to {what}" in found[0].message


def test_unparsable_bibtex_is_a_problem_with_its_reason_and_nothing_on_stderr(
    data_copy: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    bib = data_copy / "references.bib"
    lines = bib.read_text().count("\n")
    bib.write_text(bib.read_text() + "\n@article{broken,\n  title = {never closed\n")
    found = problems_of(data_copy)
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
    [problem] = [p for p in found if "unparsable" in p.message]
    assert problem.file == "references.bib"
    assert f"line {lines + 2}" in problem.message
    assert problem.message.rstrip().endswith("end of file.")


def test_a_reference_that_is_not_an_id_is_one_problem(data_copy: Path) -> None:
    compounds = json.loads((data_copy / "compounds.json").read_text())
    compounds["ketamine"]["development"][0]["indication"] = "Major depressive disorder (adjunctive)"
    (data_copy / "compounds.json").write_text(json.dumps(compounds))
    [problem] = problems_of(data_copy)
    assert (problem.record, problem.field) == ("ketamine", "development.0.indication")
    assert "not a valid indication id" in problem.message


# --- the shipped schemas ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_file_schemas_validate_the_bundled_files(kind: str) -> None:
    from conftest import DATA

    schema = file_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((DATA / FILE_KINDS[kind][0]).read_text())
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("kind", [k for k in FILE_KINDS if k != "meta"])
def test_file_schemas_reject_malformed_files(kind: str) -> None:
    validator = jsonschema.Draft202012Validator(file_schema(kind))
    for bad in (None, [], "x", 3, {"some-id": None}, {"some-id": {}}):
        assert not validator.is_valid(bad), bad
    from conftest import DATA

    data = json.loads((DATA / FILE_KINDS[kind][0]).read_text())
    rid, record = next(iter(data.items()))
    assert not validator.is_valid({rid: {**record, "id": rid}}), "the id is the key, not a field"
    assert not validator.is_valid({rid: {**record, "colour": "red"}})


def test_the_records_schema_has_a_top_level_type() -> None:
    schema = json.loads(shipped_schema())
    validator = jsonschema.Draft202012Validator(schema)
    for anything in (None, 3, "x", [], {}):
        assert not validator.is_valid(anything), anything
    ketamine = rapidad.agents["ketamine"].model_dump(mode="json", exclude_defaults=True)
    assert validator.is_valid(ketamine)


def test_cli_schema_kind_prints_the_file_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "indications"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] == {"$ref": "#/$defs/IndicationEntry"}
    assert "id" not in schema["$defs"]["IndicationEntry"]["properties"]
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == shipped_schema()
    with pytest.raises(SystemExit):
        main(["schema", "nonsense"])


# --- layering ---------------------------------------------------------------------------------


def test_layering_a_bundled_id_is_an_error_unless_replacing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "targets.json").write_text(
        json.dumps({"mtorc1": {"name": "mTORC1 (mine)", "kind": "complex"}})
    )
    [problem] = problems_of(tmp_path, layer=True)
    assert (problem.file, problem.record) == ("targets.json", "mtorc1")
    assert "replace=True" in problem.message
    kb = rapidad.load(tmp_path, layer=True, replace=True)
    assert kb.targets["mtorc1"].name == "mTORC1 (mine)"
    assert main(["validate", "--layer", str(tmp_path)]) == 1
    assert "already in the bundled knowledge base" in capsys.readouterr().out
    assert main(["validate", "--layer", "--replace", str(tmp_path)]) == 0
    with pytest.raises(ValueError, match="layer=True"):
        rapidad.load(tmp_path, replace=True)


# --- plausibility without extras, structures with RDKit ---------------------------------------


def test_atomic_weights_are_rdkits() -> None:
    table = Chem.GetPeriodicTable()
    assert {e: table.GetAtomicWeight(e) for e in ATOMIC_WEIGHTS} == dict(ATOMIC_WEIGHTS)


def test_formula_weights_match_rdkit_for_the_bundled_structures(kb: KnowledgeBase) -> None:
    for c in kb.agents:
        if c.smiles and c.formula and "[2H]" not in c.smiles:
            weight = Descriptors.MolWt(Chem.MolFromSmiles(c.smiles))
            assert formula_weight(c.formula) == pytest.approx(weight, abs=0.002), c.id


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        (
            {"molecular_weight": 1.5},
            "molecular_weight",
            "but formula C13H16ClNO weighs 237.73 g/mol",
        ),
        ({"molecular_weight": 250.0}, "molecular_weight", "weighs"),
    ],
)
def test_implausible_values_are_problems(
    data_copy: Path, change: dict[str, object], field: str, says: str
) -> None:
    edit_compounds(data_copy, {"ketamine": change})
    found = problems_of(data_copy)
    assert [(p.record, p.field) for p in found] == [("ketamine", field)], found
    assert says in found[0].message


def test_dates_after_the_as_of_date_and_affinities_out_of_range(data_copy: Path) -> None:
    compounds = json.loads((data_copy / "compounds.json").read_text())
    compounds["ketamine"]["development"][0]["date"] = "2031-05"
    affinity = compounds["ketamine"]["targets"][0]
    affinity["affinities"] = [
        {"measure": "pKi", "value": 42.0, "citations": affinity["citations"]},
        {"measure": "Ki", "value": 5.0, "unit": "kg", "citations": affinity["citations"]},
        {"measure": "IC50", "value": 2e9, "unit": "nM", "citations": affinity["citations"]},
    ]
    (data_copy / "compounds.json").write_text(json.dumps(compounds))
    found = {(p.record, p.field): p.message for p in problems_of(data_copy)}
    assert "after the as-of date" in found["ketamine", "development.0.date"]
    assert "outside" in found["ketamine", "targets.0.affinities.0.value"]
    assert "molar unit" in found["ketamine", "targets.0.affinities.1.unit"]
    assert "above 1 M" in found["ketamine", "targets.0.affinities.2.value"]
    assert len(found) == 4, found


def test_bundled_structures_pass_the_chemistry_check(kb: KnowledgeBase) -> None:
    assert structure_problems(kb.agents) == []


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        # A formula and weight that agree with each other, not with the SMILES.
        ({"formula": "C13H17ClNO", "molecular_weight": 238.738}, ["formula", "molecular_weight"]),
        ({"inchikey": "YQEZLKZALYSWHR-UHFFFAOYSA-O", "xrefs": None}, ["inchikey"]),
        ({"stereo": "single_stereoisomer"}, ["stereo"]),
    ],
)
def test_validate_chemistry_finds_a_structure_that_disagrees_with_its_smiles(
    data_copy: Path,
    capsys: pytest.CaptureFixture[str],
    change: dict[str, object],
    fields: list[str],
) -> None:
    compounds = json.loads((data_copy / "compounds.json").read_text())
    if change.pop("xrefs", 1) is None:
        compounds["ketamine"]["xrefs"].pop("inchikey", None)
    compounds["ketamine"].update(change)
    (data_copy / "compounds.json").write_text(json.dumps(compounds))
    assert main(["validate", str(data_copy)]) == 0, "without --chemistry the record loads"
    capsys.readouterr()
    assert main(["validate", "--chemistry", "--json", str(data_copy)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(p["record"], p["field"]) for p in report["problems"]] == [
        ("ketamine", field) for field in fields
    ]


def test_stereo_forms_from_smiles() -> None:
    assert stereo_form("CNC1(c2ccccc2Cl)CCCCC1=O").value == "racemic"
    assert stereo_form("CN[C@@]1(c2ccccc2Cl)CCCCC1=O").value == "single_stereoisomer"
    assert stereo_form("CNCC(=O)O").value == "achiral"
    assert stereo_form("not a smiles") is None


# --- strategies cover the data ----------------------------------------------------------------


def test_strategy_structures_are_consistent() -> None:
    for smiles, key, formula, weight, stereo in STRUCTURES:
        mol = Chem.MolFromSmiles(smiles)
        assert Chem.MolToInchiKey(mol) == key
        assert rdMolDescriptors.CalcMolFormula(mol) == formula
        assert Descriptors.MolWt(mol) == pytest.approx(weight, abs=0.001)
        assert stereo_form(smiles) is stereo


def shapes(c: Compound) -> Iterable[str]:
    """The shapes of a compound that code handling it must cope with."""
    yield f"modality={c.modality}"
    yield f"stereo={c.stereo}"
    yield "structure" if c.smiles else "no structure"
    yield "cited" if c.citations else "uncited"
    yield from (f"relation={r.type.value}" for r in c.relations)
    yield from ("components" for _ in c.components)
    yield from (f"target={t.action.value}" for t in c.targets)
    for t in c.targets:
        yield from ("p-affinity" if a.unit is None else "affinity" for a in t.affinities)
    for d in c.development:
        yield f"status={d.status.value}"
        yield f"route={d.route}"
        yield "programme" if d.programme else "no programme"
    yield from (f"event={e.event.value}" for e in c.regulatory_events)
    yield from ("schedule" for _ in c.schedules)
    yield "effect" if c.antidepressant_effect else "no effect"


def target_shapes(kb_or_raw: KnowledgeBase | RawDataset) -> set[str]:
    targets = kb_or_raw.targets.values() if isinstance(kb_or_raw, RawDataset) else kb_or_raw.targets
    found = set()
    for t in targets:
        found.add(f"kind={t.kind.value}")
        found.add("defined_by" if t.defined_by else "not defined_by")
        found.add("child" if t.parent else "root")
    return found


def dataset_shapes(raw: RawDataset) -> set[str]:
    return {s for c in raw.compounds.values() for s in shapes(c)} | target_shapes(raw)


def test_every_shape_in_the_bundled_data_is_generated(kb: KnowledgeBase) -> None:
    wanted = {s for c in kb.agents for s in shapes(c)} | target_shapes(kb)
    seen: set[str] = set()

    @settings(
        max_examples=300,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(datasets())
    def collect(raw: RawDataset) -> None:
        KnowledgeBase(raw)
        seen.update(dataset_shapes(raw))

    collect()
    assert not wanted - seen, sorted(wanted - seen)


# --- format writes only where told ------------------------------------------------------------


def test_format_needs_a_path_and_refuses_installed_packages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["format"]) == 2
    assert "name the directory" in capsys.readouterr().err
    installed = tmp_path / "lib" / "site-packages" / "rapidad" / "data"
    installed.mkdir(parents=True)
    (installed / "meta.json").write_text('{"as_of":"2026-01-01"}')
    assert main(["format", str(installed)]) == 2
    assert "installed package" in capsys.readouterr().err
    assert (installed / "meta.json").read_text() == '{"as_of":"2026-01-01"}'
    assert main(["format", "--check"]) == 0, "checking the bundled data stays allowed"
