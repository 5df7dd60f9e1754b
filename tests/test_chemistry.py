"""Structure-derived fields re-derived by RDKit, and the chemistry behind the relations.

Every check runs over every record, so a new record is checked without touching this file.
"""

from __future__ import annotations

import re
from collections import Counter

from rdkit import Chem, RDLogger
from rdkit.Chem import Descriptors, rdMolDescriptors
from rdkit.Chem.EnumerateStereoisomers import EnumerateStereoisomers, StereoEnumerationOptions

from rapidad.kb import KnowledgeBase
from rapidad.models import Compound
from rapidad.vocab import Modality, RelationType, StereoForm

RDLogger.DisableLog("rdApp.*")


def structured(kb: KnowledgeBase) -> list[Compound]:
    return [c for c in kb.agents if c.smiles]


def mol(compound: Compound) -> Chem.Mol:
    m = Chem.MolFromSmiles(compound.smiles)
    assert m is not None, f"{compound.id}: RDKit cannot parse {compound.smiles!r}"
    return m


def cip_labels(m: Chem.Mol) -> list[str]:
    centres = Chem.FindMolChiralCenters(m, includeUnassigned=True, useLegacyImplementation=False)
    # A bridgehead nitrogen (quinuclidine) is fixed by its ring carbons; SMILES leaves it unmarked.
    return [
        label
        for idx, label in centres
        if not (label == "?" and m.GetAtomWithIdx(idx).GetSymbol() == "N")
    ]


def test_some_records_have_structures(kb: KnowledgeBase) -> None:
    assert len(structured(kb)) >= 20


def test_inchikey_formula_weight_and_smiles_are_rdkit_derived(kb: KnowledgeBase) -> None:
    wrong = []
    for c in structured(kb):
        m = mol(c)
        derived = {
            "inchikey": Chem.MolToInchiKey(m),
            "formula": rdMolDescriptors.CalcMolFormula(m),
            "smiles": Chem.MolToSmiles(m),
        }
        for field, value in derived.items():
            if getattr(c, field) != value:
                wrong.append(f"{c.id}.{field}: stored {getattr(c, field)!r}, RDKit gives {value!r}")
        weight = Descriptors.MolWt(m)
        if c.molecular_weight is None or abs(c.molecular_weight - weight) > 0.01:
            wrong.append(
                f"{c.id}.molecular_weight: stored {c.molecular_weight}, RDKit gives {weight:.3f}"
            )
    assert not wrong, "\n".join(wrong)


def test_no_structure_fields_without_smiles(kb: KnowledgeBase) -> None:
    for c in kb.agents:
        if not c.smiles:
            assert c.inchikey is None, c.id
            assert c.formula is None, c.id
            assert c.molecular_weight is None, c.id


def embeddable_stereoisomers(m: Chem.Mol) -> int:
    options = StereoEnumerationOptions(tryEmbedding=True, maxIsomers=4)
    return len(list(EnumerateStereoisomers(m, options=options)))


def test_stereo_form_matches_structure(kb: KnowledgeBase) -> None:
    wrong = []
    for c in structured(kb):
        labels = cip_labels(mol(c))
        if labels and set(labels) == {"?"} and embeddable_stereoisomers(mol(c)) == 1:
            labels = []  # cage bridgeheads (memantine): only one arrangement exists in space
        assigned = [x for x in labels if x != "?"]
        expected = {
            StereoForm.ACHIRAL: not labels,
            StereoForm.RACEMIC: bool(labels) and not assigned,
            StereoForm.SINGLE_STEREOISOMER: bool(labels) and len(assigned) == len(labels),
            StereoForm.UNSPECIFIED: not assigned,
        }
        if c.stereo is None or not expected[c.stereo]:
            wrong.append(f"{c.id}: stereo {c.stereo} but CIP labels {labels}")
    assert not wrong, "\n".join(wrong)


_DESCRIPTOR = re.compile(r"^\(((?:\d*[RS])(?:,\s*\d*[RS])*)\)-")
_DESCRIPTOR_ANYWHERE = re.compile(r"\(\d*[RS][,)]")


def test_cip_labels_agree_with_stereo_descriptors_in_names(kb: KnowledgeBase) -> None:
    checked = 0
    wrong = []
    for c in structured(kb):
        labels = Counter(x for x in cip_labels(mol(c)) if x != "?")
        names = [
            c.name,
            *(s.name for s in c.synonyms if s.kind.value in {"stereo_name", "common", "inn"}),
        ]
        for name in names:
            match = _DESCRIPTOR.match(name)
            # Only names whose one leading descriptor covers the molecule: "(S)-ketamine", "(2R,6R)-HNK".
            if not match or _DESCRIPTOR_ANYWHERE.search(name[match.end() :]):
                continue
            checked += 1
            if match.group(1).replace(" ", "") == "R,S":  # the racemate: no centre may be assigned
                if labels or c.stereo is not StereoForm.RACEMIC:
                    wrong.append(f"{c.id}: name {name!r} says racemic, RDKit finds {dict(labels)}")
                continue
            wanted = Counter(re.sub(r"\d", "", part.strip()) for part in match.group(1).split(","))
            if wanted != labels:
                wrong.append(
                    f"{c.id}: name {name!r} says {dict(wanted)}, RDKit finds {dict(labels)}"
                )
    assert checked >= 5
    assert not wrong, "\n".join(wrong)


