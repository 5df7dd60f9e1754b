from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from rapidad.frozen import FrozenMap
from rapidad.kb import KnowledgeBase
from rapidad.models import Citation, Compound, Finding, MechanismClass, Target
from rapidad.vocab import ClinicalStage, RelationType


def minimal_compound(**extra: Any) -> dict[str, Any]:
    return {"id": "x", "name": "X", "modality": "small_molecule", **extra}


def test_models_are_frozen(kb: KnowledgeBase) -> None:
    compound = kb.agents["ketamine"]
    with pytest.raises(ValidationError):
        compound.name = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        compound.xrefs["cas"] = "1-1-1"  # type: ignore[index]
    assert isinstance(compound.synonyms, tuple)
    assert isinstance(compound.xrefs, FrozenMap)
    assert kb.agents["ketamine"].name == "Ketamine"


def test_models_are_hashable(kb: KnowledgeBase) -> None:
    assert len({*kb.agents, *kb.agents}) == len(kb.agents)


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="surprise"):
        Compound.model_validate(minimal_compound(surprise=1))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("inchikey", "NOT-A-KEY"),
        ("xrefs", {"cas": "6740-88-2"}),
        ("xrefs", {"pubchem.compound": "abc"}),
        ("xrefs", {"chembl.compound": "742"}),
        ("xrefs", {"unii": "short"}),
        ("xrefs", {"made.up": "1"}),
        ("formula", "c13h16clno"),
        ("mechanisms", ["Not An Id"]),
    ],
)
def test_invalid_identifiers_name_the_field(field: str, value: Any) -> None:
    extra = {field: value}
    if field == "inchikey":
        extra["smiles"] = "C"
    with pytest.raises(ValidationError) as info:
        Compound.model_validate(minimal_compound(**extra))
    assert field in str(info.value)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"doi": "11.1/x"}, "DOI"),
        ({"pmid": "0123"}, "PMID"),
        ({"pmcid": "123"}, "PMC"),
        ({"date": "2021-02-30"}, "real date"),
        ({}, "an article needs a doi or a pmid"),
        ({"kind": "news", "publisher": "P", "date": "2020"}, "is a @misc entry"),
    ],
)
def test_citation_validation(payload: dict[str, Any], message: str) -> None:
    base = {"key": "k2020", "entry_type": "article", "kind": "article", "title": "T", "year": 2020}
    if "doi" not in payload and "pmid" not in payload and payload:
        base["url"] = "https://example.org"
    with pytest.raises(ValidationError, match=message):
        Citation.model_validate({**base, **payload})


DEVELOPMENT = {
    "indication": "x",
    "stage": "phase_2",
    "status": "failed",
    "date": "2020",
    "date_kind": "announcement",
}


def test_trial_ids_are_checked() -> None:
    record = {**DEVELOPMENT, "citations": ["a"], "trials": ["NCT123"]}
    with pytest.raises(ValidationError, match="NCT"):
        Compound.model_validate(minimal_compound(development=[record]))


def test_fact_records_need_citations() -> None:
    record = {**DEVELOPMENT, "citations": []}
    with pytest.raises(ValidationError, match="citations"):
        Compound.model_validate(minimal_compound(development=[record]))


def test_combination_needs_components() -> None:
    with pytest.raises(ValidationError, match="two components"):
        Compound.model_validate(minimal_compound(modality="combination"))
    with pytest.raises(ValidationError, match="components"):
        Compound.model_validate(
            minimal_compound(components=[{"compound": "a", "roles": ["active"]}])
        )


def test_protein_target_has_one_component() -> None:
    with pytest.raises(ValidationError, match="exactly one component"):
        Target.model_validate({"id": "t", "name": "T", "kind": "protein"})
    with pytest.raises(ValidationError, match="UniProt"):
        Target.model_validate(
            {
                "id": "t",
                "name": "T",
                "kind": "protein",
                "components": [{"gene": "GRIN2B", "uniprot": "13224"}],
            }
        )


@pytest.mark.parametrize("model", [Compound, Target, MechanismClass, Finding, Citation])
def test_json_round_trip_of_every_bundled_record(kb: KnowledgeBase, model: type) -> None:
    collection = {
        Compound: kb.agents,
        Target: kb.targets,
        MechanismClass: kb.mechanisms,
        Finding: kb.findings,
        Citation: kb.citations,
    }[model]
    assert len(collection) > 0
    for record in collection:
        again = model.model_validate_json(record.model_dump_json())
        assert again == record
        assert model.model_validate(record.model_dump(mode="json")) == record


def test_stage_order() -> None:
    assert (
        ClinicalStage.APPROVAL.rank
        > ClinicalStage.PHASE_3.rank
        > ClinicalStage.PHASE_2_3.rank
        > ClinicalStage.PHASE_2.rank
        > ClinicalStage.PHASE_1.rank
        > ClinicalStage.PRECLINICAL.rank
    )


def test_relation_properties() -> None:
    assert RelationType.ENANTIOMER_OF.symmetric
    assert not RelationType.METABOLITE_OF.symmetric
    assert RelationType.METABOLITE_OF.acyclic


def test_citation_to_bibtex_parses_back() -> None:
    from rapidad.store import parse_bibtex

    c = Citation(
        key="a2020",
        entry_type="article",
        kind="article",
        title="A {T}itle",
        authors=("Doe, J.", "Roe, R."),
        year=2020,
        doi="10.1000/x",
        pmid="1",
    )
    parsed, problems = parse_bibtex(c.to_bibtex())
    assert problems == []
    assert parsed["a2020"] == c


def test_reprs_are_short(kb: KnowledgeBase) -> None:
    shown = repr(kb.agents["ketamine"])
    assert shown.startswith("Compound(id='ketamine', name='Ketamine', modality='small_molecule'")
    assert len(shown) < 250 and "development" not in shown
    assert repr(kb.targets["GRIN2B"]).startswith("Target(id='grin2b'")
    assert "agents" in repr(kb)


def test_a_callers_dict_cannot_change_a_model_later() -> None:
    xrefs = {"unii": "690G0D6V8H", "cas": "6740-88-1"}
    compound = Compound.model_validate(minimal_compound(xrefs=xrefs))
    xrefs["chebi"] = "6121"
    assert dict(compound.xrefs) == {"cas": "6740-88-1", "unii": "690G0D6V8H"}
    assert list(compound.xrefs) == ["cas", "unii"]  # sorted, whatever the input order
    direct = FrozenMap(xrefs)
    xrefs.clear()
    assert len(direct) == 3
