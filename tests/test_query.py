from __future__ import annotations

import pytest

import rapidad
from rapidad.kb import KnowledgeBase
from rapidad.vocab import ProgrammeStatus


def test_public_collections_are_the_bundled_ones(kb: KnowledgeBase) -> None:
    from rapidad import agents, citations, findings, mechanisms, targets

    assert agents is kb.agents
    assert targets is kb.targets
    assert mechanisms is kb.mechanisms
    assert citations is kb.citations
    assert findings is kb.findings


def test_order_is_stable_by_id(kb: KnowledgeBase) -> None:
    ids = [c.id for c in kb.agents]
    assert ids == sorted(ids)
    assert list(kb.agents.ids) == ids
    assert len(kb.agents) == len(ids)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("esketamine", "esketamine"),
        ("(S)-ketamine", "esketamine"),
        ("S-ketamine", "esketamine"),
        ("Esketamine", "esketamine"),
        ("  ESKETAMINE ", "esketamine"),
        ("Spravato", "esketamine"),
        ("pubchem.compound:182137", "esketamine"),
        ("PUBCHEM.COMPOUND:182137", "esketamine"),
        ("unii:50LFG02TXD", "esketamine"),
        ("(R)-ketamine", "arketamine"),
        ("(R,S)-ketamine", "ketamine"),
        ("Ketalar", "ketamine"),
        ("(2R,6R)-hydroxynorketamine", "hnk-2r6r"),
        ("(2R,6R)\u2013HNK", "hnk-2r6r"),
        ("AXS-05", "axs-05"),
        ("Auvelity", "axs-05"),
        ("AZD6765", "lanicemine"),
        ("GLYX-13", "rapastinel"),
        ("CP-101,606", "traxoprodil"),
        ("NV-5138", "nv-5138"),
        ("RG1578", "rg1578"),
        ("axsome", "axs-05"),
        ("Zulresso", "brexanolone"),
        ("nitrous oxide", "nitrous-oxide"),
    ],
)
def test_every_spelling_finds_its_record(kb: KnowledgeBase, key: str, expected: str) -> None:
    assert kb.agents[key].id == expected
    assert kb.agents.get(key) is kb.agents[expected]
    assert key in kb.agents


def test_every_name_and_synonym_finds_its_record(kb: KnowledgeBase) -> None:
    for compound in kb.agents:
        for name in (compound.id, compound.name, *(s.name for s in compound.synonyms)):
            assert kb.agents[name] is compound, name
        for prefix, local in compound.xrefs.items():
            assert kb.agents[f"{prefix}:{local}"] is compound


def test_miss_raises_keyerror_with_close_matches(kb: KnowledgeBase) -> None:
    with pytest.raises(KeyError, match="esketamine") as info:
        kb.agents["esketamin"]
    assert "did you mean" in str(info.value)
    assert kb.agents.get("esketamin") is None
    assert kb.agents.get("esketamin", kb.agents["ketamine"]).id == "ketamine"
    assert "esketamin" not in kb.agents


def test_non_string_keys(kb: KnowledgeBase) -> None:
    assert kb.agents.get(3) is None  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        kb.agents[3]  # type: ignore[index]


def test_targets_by_gene_symbol(kb: KnowledgeBase) -> None:
    glun2b = kb.targets["GRIN2B"]
    assert glun2b.id == "grin2b"
    assert glun2b.components[0].uniprot == "Q13224"
    assert kb.targets["uniprot:Q13224"] is glun2b
    assert kb.targets["NR2B"] is glun2b


def test_filter_by_mechanism_includes_descendants(kb: KnowledgeBase) -> None:
    broad = kb.agents.filter(mechanism="nmda-receptor-antagonist")
    blockers = kb.agents.filter(mechanism="NMDA receptor channel blocker")
    assert set(blockers.ids) <= set(broad.ids)
    assert "esketamine" in blockers
    assert "eliprodil" in broad  # a GluN2B antagonist, a subclass of NMDA receptor antagonist
    assert type(broad) is type(kb.agents)