def mirror(smiles: str) -> str:
    swapped = smiles.replace("@@", "\0").replace("@", "@@").replace("\0", "@")
    return Chem.MolToSmiles(Chem.MolFromSmiles(swapped))


def relations(kb: KnowledgeBase, kind: RelationType) -> list[tuple[Compound, Compound]]:
    return [(c, kb.agents[r.object]) for c in kb.agents for r in c.relations if r.type is kind]


def test_enantiomers_are_mirror_images(kb: KnowledgeBase) -> None:
    pairs = relations(kb, RelationType.ENANTIOMER_OF)
    assert pairs
    for a, b in pairs:
        assert a.inchikey and b.inchikey, (a.id, b.id)
        assert a.inchikey[:14] == b.inchikey[:14], (a.id, b.id)
        assert a.inchikey != b.inchikey
        assert mirror(a.smiles or "") == b.smiles, f"{a.id} mirrored is not {b.id}"
        assert a.stereo is b.stereo is StereoForm.SINGLE_STEREOISOMER


def test_racemates_carry_no_stereo_and_share_the_skeleton(kb: KnowledgeBase) -> None:
    pairs = relations(kb, RelationType.RACEMATE_OF)
    assert pairs
    for racemate, enantiomer in pairs:
        assert racemate.stereo is StereoForm.RACEMIC
        assert "@" not in (racemate.smiles or "")
        assert racemate.inchikey and enantiomer.inchikey
        assert racemate.inchikey[:14] == enantiomer.inchikey[:14]
        assert racemate.inchikey[15:25] == "UHFFFAOYSA", racemate.id
        flat = Chem.MolToSmiles(Chem.MolFromSmiles(enantiomer.smiles or ""), isomericSmiles=False)
        assert flat == racemate.smiles


def formula_counts(formula: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for element, n in re.findall(r"([A-Z][a-z]?)(\d*)", formula):
        counts[element] += int(n or 1)
    return counts


# Phase I steps a metabolite may be from its parent, as formula differences (metabolite - parent).
_STEPS = {
    "N-demethylation": Counter({"C": -1, "H": -2}),
    "hydroxylation": Counter({"O": 1}),
    "dehydrogenation": Counter({"H": -2}),
    # kynurenine aminotransferase: transamination then ring closure (kynurenine -> kynurenic acid)
    "transamination with cyclisation": Counter({"H": -5, "N": -1}),
}


def test_metabolites_are_chemically_consistent(kb: KnowledgeBase) -> None:
    checked = 0
    for metabolite, parent in relations(kb, RelationType.METABOLITE_OF):
        if not (metabolite.formula and parent.formula):
            continue
        diff = formula_counts(metabolite.formula)
        diff.subtract(formula_counts(parent.formula))
        delta = {k: v for k, v in diff.items() if v}
        allowed = [
            name for name, step in _STEPS.items() if {k: v for k, v in step.items() if v} == delta
        ]
        assert allowed, (
            f"{metabolite.id} from {parent.id}: formula change {delta} is no known single step"
        )
        checked += 1
    assert checked >= 3


def test_norketamine_is_n_demethylated_ketamine(kb: KnowledgeBase) -> None:
    ketamine, norketamine = kb.agents["ketamine"], kb.agents["norketamine"]
    assert ketamine.formula and norketamine.formula
    diff = formula_counts(ketamine.formula)
    diff.subtract(formula_counts(norketamine.formula))
    assert +diff == Counter({"C": 1, "H": 2})


def test_no_two_records_share_a_structure_or_xref(kb: KnowledgeBase) -> None:
    keys = Counter(c.inchikey for c in kb.agents if c.inchikey)
    assert not [k for k, n in keys.items() if n > 1]
    xrefs = Counter((p, v) for c in kb.agents for p, v in c.xrefs.items())
    assert not [k for k, n in xrefs.items() if n > 1]


def test_combinations_and_formulations_have_no_structure(kb: KnowledgeBase) -> None:
    for c in kb.agents:
        if c.modality in {Modality.COMBINATION, Modality.FORMULATION}:
            assert not c.smiles, c.id
            assert not c.xrefs.get("inchikey"), c.id
