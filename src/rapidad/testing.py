"""Hypothesis strategies for rapidad's schema, for property-based tests here and downstream.

Install the extra first: ``pip install 'rapidad[testing]'``. Every strategy generates *valid*
values; `datasets` generates whole knowledge bases whose ids, cross-references and
hierarchies are consistent, so they load without error.

A downstream package can check that its own code accepts anything rapidad may hand it::

    from hypothesis import given
    from rapidad.testing import compounds, datasets

    @given(compounds())
    def test_my_summary_handles_any_compound(compound):
        assert my_package.summarise(compound)          # never raises

    @given(datasets())
    def test_my_loader_round_trips(raw):
        kb = rapidad.kb.KnowledgeBase(raw)
        assert my_package.export(kb)
"""

from __future__ import annotations

import string
from datetime import date
from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("rapidad.testing needs hypothesis: pip install 'rapidad[testing]'") from exc

from rapidad.models import (
    BIBTEX_TYPES,
    Affinity,
    AntidepressantEffect,
    Citation,
    Component,
    Compound,
    ControlledSchedule,
    DevelopmentRecord,
    DeviceClearance,
    Finding,
    Indication,
    Intervention,
    MechanismClass,
    RegulatoryEvent,
    Relation,
    Synonym,
    Target,
    TargetComponent,
    TargetInteraction,
)
from rapidad.store import DatasetMeta, RawDataset
from rapidad.vocab import (
    ActionQualifier,
    ActionType,
    AffinityMeasure,
    Agency,
    ApprovalEvent,
    CitationKind,
    ClinicalStage,
    ComponentRole,
    DateKind,
    DeviceEvent,
    EndReason,
    EvidenceStatus,
    FindingKind,
    InterventionModality,
    Modality,
    ProgrammeStatus,
    RelationType,
    Route,
    StereoForm,
    SynonymKind,
    TargetKind,
    UseContext,
)

__all__ = [
    "STRUCTURES",
    "cas_numbers",
    "citation_keys",
    "citations",
    "compounds",
    "datasets",
    "dois",
    "findings",
    "inchikeys",
    "indications",
    "interventions",
    "mechanism_classes",
    "nct_ids",
    "partial_dates",
    "pmids",
    "record_ids",
    "targets",
    "uniprot_accessions",
]

