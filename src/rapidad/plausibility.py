"""Checks that values are plausible, needing nothing beyond the records themselves.

Validation of one record cannot see the dataset's as-of date, and a mistyped mass or an affinity
in the wrong unit is a valid number. These checks run on every load, so a user's dataset meets
them as the bundled one does; the structure checks that need RDKit are in `rapidad.chemistry`.

>>> formula_weight("C13H16ClNO")  # ketamine
237.73
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from rapidad.errors import Problem
from rapidad.vocab import AffinityMeasure

if TYPE_CHECKING:
    from rapidad.models import Citation, Compound, Intervention
    from rapidad.store import RawDataset

__all__ = [
    "ATOMIC_WEIGHTS",
    "P_VALUE_RANGE",
    "WEIGHT_TOLERANCE",
    "after",
    "formula_weight",
    "plausibility_problems",
]

#: Average atomic weights (g/mol) of the elements an agent's formula is likely to hold, as RDKit's
#: periodic table gives them (a test compares them), so weights agree with RDKit-derived ones.
ATOMIC_WEIGHTS: Mapping[str, float] = {
    "H": 1.008,
    "Li": 6.941,
    "B": 10.812,
    "C": 12.011,
    "N": 14.007,
    "O": 15.999,
    "F": 18.998,
    "Na": 22.99,
    "Mg": 24.305,
    "Si": 28.086,
    "P": 30.974,
    "S": 32.067,
    "Cl": 35.453,
    "K": 39.098,
    "Ca": 40.078,
    "Fe": 55.845,
    "Zn": 65.39,
    "Se": 78.96,
    "Br": 79.904,
    "I": 126.904,
    "Xe": 131.29,
    "Pt": 195.078,
}
#: How far (g/mol) a stored molecular weight may be from its formula's.
WEIGHT_TOLERANCE = 0.05
#: The range a p-value (pKi, pIC50) can take: 100 mM to 1 fM.
P_VALUE_RANGE = (1.0, 15.0)
# A concentration affinity and its unit as molar factor; beyond 1 M nothing binds specifically.
_MOLAR = {"pM": 1e-12, "nM": 1e-9, "uM": 1e-6, "µM": 1e-6, "μM": 1e-6, "mM": 1e-3, "M": 1.0}
# Dihydrogen: nothing that is a molecule weighs less.
_LIGHTEST = 2 * ATOMIC_WEIGHTS["H"]
_P_MEASURES = frozenset({AffinityMeasure.PKI, AffinityMeasure.PIC50})
_ELEMENT = re.compile(r"([A-Z][a-z]?)(\d*)")
_ISOTOPE = re.compile(r"\[\d")


def formula_weight(formula: str) -> float | None:
    """Average molecular weight of a Hill formula, or None if it holds an element not tabled."""
    total = 0.0
    for element, count in _ELEMENT.findall(formula):
        weight = ATOMIC_WEIGHTS.get(element)
        if weight is None:
            return None
        total += weight * int(count or 1)
    return round(total, 3)


def after(date: str, as_of: str) -> bool:
    """Whether partial ISO date *date* lies wholly after *as_of* ("2027" is after "2026-12-01").

    >>> after("2026-12", "2026-12-01"), after("2027", "2026-12-01")
    (False, True)
    """
    n = min(len(date), len(as_of))
    return date[:n] > as_of[:n]


def plausibility_problems(raw: RawDataset) -> list[Problem]:
    """Problems with values that validate but cannot be right (see the module docstring)."""
    problems: list[Problem] = []
    as_of = raw.meta.as_of if raw.meta else None
    for c in raw.compounds.values():
        problems += _compound_problems(c, as_of)
    if as_of:
        for fd in raw.findings.values():
            if fd.as_of and after(fd.as_of, as_of):
                message = f"{fd.as_of} is after the as-of date {as_of}"
                problems.append(Problem("findings.json", fd.id, "as_of", message))
        for iv in raw.interventions.values():
            problems += _late(iv, ("clearances", "development"), "interventions.json", as_of)
    if as_of:
        problems += _citation_problems(raw.citations, as_of)
    return problems


def _compound_problems(c: Compound, as_of: str | None) -> Iterator[Problem]:
    f = "compounds.json"
    # A formula does not tell isotopes apart ([2H] counts as H), so a labelled mass cannot match.
    labelled = bool(c.smiles and _ISOTOPE.search(c.smiles))
    if c.molecular_weight is not None and c.formula and not labelled:
        expected = formula_weight(c.formula)
        if expected is not None and abs(expected - c.molecular_weight) > WEIGHT_TOLERANCE:
            yield Problem(
                f,
                c.id,
                "molecular_weight",
                f"{c.molecular_weight} g/mol, but formula {c.formula} weighs {expected} g/mol",
            )
    elif c.molecular_weight is not None and c.molecular_weight < _LIGHTEST:
        yield Problem(
            f, c.id, "molecular_weight", f"{c.molecular_weight} g/mol is lighter than any molecule"
        )
    if as_of:
        yield from _late(c, ("development", "regulatory_events"), f, as_of)
    for i, t in enumerate(c.targets):
        for j, a in enumerate(t.affinities):
            where = f"targets.{i}.affinities.{j}"
            if a.measure in _P_MEASURES:
                low, high = P_VALUE_RANGE
                if a.unit is not None:
                    yield Problem(f, c.id, f"{where}.unit", f"a {a.measure.value} has no unit")
                elif not low <= a.value <= high:
                    yield Problem(
                        f,
                        c.id,
                        f"{where}.value",
                        f"{a.measure.value} {a.value} outside {low}-{high}",
                    )
            elif a.unit not in _MOLAR:
                units = ", ".join(_MOLAR)
                yield Problem(f, c.id, f"{where}.unit", f"needs a molar unit ({units})")
            elif a.value * _MOLAR[a.unit] > 1.0:
                yield Problem(f, c.id, f"{where}.value", f"{a.value} {a.unit} is above 1 M")


def _late(
    record: Compound | Intervention, groups: tuple[str, ...], file: str, as_of: str
) -> Iterator[Problem]:
    """Problems for the dated events of *record* (in *groups*) that lie after *as_of*."""
    for group in groups:
        for i, item in enumerate(getattr(record, group)):
            if after(item.date, as_of):
                message = f"{item.date} is after the as-of date {as_of}"
                yield Problem(file, record.id, f"{group}.{i}.date", message)


def _citation_problems(citations: Mapping[str, Citation], as_of: str) -> Iterator[Problem]:
    for key, cite in citations.items():
        if cite.date and after(cite.date, as_of):
            yield Problem("references.bib", key, "date", f"{cite.date} is after the as-of date")
