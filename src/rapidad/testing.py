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
    Compound,
    DevelopmentRecord,
    Finding,
    Indication,
    MechanismClass,
    RegulatoryEvent,
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
    DateKind,
    EndReason,
    EvidenceStatus,
    FindingKind,
    Modality,
    ProgrammeStatus,
    Route,
    StereoForm,
    SynonymKind,
    TargetKind,
    UseContext,
)

__all__ = [
    "cas_numbers",
    "citation_keys",
    "citations",
    "compounds",
    "datasets",
    "dois",
    "findings",
    "inchikeys",
    "indications",
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


def partial_dates() -> st.SearchStrategy[str]:
    """ISO dates at day, month or year precision."""
    return st.builds(
        lambda d, cut: d.isoformat()[:cut],
        st.dates(date(1950, 1, 1), date(2100, 12, 31)),
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
    """A target with id *id*: a protein, or a complex of two proteins."""
    parents = parents or []
    component = st.builds(
        TargetComponent,
        gene=st.from_regex(r"\A[A-Z][A-Z0-9]{1,6}\Z"),
        uniprot=st.none() | uniprot_accessions(),
    )
    protein = st.builds(
        Target,
        id=st.just(id),
        name=st.just(f"Target {id}"),
        kind=st.just(TargetKind.PROTEIN),
        components=st.tuples(component),
        parent=st.none() | st.sampled_from(parents) if parents else st.none(),
    )
    complex_ = st.builds(
        Target,
        id=st.just(id),
        name=st.just(f"Target {id}"),
        kind=st.just(TargetKind.COMPLEX),
        components=st.tuples(component, component),
    )
    return protein | complex_


def compounds(
    id: str = "agent",
    mechanisms: list[str] | None = None,
    target_ids: list[str] | None = None,
    cite: list[str] | None = None,
    number: int = 1,
    indication_ids: list[str] | None = None,
) -> st.SearchStrategy[Compound]:
    """A single-molecule compound with id *id* referring only to the given ids.

    With the defaults it refers to nothing, so it validates on its own; `datasets` passes the
    ids of the records it generated alongside.
    """
    mechanisms = mechanisms or []
    target_ids = target_ids or []
    cite = cite or ["ref2020a"]
    interaction = (
        st.builds(
            TargetInteraction,
            target=st.sampled_from(target_ids),
            action=st.sampled_from(ActionType),
            qualifiers=st.lists(st.sampled_from(ActionQualifier), max_size=2, unique=True).map(
                tuple
            ),
            affinities=st.lists(
                st.builds(
                    Affinity,
                    measure=st.sampled_from(AffinityMeasure),
                    value=st.floats(0.001, 1e6),
                    unit=st.sampled_from(["nM", "uM"]),
                    citations=_cites(cite),
                ),
                max_size=1,
            ).map(tuple),
            citations=_cites(cite),
        )
        if target_ids
        else st.nothing()
    )
    indication_ids = indication_ids or []
    statuses = [s for s in ProgrammeStatus if s is not ProgrammeStatus.APPROVED]
    development = (
        st.fixed_dictionaries(
            {
                "indication": st.sampled_from(indication_ids),
                "context": st.none() | st.sampled_from(UseContext),
                "stage": st.sampled_from(_CLINICAL_STAGES),
                "status": st.sampled_from(statuses),
                "date": partial_dates(),
                "date_kind": st.sampled_from(DateKind),
                "route": st.none() | st.sampled_from(Route),
                "trials": st.lists(nct_ids(), max_size=2).map(tuple),
                "citations": _cites(cite),
            }
        )
        .flatmap(_with_end_reason)
        .map(lambda fields: DevelopmentRecord(**fields))
        if indication_ids
        else st.nothing()
    )
    event = (
        st.builds(
            RegulatoryEvent,
            agency=st.sampled_from(Agency),
            event=st.sampled_from(ApprovalEvent),
            date=partial_dates(),
            indication=st.sampled_from(indication_ids),
            citations=_cites(cite),
        )
        if indication_ids
        else st.nothing()
    )
    return st.builds(
        Compound,
        id=st.just(id),
        name=st.just(f"Agent {id}"),
        modality=st.sampled_from([Modality.SMALL_MOLECULE, Modality.PEPTIDE, Modality.GAS]),
        stereo=st.none() | st.sampled_from(StereoForm),
        synonyms=st.just((Synonym(name=f"CODE-{id}", kind=SynonymKind.CODE),)),
        xrefs=st.fixed_dictionaries(
            {"pubchem.compound": st.just(str(number))},
            # Derived from *number* so that no two generated compounds share an identifier.
            optional={
                "cas": st.just(_cas(1000 + number)),
                "chembl.compound": st.just(f"CHEMBL{number}"),
            },
        ),
        mechanisms=st.lists(st.sampled_from(mechanisms), max_size=2, unique=True).map(tuple)
        if mechanisms
        else st.just(()),
        targets=st.lists(interaction, max_size=2).map(tuple) if target_ids else st.just(()),
        development=st.lists(development, max_size=2).map(tuple) if indication_ids else st.just(()),
        regulatory_events=st.lists(event, max_size=2).map(tuple) if indication_ids else st.just(()),
        antidepressant_effect=st.none()
        | st.builds(AntidepressantEffect, onset=st.just("within hours"), citations=_cites(cite)),
        citations=_cites(cite),
    )


def findings(
    id: str = "finding", compound_ids: list[str] | None = None, cite: list[str] | None = None
) -> st.SearchStrategy[Finding]:
    """A finding about some of *compound_ids*."""
    compound_ids = compound_ids or []
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


def _unique_ids(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(n)]


@st.composite
def datasets(draw: Any, max_records: int = 6) -> RawDataset:
    """Whole, consistent knowledge bases as `rapidad.store.RawDataset` (load cleanly).

    Ids are unique, every reference resolves, hierarchies are acyclic (a parent always comes
    earlier) and no two records share a name or identifier.
    """
    n_cite = draw(st.integers(1, 4))
    keys = [f"ref{2000 + i}x" for i in range(n_cite)]
    cites = {k: draw(citations(key=st.just(k))) for k in keys}
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
        comps = tuple(
            c.model_copy(update={"gene": f"G{i}X{j}"}) for j, c in enumerate(t.components)
        )
        tgts[tid] = t.model_copy(update={"components": comps})
    indication_ids = _unique_ids("ind-", draw(st.integers(0, max_records)))
    inds: dict[str, Indication] = {}
    for i, iid in enumerate(indication_ids):
        inds[iid] = draw(indications(iid, indication_ids[:i], keys))
    compound_ids = _unique_ids("agent-", draw(st.integers(1, max_records)))
    comps_: dict[str, Compound] = {}
    for i, cid in enumerate(compound_ids):
        comps_[cid] = draw(
            compounds(cid, mech_ids, target_ids, keys, number=i + 1, indication_ids=indication_ids)
        )
    finding_ids = _unique_ids("finding-", draw(st.integers(0, 3)))
    finds = {fid: draw(findings(fid, compound_ids, keys)) for fid in finding_ids}
    meta = DatasetMeta(as_of=draw(partial_dates()))
    return RawDataset(
        compounds=comps_,
        targets=tgts,
        mechanisms=mechs,
        findings=finds,
        indications=inds,
        citations=cites,
        meta=meta,
    )