def test_filter_chains_and_intersects(kb: KnowledgeBase) -> None:
    chained = kb.agents.filter(mechanism="glutamatergic-modulator").filter(approved=True)
    both = kb.agents.filter(mechanism="glutamatergic-modulator", approved=True)
    assert chained.ids == both.ids
    assert "esketamine" in both
    assert all(c.approved for c in both)


def test_filter_by_target(kb: KnowledgeBase) -> None:
    glun2b = kb.agents.filter(target="GRIN2B")
    assert {"eliprodil", "traxoprodil", "rislenemdaz"} <= set(glun2b.ids)
    assert "brexanolone" not in glun2b
    nmda = kb.agents.filter(target="nmda-receptor")
    assert set(glun2b.ids) <= set(nmda.ids) | set(glun2b.ids)
    assert "d-cycloserine" in nmda  # glycine site is a site of the NMDA receptor


def test_filter_by_status_indication_and_stage(kb: KnowledgeBase) -> None:
    failed = kb.agents.filter(status="failed")
    assert failed
    assert all(any(d.status is ProgrammeStatus.FAILED for d in c.development) for c in failed)
    ppd = kb.agents.filter(indication="postpartum depression")
    assert "brexanolone" in ppd
    approved_stage = kb.agents.filter(stage="approval")
    assert "esketamine" in approved_stage


def test_filter_errors(kb: KnowledgeBase) -> None:
    with pytest.raises(KeyError, match="no mechanism class"):
        kb.agents.filter(mechanism="no such class")
    with pytest.raises(KeyError, match="no target"):
        kb.agents.filter(target="GRIN9Z")
    with pytest.raises(ValueError, match="nonsense"):
        kb.agents.filter(status="nonsense")


def test_search(kb: KnowledgeBase) -> None:
    hits = kb.agents.search("ketamine")
    assert {"ketamine", "esketamine", "arketamine", "norketamine"} <= set(hits.ids)
    assert not kb.agents.search("")


def test_mechanism_hierarchy(kb: KnowledgeBase) -> None:
    chain = [m.id for m in kb.mechanisms.ancestors("nmda-channel-blocker")]
    assert chain == ["nmda-receptor-antagonist", "glutamatergic-modulator"]
    assert "nmda-channel-blocker" in kb.mechanisms.children("nmda-receptor-antagonist")
    assert "glutamatergic-modulator" in kb.mechanisms.roots()


def test_related_includes_inverse_relations(kb: KnowledgeBase) -> None:
    rels = kb.agents.related("ketamine")
    assert ("racemate_of", kb.agents["ketamine"], kb.agents["esketamine"]) in rels
    assert any(t == "metabolite_of" and s.id == "norketamine" for t, s, _ in rels)


def test_findings_about(kb: KnowledgeBase) -> None:
    about = kb.findings.about("ketamine")
    assert "ketamine-rapid-sustained-efficacy" in about
    assert all("ketamine" in f.compounds for f in about)


def test_citations_to_bibtex(kb: KnowledgeBase) -> None:
    text = kb.citations.to_bibtex(["zarate2022glutamate"])
    assert text.startswith("@article{zarate2022glutamate,")
    assert "10.1016/j.euroneuro.2021.09.005" in text
    with pytest.raises(KeyError):
        kb.citations.to_bibtex(["nope"])
    assert kb.citations["doi:10.1016/j.euroneuro.2021.09.005"].key == "zarate2022glutamate"


def test_versions() -> None:
    assert rapidad.__version__.count(".") == 2
    major, minor, patch = (int(x) for x in rapidad.SCHEMA_VERSION.split("."))
    assert major >= 1


def test_to_records_is_json_ready(kb: KnowledgeBase) -> None:
    import json

    records = kb.agents.filter(approved=True).to_records()
    assert json.loads(json.dumps(records)) == records