_SLUG = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=6)
_TEXT = (
    st.text(
        st.characters(codec="utf-8", categories=("L", "N", "Zs"), exclude_characters="\x00"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


def record_ids() -> st.SearchStrategy[str]:
    """Record ids: lower-case alphanumeric words joined by single hyphens."""
    return st.lists(_SLUG, min_size=1, max_size=3).map("-".join)


def citation_keys() -> st.SearchStrategy[str]:
    """BibTeX keys as rapidad writes them, e.g. ``zarate2022glutamate``."""
    return st.builds(lambda a, y, b: f"{a}{y}{b}", _SLUG, st.integers(1900, 2100), _SLUG)


def partial_dates(until: str | None = None) -> st.SearchStrategy[str]:
    """ISO dates at day, month or year precision, none after the partial date *until*."""
    last = date(2100, 12, 31)
    if until is not None:  # the first day of *until*'s period, so no truncation passes it
        last = date.fromisoformat((until + "-01-01")[:10])
    return st.builds(
        lambda d, cut: d.isoformat()[:cut],
        st.dates(date(1950, 1, 1), last),
        st.sampled_from([4, 7, 10]),
    )


def _cas(body: int) -> str:
    digits = str(body)
    check = sum(int(d) * w for w, d in enumerate(reversed(digits), start=1)) % 10
    return f"{digits[:-2]}-{digits[-2:]}-{check}"


def cas_numbers() -> st.SearchStrategy[str]:
    """CAS Registry Numbers with a correct check digit."""
    return st.integers(1000, 999_999_999).map(_cas)


def inchikeys() -> st.SearchStrategy[str]:
    """Strings of InChIKey shape (not the key of any particular structure)."""
    return st.from_regex(r"\A[A-Z]{14}-[A-Z]{8}[SN]A-[A-Z]\Z")


def uniprot_accessions() -> st.SearchStrategy[str]:
    """UniProt accessions of both six- and ten-character shapes."""
    return st.from_regex(
        r"\A(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})\Z"
    )


def dois() -> st.SearchStrategy[str]:
    """DOIs such as ``10.1234/abc``."""
    return st.builds(lambda r, s: f"10.{r}/{s}", st.integers(1000, 999_999_999), _SLUG)


def pmids() -> st.SearchStrategy[str]:
    """PubMed ids."""
    return st.integers(1, 999_999_999).map(str)


def nct_ids() -> st.SearchStrategy[str]:
    """ClinicalTrials.gov ids."""
    return st.integers(0, 99_999_999).map(lambda n: f"NCT{n:08d}")


_REGISTRY_IDS: dict[str, st.SearchStrategy[str]] = {
    "ClinicalTrials.gov": st.integers(0, 99_999_999).map(lambda n: f"NCT{n:08d}"),
    "EU Clinical Trials Register": st.builds(
        lambda y, n, c: f"{y}-{n:06d}-{c:02d}",
        st.integers(2004, 2030),
        st.integers(0, 999_999),
        st.integers(0, 99),
    ),
}


@st.composite
def _locators(draw: st.DrawFn, kind: CitationKind) -> dict[str, object]:
    """The fields that locate a reference of *kind*, as validation requires them."""
    fields: dict[str, object] = {}
    if kind.scholarly:
        fields["authors"] = draw(st.lists(_TEXT.map(lambda s: f"{s}, A."), max_size=3).map(tuple))
        fields["year"] = draw(st.integers(1900, 2100))
        fields["doi"] = draw(st.none() | dois())
        fields["pmid"] = draw(pmids()) if fields["doi"] is None else draw(st.none() | pmids())
        if kind in (CitationKind.ARTICLE, CitationKind.REVIEW):
            fields["journal"] = draw(_TEXT)
        else:
            fields["booktitle"] = draw(_TEXT)
        return fields
    fields["date"] = draw(partial_dates())
    if kind is CitationKind.REGISTRY_RECORD:
        registry = draw(st.sampled_from(sorted(_REGISTRY_IDS)))
        fields["publisher"] = registry
        fields["identifier"] = draw(_REGISTRY_IDS[registry])
        fields["url"] = draw(st.none() | st.just("https://clinicaltrials.gov/"))
    elif kind in (CitationKind.REGULATORY_DOCUMENT, CitationKind.LABEL):
        fields["agency"] = draw(st.sampled_from(Agency))
        fields["identifier"] = draw(_TEXT)
    else:
        fields["publisher"] = draw(_TEXT)
        if kind in (CitationKind.DATABASE_RECORD, CitationKind.DATASET):
            fields["identifier"] = draw(_TEXT)
        if kind is CitationKind.NEWS:
            fields["url"] = "https://news.example.org/item"
    return fields


@st.composite
def citations(
    draw: st.DrawFn,
    key: st.SearchStrategy[str] | None = None,
    kind: st.SearchStrategy[CitationKind] | None = None,
) -> Citation:
    """References of every kind, each with the locator its kind requires."""
    chosen = draw(kind if kind is not None else st.sampled_from(CitationKind))
    return Citation(
        key=draw(key if key is not None else citation_keys()),
        entry_type=BIBTEX_TYPES.get(chosen, "misc"),
        kind=chosen,
        title=draw(_TEXT),
        **draw(_locators(chosen)),
    )


def _cites(keys: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(keys), min_size=1, max_size=2, unique=True).map(tuple)


def mechanism_classes(
    id: str = "class", parents: list[str] | None = None, cite: list[str] | None = None
) -> st.SearchStrategy[MechanismClass]:
    """A mechanism class with id *id* whose parent, if any, is one of *parents*."""
    parents = parents or []
    cite = cite or []
    return st.builds(
        MechanismClass,
        id=st.just(id),
        name=st.just(f"Class {id}"),
        parent=st.none() | st.sampled_from(parents) if parents else st.none(),
        description=st.none() | _TEXT,
        citations=_cites(cite) if cite else st.just(()),
    )


def targets(id: str = "target", parents: list[str] | None = None) -> st.SearchStrategy[Target]:
    """A target with id *id* of any kind: a protein, or a complex, family or site of proteins.

    A complex or site may be defined by some of its components (``defined_by``), as the
    GluN1/GluN2B receptor is by GRIN2B.
    """
    parents = parents or []
    component = st.builds(
        TargetComponent,
        gene=st.from_regex(r"\A[A-Z][A-Z0-9]{1,6}\Z"),
        uniprot=st.none() | uniprot_accessions(),
    )
    parent = st.none() | st.sampled_from(parents) if parents else st.none()
    protein = st.builds(
        Target,
        id=st.just(id),
        name=st.just(f"Target {id}"),
        kind=st.just(TargetKind.PROTEIN),
        components=st.tuples(component),
        parent=parent,
    )

    @st.composite
    def assembly(draw: st.DrawFn) -> Target:
        kind = draw(st.sampled_from([k for k in TargetKind if k is not TargetKind.PROTEIN]))
        parts = draw(st.lists(component, min_size=1, max_size=3, unique_by=lambda c: c.gene))
        genes = [c.gene for c in parts]
        return Target(
            id=id,
            name=f"Target {id}",
            kind=kind,
            components=tuple(parts),
            defined_by=tuple(draw(st.lists(st.sampled_from(genes), max_size=1))),
            parent=draw(parent),
        )

    return protein | assembly()


#: Structures whose InChIKey, formula, weight and stereo form agree with their SMILES (a test
#: re-derives them with RDKit): (smiles, inchikey, formula, molecular weight, stereo form).
STRUCTURES: tuple[tuple[str, str, str, float, StereoForm], ...] = (
    (
        "CNC1(c2ccccc2Cl)CCCCC1=O",
        "YQEZLKZALYSWHR-UHFFFAOYSA-N",
        "C13H16ClNO",
        237.73,
        StereoForm.RACEMIC,
    ),
    (
        "Nc1cc(Cl)ccc1C(=O)C[C@H](N)C(=O)O",
        "HQLHZNDJQSRKDT-QMMMGPOBSA-N",
        "C10H11ClN2O3",
        242.662,
        StereoForm.SINGLE_STEREOISOMER,
    ),
    (
        "O=C(O)c1cc(=O)c2ccc(Cl)cc2[nH]1",
        "UAWVRVFHMOSAPU-UHFFFAOYSA-N",
        "C10H6ClNO3",
        223.615,
        StereoForm.ACHIRAL,
    ),
    ("N#[N+][O-]", "GQPLMRYTRLFLPF-UHFFFAOYSA-N", "N2O", 44.013, StereoForm.ACHIRAL),
    (
        "NC1(c2ccccc2Cl)CCCCC1=O",
        "BEQZHFIKTBVCAU-UHFFFAOYSA-N",
        "C12H14ClNO",
        223.703,
        StereoForm.RACEMIC,
    ),
    ("CNCC(=O)O", "FSYKKLYZXJSNPZ-UHFFFAOYSA-N", "C3H7NO2", 89.094, StereoForm.ACHIRAL),
    (
        "CC(NC(C)(C)C)C(=O)c1cccc(Cl)c1",
        "SNPPWIUOZRMYNY-UHFFFAOYSA-N",
        "C13H18ClNO",
        239.746,
        StereoForm.RACEMIC,
    ),
)
_P_MEASURES = (AffinityMeasure.PKI, AffinityMeasure.PIC50)
_ONE_MOLECULE = [Modality.SMALL_MOLECULE, Modality.PEPTIDE, Modality.GAS, None]


def _affinities(cite: list[str]) -> st.SearchStrategy[Affinity]:
    """Affinities in range: p-values without a unit, concentrations in nM or uM."""
    p_value = st.builds(
        Affinity,
        measure=st.sampled_from(_P_MEASURES),
        value=st.floats(1.0, 15.0),
        unit=st.none(),
        species=st.none() | st.sampled_from(["human", "rat"]),
        citations=_cites(cite),
    )
    concentration = st.builds(
        Affinity,
        measure=st.sampled_from([m for m in AffinityMeasure if m not in _P_MEASURES]),
        value=st.floats(0.001, 1e5),
        unit=st.sampled_from(["nM", "uM"]),
        citations=_cites(cite),
    )
    return p_value | concentration


def _structure(number: int) -> st.SearchStrategy[dict[str, Any]]:
    """No structure, or the *number*-th of `STRUCTURES` (so compounds of a dataset differ)."""
    # Without a structure the stereo form may still be known (or not).
    bare = st.fixed_dictionaries({"stereo": st.none() | st.sampled_from(StereoForm)})
    if not 1 <= number <= len(STRUCTURES):
        return bare
    smiles, key, formula, weight, stereo = STRUCTURES[number - 1]
    shaped = {
        "smiles": smiles,
        "inchikey": key,
        "formula": formula,
        "molecular_weight": weight,
        "stereo": stereo,
    }
    return bare | st.just(shaped)


def compounds(
    id: str = "agent",
    mechanisms: list[str] | None = None,
    target_ids: list[str] | None = None,
    cite: list[str] | None = None,
    number: int = 1,
    indication_ids: list[str] | None = None,
    compound_ids: list[str] | None = None,
    as_of: str | None = None,
) -> st.SearchStrategy[Compound]:
    """A compound with id *id* referring only to the given ids.

    With the defaults it refers to nothing, so it validates on its own; `datasets` passes the
    ids of the records it generated alongside. With *compound_ids* (records it may refer to,
    generated before it) it may be a combination or formulation of them, or hold relations to
    them. No date is after *as_of*. A compound may have a structure (from `STRUCTURES`),
    target interactions with affinities, development records, regulatory events, schedules and an
    antidepressant effect, or lack any of them, its modality included.
    """
    mechanisms = mechanisms or []
    target_ids = target_ids or []
    cite = cite or ["ref2020a"]
    indication_ids = indication_ids or []
    compound_ids = compound_ids or []
    interaction = st.builds(
        TargetInteraction,
        target=st.sampled_from(target_ids) if target_ids else st.nothing(),
        action=st.sampled_from(ActionType),
        qualifiers=st.lists(st.sampled_from(ActionQualifier), max_size=2, unique=True).map(tuple),
        primary=st.booleans(),
        affinities=st.lists(_affinities(cite), max_size=2).map(tuple),
        note=st.none() | _TEXT,
        citations=_cites(cite),
    )
    development = _development(indication_ids, cite, as_of, detailed=True)
    event = (
        st.builds(
            RegulatoryEvent,
            agency=st.sampled_from(Agency),
            event=st.sampled_from(ApprovalEvent),
            date=partial_dates(as_of),
            date_kind=st.sampled_from(DateKind),
            indication=st.sampled_from(indication_ids),
            context=st.none() | st.sampled_from(UseContext),
            route=st.none() | st.sampled_from(Route),
            citations=_cites(cite),
        )
        if indication_ids
        else st.nothing()
    )
    relation = (
        st.builds(
            Relation,
            # Symmetric relations need their inverse on the other record: `datasets` adds it.
            type=st.sampled_from(RelationType),
            object=st.sampled_from(compound_ids),
            enzymes=st.lists(st.sampled_from(["CYP2B6", "CYP3A4"]), max_size=1).map(tuple),
            citations=st.just(()) | _cites(cite),
        )
        if compound_ids
        else st.nothing()
    )
    one_molecule = st.fixed_dictionaries(
        {
            "modality": st.sampled_from(_ONE_MOLECULE),
            "relations": st.lists(relation, max_size=2, unique_by=lambda r: (r.type, r.object)).map(
                tuple
            )
            if compound_ids
            else st.just(()),
        }
    ).flatmap(lambda shape: _structure(number).map(lambda found: {**shape, **found}))
    parts: list[st.SearchStrategy[dict[str, Any]]] = [one_molecule]
    if len(compound_ids) >= 2:
        component = st.builds(
            Component,
            compound=st.sampled_from(compound_ids),
            roles=st.lists(st.sampled_from(ComponentRole), min_size=1, max_size=2, unique=True).map(
                tuple
            ),
        )
        parts.append(
            st.fixed_dictionaries(
                {
                    "modality": st.just(Modality.COMBINATION),
                    "components": st.lists(
                        component, min_size=2, max_size=3, unique_by=lambda c: c.compound
                    ).map(tuple),
                }
            )
        )
    if compound_ids:
        parts.append(
            st.sampled_from(compound_ids).map(
                lambda other: {
                    "modality": Modality.FORMULATION,
                    "relations": (Relation(type=RelationType.FORMULATION_OF, object=other),),
                }
            )
        )
    return st.builds(
        lambda shape, **fields: Compound(**fields, **shape),
        st.one_of(parts),
        id=st.just(id),
        name=st.just(f"Agent {id}"),
        synonyms=st.lists(
            st.sampled_from(SynonymKind).map(
                lambda kind: Synonym(name=f"{kind.value}-{id}", kind=kind)
            ),
            max_size=3,
            unique_by=lambda syn: syn.kind,
        ).map(tuple),
        xrefs=st.fixed_dictionaries(
            {},
            # Derived from *number* so that no two generated compounds share an identifier.
            optional={
                "pubchem.compound": st.just(str(number)),
                "cas": st.just(_cas(1000 + number)),
                "chembl.compound": st.just(f"CHEMBL{number}"),
            },
        ),
        mechanisms=st.lists(st.sampled_from(mechanisms), max_size=2, unique=True).map(tuple)
        if mechanisms
        else st.just(()),
        targets=st.lists(interaction, max_size=2).map(tuple) if target_ids else st.just(()),
        development=st.lists(development, max_size=3).map(tuple) if indication_ids else st.just(()),
        regulatory_events=st.lists(event, max_size=2).map(tuple) if indication_ids else st.just(()),
        antidepressant_effect=st.none()
        | st.builds(AntidepressantEffect, onset=st.just("within hours"), citations=_cites(cite)),
        schedules=st.lists(
            st.builds(
                ControlledSchedule,
                jurisdiction=st.sampled_from(["US", "UN"]),
                schedule=st.sampled_from(["CIII", "Schedule IV"]),
                citations=_cites(cite),
            ),
            max_size=1,
        ).map(tuple),
        citations=st.just(()) | _cites(cite),
        notes=st.none() | _TEXT,
    )


def findings(
    id: str = "finding",
    compound_ids: list[str] | None = None,
    cite: list[str] | None = None,
    intervention_ids: list[str] | None = None,
) -> st.SearchStrategy[Finding]:
    """A finding about some of *compound_ids* and *intervention_ids*."""
    compound_ids = compound_ids or []
    intervention_ids = intervention_ids or []
    cite = cite or ["ref2020a"]
    return st.builds(
        Finding,
        id=st.just(id),
        statement=_TEXT,
        kind=st.sampled_from(FindingKind),
        evidence=st.sampled_from(EvidenceStatus),
        compounds=st.lists(st.sampled_from(compound_ids), max_size=2, unique=True).map(tuple)
        if compound_ids
        else st.just(()),
        interventions=st.lists(st.sampled_from(intervention_ids), max_size=1).map(tuple)
        if intervention_ids
        else st.just(()),
        citations=_cites(cite),
    )


_CLINICAL_STAGES = [
    s for s in ClinicalStage if s not in (ClinicalStage.APPROVAL, ClinicalStage.WITHDRAWAL)
]


def _with_end_reason(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The fields, with an end reason exactly when the status says the programme ended."""
    if not fields["status"].ended:
        return st.just(fields)
    return st.sampled_from(EndReason).map(lambda reason: {**fields, "end_reason": reason})


def indications(
    id: str = "indication", parents: list[str] | None = None, cite: list[str] | None = None
) -> st.SearchStrategy[Indication]:
    """An indication with id *id* under up to two of *parents*, with MONDO and MeSH ids."""
    parents = parents or []
    number = sum(map(ord, id))
    return st.builds(
        Indication,
        id=st.just(id),
        name=st.just(f"Indication {id}"),
        abbreviations=st.just((f"I{id.upper()}",)),
        parents=st.lists(st.sampled_from(parents), max_size=2, unique=True).map(tuple)
        if parents
        else st.just(()),
        # Derived from the id so that no two generated indications share a cross-reference.
        xrefs=st.just({"mondo": f"{number:07d}", "mesh": f"D{number:06d}"}),
        citations=_cites(cite) if cite else st.just(()),
    )


def _with_inverses(compounds: dict[str, Compound]) -> dict[str, Compound]:
    """The compounds, with the inverse of every symmetric relation recorded on its object."""
    added: dict[str, list[Relation]] = {}
    for c in compounds.values():
        for r in c.relations:
            if r.type.symmetric and not any(
                back.type is r.type and back.object == c.id
                for back in compounds[r.object].relations
            ):
                added.setdefault(r.object, []).append(Relation(type=r.type, object=c.id))
    return {
        cid: c.model_copy(update={"relations": (*c.relations, *added[cid])}) if cid in added else c
        for cid, c in compounds.items()
    }


def _development(
    indication_ids: list[str], cite: list[str], as_of: str | None, *, detailed: bool = False
) -> st.SearchStrategy[DevelopmentRecord]:
    """Development records in *indication_ids*; *detailed* adds every optional field."""
    if not indication_ids:
        return st.nothing()
    required: dict[str, st.SearchStrategy[Any]] = {
        "indication": st.sampled_from(indication_ids),
        "stage": st.sampled_from(_CLINICAL_STAGES),
        "status": st.sampled_from(
            [s for s in ProgrammeStatus if s is not ProgrammeStatus.APPROVED]
        ),
        "date": partial_dates(as_of),
        "date_kind": st.sampled_from(DateKind),
        "citations": _cites(cite),
    }
    optional: dict[str, st.SearchStrategy[Any]] = {}
    if detailed:
        required |= {
            "context": st.none() | st.sampled_from(UseContext),
            "route": st.none() | st.sampled_from(Route),
            "trials": st.lists(nct_ids(), max_size=2).map(tuple),
        }
        optional = {
            "programme": st.sampled_from(["PROG-1", "PROG-2"]),
            "population": _TEXT,
            "wording": _TEXT,
            "sponsor": _TEXT,
            "event": _TEXT,
        }
    return (
        st.fixed_dictionaries(required, optional=optional)
        .flatmap(_with_end_reason)
        .map(lambda fields: DevelopmentRecord(**fields))
    )


def interventions(
    id: str = "intervention",
    indication_ids: list[str] | None = None,
    cite: list[str] | None = None,
    as_of: str | None = None,
) -> st.SearchStrategy[Intervention]:
    """A non-drug intervention with id *id*, its clearances and development in *indication_ids*."""
    indication_ids = indication_ids or []
    cite = cite or ["ref2020a"]
    clearance = (
        st.builds(
            DeviceClearance,
            agency=st.sampled_from(Agency),
            event=st.sampled_from(DeviceEvent),
            date=partial_dates(as_of),
            date_kind=st.sampled_from(DateKind),
            indication=st.sampled_from(indication_ids),
            device=st.none() | _TEXT,
            number=st.none() | st.from_regex(r"\AK[0-9]{6}\Z"),
            citations=_cites(cite),
        )
        if indication_ids
        else st.nothing()
    )
    development = _development(indication_ids, cite, as_of)
    return st.builds(
        Intervention,
        id=st.just(id),
        name=st.just(f"Intervention {id}"),
        modality=st.sampled_from(InterventionModality),
        abbreviations=st.just((f"IV{id.upper()}",)),
        target_region=st.none() | _TEXT,
        clearances=st.lists(clearance, max_size=2).map(tuple) if indication_ids else st.just(()),
        development=st.lists(development, max_size=2).map(tuple) if indication_ids else st.just(()),
        antidepressant_effect=st.none()
        | st.builds(AntidepressantEffect, onset=st.just("within days"), citations=_cites(cite)),
        citations=st.just(()) | _cites(cite),
    )


def _unique_ids(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(n)]


@st.composite
def datasets(draw: Any, max_records: int = 6) -> RawDataset:
    """Whole, consistent knowledge bases as `rapidad.store.RawDataset` (load cleanly).

    Ids are unique, every reference resolves, hierarchies are acyclic (a parent always comes
    earlier) and no two records share a name or identifier.
    """
    as_of = draw(partial_dates())
    n_cite = draw(st.integers(1, 4))
    keys = [f"ref{2000 + i}x" for i in range(n_cite)]
    cites = {k: draw(citations(key=st.just(k))) for k in keys}
    cites = {
        k: c.model_copy(update={"date": draw(partial_dates(as_of))}) if c.date else c
        for k, c in cites.items()
    }
    # DOIs and PMIDs are unique per dataset: the same DOI on two entries is a dataset error.
    cites = {
        k: c.model_copy(update={"doi": f"10.1000/{k}", "pmid": str(1000 + i) if c.pmid else None})
        for i, (k, c) in enumerate(cites.items())
    }
    mech_ids = _unique_ids("mech-", draw(st.integers(0, max_records)))
    mechs: dict[str, MechanismClass] = {}
    for i, mid in enumerate(mech_ids):
        mechs[mid] = draw(mechanism_classes(mid, mech_ids[:i], keys))
    target_ids = _unique_ids("target-", draw(st.integers(0, max_records)))
    tgts: dict[str, Target] = {}
    for i, tid in enumerate(target_ids):
        t = draw(targets(tid, target_ids[:i]))
        # Gene symbols are unique per dataset so gene-symbol lookups stay unambiguous.
        genes = {c.gene: f"G{i}X{j}" for j, c in enumerate(t.components)}
        comps = tuple(c.model_copy(update={"gene": genes[c.gene]}) for c in t.components)
        defined = tuple(genes[g] for g in t.defined_by)
        tgts[tid] = t.model_copy(update={"components": comps, "defined_by": defined})
    indication_ids = _unique_ids("ind-", draw(st.integers(0, max_records)))
    inds: dict[str, Indication] = {}
    for i, iid in enumerate(indication_ids):
        inds[iid] = draw(indications(iid, indication_ids[:i], keys))
    compound_ids = _unique_ids("agent-", draw(st.integers(1, max_records)))
    comps_: dict[str, Compound] = {}
    for i, cid in enumerate(compound_ids):
        # Compounds refer only to earlier ones, so relations that must not cycle never do.
        comps_[cid] = draw(
            compounds(
                cid,
                mech_ids,
                target_ids,
                keys,
                number=i + 1,
                indication_ids=indication_ids,
                compound_ids=compound_ids[:i],
                as_of=as_of,
            )
        )
    comps_ = _with_inverses(comps_)
    intervention_ids = _unique_ids("intervention-", draw(st.integers(0, 3)))
    ivs = {iid: draw(interventions(iid, indication_ids, keys, as_of)) for iid in intervention_ids}
    finding_ids = _unique_ids("finding-", draw(st.integers(0, 3)))
    finds = {fid: draw(findings(fid, compound_ids, keys, intervention_ids)) for fid in finding_ids}
    meta = DatasetMeta(as_of=as_of)
    return RawDataset(
        compounds=comps_,
        targets=tgts,
        mechanisms=mechs,
        findings=finds,
        indications=inds,
        interventions=ivs,
        citations=cites,
        meta=meta,
    )
