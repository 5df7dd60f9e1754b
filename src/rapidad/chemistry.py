"""Structure checks with RDKit: each compound's derived fields re-derived from its SMILES.

RDKit is an optional extra (``pip install 'rapidad[chemistry]'``); nothing else in rapidad
imports this module. ``python -m rapidad validate --chemistry PATH`` runs these checks on a
dataset after it has loaded.

>>> from rapidad.chemistry import structure_problems
>>> from rapidad.kb import bundled
>>> structure_problems(bundled().agents)  # doctest: +SKIP
[]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rapidad.errors import Problem
from rapidad.models import Compound
from rapidad.vocab import StereoForm

__all__ = ["WEIGHT_TOLERANCE", "MissingRDKitError", "stereo_form", "structure_problems"]

#: How far (g/mol) a stored molecular weight may be from RDKit's.
WEIGHT_TOLERANCE = 0.01
_FILE = "compounds.json"


class MissingRDKitError(ImportError):
    """RDKit is needed for structure checks and is not installed."""


def _rdkit() -> Any:
    try:
        from rdkit import Chem, RDLogger
        from rdkit.Chem import Descriptors, rdMolDescriptors
    except ImportError as exc:
        raise MissingRDKitError(
            "structure checks need RDKit: pip install 'rapidad[chemistry]'"
        ) from exc
    RDLogger.DisableLog("rdApp.*")  # type: ignore[attr-defined]
    return Chem, Descriptors, rdMolDescriptors


def stereo_form(smiles: str) -> StereoForm | None:
    """The stereochemical form a SMILES describes, or None if RDKit cannot parse it.

    A bridgehead nitrogen fixed by its ring carbons (quinuclidine) is not counted as a centre.

    >>> stereo_form("CN[C@@]1(CCCCC1=O)C1=CC=CC=C1Cl").value  # doctest: +SKIP
    'single_stereoisomer'
    """
    chem, _, _ = _rdkit()
    mol = chem.MolFromSmiles(smiles)
    if mol is None:
        return None
    centres = chem.FindMolChiralCenters(mol, includeUnassigned=True, useLegacyImplementation=False)
    labels = [
        label
        for idx, label in centres
        if not (label == "?" and mol.GetAtomWithIdx(idx).GetSymbol() == "N")
    ]
    assigned = [x for x in labels if x != "?"]
    if not labels or (not assigned and _one_real_stereoisomer(mol)):
        return StereoForm.ACHIRAL
    if not assigned:
        return StereoForm.RACEMIC
    if len(assigned) == len(labels):
        return StereoForm.SINGLE_STEREOISOMER
    return StereoForm.UNSPECIFIED


def _one_real_stereoisomer(mol: Any) -> bool:
    """Whether only one stereoisomer of *mol* can exist in three dimensions.

    A cage's bridgeheads (memantine's adamantane) look like stereocentres in a graph, but only one
    arrangement of them embeds in space, so the molecule is achiral.
    """
    from rdkit.Chem import EnumerateStereoisomers

    enumerator: Any = EnumerateStereoisomers  # RDKit's Python helpers have no annotations
    options = enumerator.StereoEnumerationOptions(tryEmbedding=True, maxIsomers=4)
    return len(list(enumerator.EnumerateStereoisomers(mol, options=options))) == 1


def structure_problems(compounds: Iterable[Compound]) -> list[Problem]:
    """Problems where a compound's InChIKey, formula, weight or stereo disagree with its SMILES.

    Raises:
        MissingRDKitError: if RDKit is not installed.

    """
    chem, descriptors, mol_descriptors = _rdkit()
    problems: list[Problem] = []
    for c in compounds:
        if c.smiles:
            problems += _compound(c, chem, descriptors, mol_descriptors)
    return problems


def _compound(c: Compound, chem: Any, descriptors: Any, mol_descriptors: Any) -> Iterator[Problem]:
    assert c.smiles is not None
    mol = chem.MolFromSmiles(c.smiles)
    if mol is None:
        yield Problem(_FILE, c.id, "smiles", "RDKit cannot parse the SMILES")
        return
    derived = {
        "inchikey": chem.MolToInchiKey(mol),
        "formula": mol_descriptors.CalcMolFormula(mol),
    }
    for field, value in derived.items():
        stored = getattr(c, field)
        if stored is not None and stored != value:
            yield Problem(_FILE, c.id, field, f"{stored}, but the SMILES gives {value}")
    weight = descriptors.MolWt(mol)
    if c.molecular_weight is not None and abs(c.molecular_weight - weight) > WEIGHT_TOLERANCE:
        yield Problem(
            _FILE,
            c.id,
            "molecular_weight",
            f"{c.molecular_weight} g/mol, but the SMILES gives {weight:.3f} g/mol",
        )
    form = stereo_form(c.smiles)
    # "Unspecified" fits any structure whose centres are not all assigned.
    vague = c.stereo is StereoForm.UNSPECIFIED and form is not StereoForm.SINGLE_STEREOISOMER
    if c.stereo is not None and form is not None and c.stereo is not form and not vague:
        yield Problem(_FILE, c.id, "stereo", f"{c.stereo.value}, but the SMILES is {form.value}")
