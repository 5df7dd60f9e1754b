"""The rapidad schema: frozen pydantic models for every record kind and their value models.

Every model is immutable (``frozen=True``), rejects unknown fields (``extra="forbid"``), holds
tuples rather than lists and `rapidad.frozen.FrozenMap` rather than dicts, and documents
each field;
the descriptions become the shipped JSON Schema (``python -m rapidad schema``).

In the data files a record's ``id`` is the key it is filed under; in Python it is an attribute.

>>> from rapidad.models import Synonym
>>> Synonym(name="Spravato", kind="brand").kind.value
'brand'
"""

# No `from __future__ import annotations` here: real annotation objects spare pydantic evaluating
# every annotation string when the models are created, which is part of the first-use cost.
from collections.abc import Collection, Iterable
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from rapidad import identifiers as ids
from rapidad.frozen import XrefMap
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
    "BIBTEX_TYPES",
    "Affinity",
    "AntidepressantEffect",
    "Approval",
    "Citation",
    "Component",
    "Compound",
    "ControlledSchedule",
    "DevelopmentRecord",
    "DeviceClearance",
    "Finding",
    "Indication",
    "IndicationProgress",
    "Intervention",
    "MechanismClass",
    "RegulatoryEvent",
    "Relation",
    "Synonym",
    "Target",
    "TargetComponent",
    "TargetInteraction",
]


def _pattern_checker(pattern: str, what: str) -> AfterValidator:
    def check(value: str) -> str:
        if not ids.matches(pattern, value):
            raise ValueError(f"{value!r} is not a valid {what} (expected {pattern})")
        return value

    return AfterValidator(check)


def _check_date(value: str) -> str:
    problem = ids.check_partial_date(value)
    if problem:
        raise ValueError(problem)
    return value


def _xref_checker(patterns: dict[str, str] | None = None) -> AfterValidator:
    """A validator for a record's xrefs against *patterns* (the compound table when None)."""

    def check(value: XrefMap) -> XrefMap:
        problems = [p for k, v in value.items() if (p := ids.check_xref(k, v, patterns))]
        if problems:
            raise ValueError("; ".join(problems))
        return value

    return AfterValidator(check)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
RecordId = Annotated[str, _pattern_checker(ids.RECORD_ID_PATTERN, "record id")]
CitationKey = Annotated[str, _pattern_checker(ids.CITATION_KEY_PATTERN, "citation key")]
PartialDate = Annotated[str, AfterValidator(_check_date)]
InChIKey = Annotated[str, _pattern_checker(ids.INCHIKEY_PATTERN, "InChIKey")]
UniProtAccession = Annotated[str, _pattern_checker(ids.UNIPROT_PATTERN, "UniProt accession")]
GeneSymbol = Annotated[str, _pattern_checker(ids.HGNC_SYMBOL_PATTERN, "HGNC gene symbol")]
DOI = Annotated[str, _pattern_checker(ids.DOI_PATTERN, "DOI")]
PMID = Annotated[str, _pattern_checker(ids.PMID_PATTERN, "PMID")]
PMCID = Annotated[str, _pattern_checker(ids.PMCID_PATTERN, "PMC id")]
NCTId = Annotated[str, _pattern_checker(ids.NCT_PATTERN, "ClinicalTrials.gov NCT id")]
Formula = Annotated[str, _pattern_checker(ids.HILL_FORMULA_PATTERN, "molecular formula")]
CompoundXrefs = Annotated[XrefMap, _xref_checker()]
TargetXrefs = Annotated[XrefMap, _xref_checker(ids.TARGET_XREF_PATTERNS)]
IndicationXrefs = Annotated[XrefMap, _xref_checker(ids.INDICATION_XREF_PATTERNS)]
IndicationId = Annotated[
    str,
    _pattern_checker(ids.RECORD_ID_PATTERN, "indication id"),
    Field(
        description="Id of the indication record (indications.json), e.g. "
        "'treatment-resistant-depression'."
    ),
]
Citations = Annotated[
    tuple[CitationKey, ...],
    Field(min_length=1, description="Keys of the references (references.bib) behind this record."),
]
OptionalCitations = Annotated[
    tuple[CitationKey, ...],
    Field(description="Keys of the references (references.bib) behind this record."),
]


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        defer_build=True,
        validate_default=False,
        use_attribute_docstrings=False,
    )


class _Shown:
    """A top-level record: shown in a notebook as ``python -m rapidad show`` shows it."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from rapidad.kb import holder
        from rapidad.render import html, view

        return html(view(holder(self), self))  # type: ignore[arg-type]


class Synonym(_Model):
    """Another name for a compound, with what kind of name it is."""

    name: Text = Field(description="The name as written by its source.")
    kind: SynonymKind = Field(description="INN, USAN, code name, brand, systematic name, ...")


class Affinity(_Model):
    """One quantitative affinity or potency value for a target interaction."""

    measure: AffinityMeasure = Field(description="Ki, Kd, IC50, EC50, pKi or pIC50.")
    value: float = Field(gt=0, description="The value, in `unit` (unitless for p-values).")
    unit: str | None = Field(default=None, description="Unit: nM, uM, mM; None for p-values.")
    species: str | None = Field(default=None, description="Species of the assay (human, rat, ...).")
    note: str | None = Field(default=None, description="Assay conditions or other context.")
    citations: Citations


class TargetInteraction(_Model):
    """How a compound acts on one target."""

    target: RecordId = Field(description="Id of the target record.")
    action: ActionType = Field(description="ChEMBL-style action type.")
    qualifiers: tuple[ActionQualifier, ...] = Field(
        default=(), description="Guide to Pharmacology qualifiers (pore blocker, trapping, ...)."
    )
    primary: bool = Field(
        default=True,
        description="Whether this is a primary (therapeutic) mechanism rather than a secondary "
        "or pharmacokinetic activity.",
    )
    affinities: tuple[Affinity, ...] = Field(default=(), description="Key affinity values.")
    note: str | None = Field(default=None, description="Context for the interaction.")
    citations: Citations


class Component(_Model):
    """A component of a fixed-dose combination, referring to its own compound record."""

    compound: RecordId = Field(description="Id of the component's compound record.")
    roles: tuple[ComponentRole, ...] = Field(
        min_length=1, description="What the component does in the combination."
    )


class Relation(_Model):
    """A typed relation from the compound that holds it (the subject) to another compound."""

    type: RelationType = Field(description="Relation type, read 'subject <type> object'.")
    object: RecordId = Field(description="Id of the related compound.")
    enzymes: tuple[GeneSymbol, ...] = Field(
        default=(),
        description="HGNC symbols of the enzymes that make a metabolite or prodrug active.",
    )
    note: str | None = Field(default=None, description="Context for the relation.")
    citations: OptionalCitations = ()


class DevelopmentRecord(_Model):
    """One step of a compound's clinical development in one indication, as of `date`.

    Approvals, refusals and withdrawals are regulatory events (`RegulatoryEvent`), not
    development records; a record that ended says why in `end_reason`.
    """

    indication: IndicationId
    wording: str | None = Field(
        default=None,
        description="The indication as the registry record, sponsor or article words it.",
    )
    context: UseContext | None = Field(
        default=None, description="Monotherapy, adjunctive, with an oral antidepressant, ..."
    )
    population: str | None = Field(
        default=None,
        description="Who was studied, where it matters: 'adolescents', 'healthy "
        "volunteers', 'after one ketamine infusion'.",
    )
    stage: ClinicalStage = Field(description="Highest clinical stage reached in this step.")
    status: ProgrammeStatus = Field(description="Programme status as of `date`.")
    end_reason: EndReason | None = Field(
        default=None,
        description="Why the programme ended (failed, discontinued, suspended or withdrawn), "
        "as its sponsor or report states it; 'unknown' where none says.",
    )
    date: PartialDate = Field(description="Date of the decisive or latest known event (ISO 8601).")
    date_kind: DateKind = Field(description="What the date is the date of.")
    programme: str | None = Field(
        default=None,
        description="Name of the programme the record is a step of (records of one programme "
        "share it and read as one history), e.g. 'RELIANCE' or 'PCN-101'.",
    )
    sponsor: str | None = Field(default=None, description="Sponsor or developer at that date.")
    event: str | None = Field(default=None, description="The decisive or latest event, briefly.")
    route: Route | None = Field(default=None, description="Route of administration studied.")
    trials: tuple[NCTId, ...] = Field(default=(), description="ClinicalTrials.gov ids.")
    citations: Citations

    @model_validator(mode="after")
    def _check_outcome(self) -> "DevelopmentRecord":
        if self.status.ended and self.end_reason is None:
            raise ValueError(f"a {self.status.value} programme needs an end_reason")
        if self.end_reason is not None and not self.status.ended:
            raise ValueError(
                f"only an ended programme has an end_reason, not a {self.status.value} one"
            )
        if self.stage in _REGULATORY_STAGES or self.status is ProgrammeStatus.APPROVED:
            raise ValueError(
                "approvals and withdrawals are regulatory events (regulatory_events), "
                "not development records"
            )
        return self


_REGULATORY_STAGES = frozenset({ClinicalStage.APPROVAL, ClinicalStage.WITHDRAWAL})
_GRANTS = frozenset({ApprovalEvent.APPROVAL, ApprovalEvent.SUPPLEMENTAL_APPROVAL})


class RegulatoryEvent(_Model):
    """A dated regulatory event in one indication.

    Approval, new indication, label change, refusal, withdrawal, or the end of marketing.
    """

    agency: Agency = Field(description="The regulatory agency.")
    event: ApprovalEvent = Field(default=ApprovalEvent.APPROVAL, description="Kind of event.")
    date: PartialDate = Field(description="Date of the event (ISO 8601); see `date_kind`.")
    date_kind: DateKind = Field(
        default=DateKind.AGENCY_ACTION,
        description="Whether `date` is the agency's action date or, where that was not found, "
        "the date the sponsor announced it, or only a date by which the event had happened "
        "(`no_later_than`: an old approval known from a current label).",
    )
    indication: IndicationId
    wording: str | None = Field(
        default=None,
        description="The indication as the agency words it (shortened); None where the "
        "document's own wording was not seen.",
    )
    context: UseContext | None = Field(
        default=None, description="Monotherapy, adjunctive, with an oral antidepressant, ..."
    )
    population: str | None = Field(
        default=None, description="The population the agency names, e.g. 'adults'."
    )
    brand: str | None = Field(default=None, description="Brand name of the product.")
    route: Route | None = Field(default=None, description="Route of administration.")
    application: str | None = Field(
        default=None, description="Application or procedure number, e.g. 'NDA 211371'."
    )
    note: str | None = Field(default=None, description="Context for the event.")
    citations: Citations

    @property
    def grants(self) -> bool:
        """Whether the event grants a marketing authorisation (an approval or a new indication)."""
        return self.event in _GRANTS


#: The schema 2 name of `RegulatoryEvent`, kept for code that imports it.
Approval = RegulatoryEvent


class IndicationProgress(NamedTuple):
    """Where a compound stands in an indication (and what is narrower), derived from its records.

    `status` is ``approved`` while an approval stands, ``withdrawn`` when every approval was
    withdrawn, and otherwise the status of the latest development record; `stage` is the furthest
    stage reached.
    """

    indication: str
    stage: ClinicalStage
    status: ProgrammeStatus
    date: str
    end_reason: EndReason | None
    development: tuple[DevelopmentRecord, ...]
    regulatory_events: tuple[RegulatoryEvent, ...]


def standing_approvals(
    events: Iterable[RegulatoryEvent], as_of: str | None = None
) -> tuple[RegulatoryEvent, ...]:
    """The granting events that stand: per agency and indication, an approval not withdrawn since.

    Events after *as_of* (an ISO date) are ignored. A refusal or a label change leaves an
    approval as it was; the end of marketing does too, until the agency withdraws the approval.

    >>> e = RegulatoryEvent(agency="FDA", date="2019-03-19", indication="ppd", citations=("x",))
    >>> w = RegulatoryEvent(agency="FDA", event="withdrawal", date="2025-04-14",
    ...                     indication="ppd", citations=("x",))
    >>> len(standing_approvals([e])), len(standing_approvals([e, w]))
    (1, 0)
    >>> len(standing_approvals([e, w], as_of="2024-12-31"))
    1
    """
    standing: dict[tuple[Agency, str], RegulatoryEvent] = {}
    for e in sorted(events, key=lambda e: e.date):
        if as_of is not None and e.date[: len(as_of)] > as_of:
            continue
        key = (e.agency, e.indication)
        if e.grants:
            standing[key] = e
        elif e.event is ApprovalEvent.WITHDRAWAL:
            standing.pop(key, None)
    return tuple(standing.values())


class AntidepressantEffect(_Model):
    """Onset and duration of the antidepressant effect, where established."""

    onset: str | None = Field(default=None, description="Time to onset, e.g. 'within hours'.")
    duration: str | None = Field(
        default=None, description="Duration after a dose, e.g. 'one to two weeks'."
    )
    rapid: bool | None = Field(
        default=None, description="Whether onset is rapid (hours to days rather than weeks)."
    )
    citations: Citations


class ControlledSchedule(_Model):
    """Controlled-substance scheduling in one jurisdiction."""

    jurisdiction: Text = Field(description="Jurisdiction, e.g. 'US' or 'UN'.")
    schedule: Text = Field(description="Schedule as named there, e.g. 'CIII'.")
    note: str | None = Field(default=None, description="Context, e.g. the form scheduled.")
    citations: Citations


class Compound(_Shown, _Model):
    """An agent: a molecule (one stereoisomer or a racemate), a gas, a combination or a formulation.

    Structure fields describe the parent (free base or free acid) of exactly the stereoisomer or
    racemate the record is about; identifiers in ``xrefs`` are for that same form.
    """

    id: RecordId = Field(description="Stable id (lower-case, hyphenated); the file key.")
    name: Text = Field(description="Preferred display name.")
    modality: Modality | None = Field(
        description="Small molecule, peptide, gas, combination or formulation; None if unconfirmed."
    )
    stereo: StereoForm | None = Field(default=None, description="Stereochemical form.")
    synonyms: tuple[Synonym, ...] = Field(default=(), description="Other names, typed.")
    smiles: str | None = Field(default=None, description="Isomeric SMILES of the parent.")
    inchikey: InChIKey | None = Field(default=None, description="Standard InChIKey of the parent.")
    formula: Formula | None = Field(default=None, description="Molecular formula (Hill order).")
    molecular_weight: float | None = Field(
        default=None, gt=0, description="Average molecular weight of the parent in g/mol (3 d.p.)."
    )
    xrefs: CompoundXrefs = Field(
        default_factory=XrefMap,
        description="Cross-references keyed by Bioregistry prefix (pubchem.compound, "
        "chembl.compound, drugbank, cas, unii, chebi, iuphar.ligand, ...).",
    )
    mechanisms: tuple[RecordId, ...] = Field(default=(), description="Mechanism class ids.")
    targets: tuple[TargetInteraction, ...] = Field(default=(), description="Target interactions.")
    components: tuple[Component, ...] = Field(
        default=(), description="Components of a combination or formulation."
    )
    relations: tuple[Relation, ...] = Field(default=(), description="Relations to other compounds.")
    development: tuple[DevelopmentRecord, ...] = Field(
        default=(), description="Steps of clinical development, per indication and programme."
    )
    regulatory_events: tuple[RegulatoryEvent, ...] = Field(
        default=(),
        # Files written for schema 2 call the field `approvals`; they still load.
        validation_alias=AliasChoices("regulatory_events", "approvals"),
        description="Dated regulatory events: approvals, new indications, label changes, "
        "refusals, withdrawals (called `approvals` before schema 3).",
    )
    antidepressant_effect: AntidepressantEffect | None = Field(
        default=None, description="Onset and duration of the antidepressant effect."
    )
    schedules: tuple[ControlledSchedule, ...] = Field(
        default=(), description="Controlled-substance schedules."
    )
    citations: OptionalCitations = ()
    notes: str | None = Field(
        default=None,
        description="What a user should know about the substance or programme (never how it was "
        "curated: that is in the curation record).",
    )

    @model_validator(mode="after")
    def _check_shape(self) -> "Compound":
        if self.modality is Modality.COMBINATION:
            if len(self.components) < 2:
                raise ValueError("a combination needs at least two components")
            if self.smiles or self.inchikey:
                raise ValueError("a combination has no structure of its own; describe components")
        elif self.modality is not Modality.FORMULATION and self.components:
            raise ValueError("only a combination or a formulation can have components")
        if self.inchikey and not self.smiles:
            raise ValueError("an InChIKey needs the SMILES it was derived from")
        if self.inchikey and self.xrefs.get("inchikey", self.inchikey) != self.inchikey:
            raise ValueError("xrefs['inchikey'] differs from the record's inchikey")
        return self

    @property
    def approvals(self) -> tuple[RegulatoryEvent, ...]:
        """The regulatory events (the schema 2 name of `regulatory_events`)."""
        return self.regulatory_events

    def standing_approvals(self, as_of: str | None = None) -> tuple[RegulatoryEvent, ...]:
        """The approvals that stand, per agency and indication (see `standing_approvals`)."""
        return standing_approvals(self.regulatory_events, as_of)

    @property
    def approved(self) -> bool:
        """Whether some approval stands today, for any indication and agency."""
        return bool(self.standing_approvals())

    @property
    def highest_stage(self) -> ClinicalStage:
        """The furthest stage over every indication (`progress` gives it per indication)."""
        found = self.progress_in(None)
        return found.stage if found else ClinicalStage.UNKNOWN

    @property
    def latest(self) -> DevelopmentRecord | None:
        """The development record with the latest date, if any."""
        return max(self.development, key=lambda d: d.date, default=None)

    @property
    def indications(self) -> tuple[str, ...]:
        """Ids of the indications the development records and regulatory events name."""
        named = [d.indication for d in self.development]
        named += [e.indication for e in self.regulatory_events]
        return tuple(dict.fromkeys(named))

    def progress(self) -> dict[str, IndicationProgress]:
        """Where the compound stands in each indication its records name, keyed by indication id.

        A query that follows the indication hierarchy is `AgentCollection.progress`.
        """
        found = {i: self.progress_in({i}) for i in self.indications}
        return {i: p for i, p in found.items() if p is not None}

    def progress_in(
        self, indications: Collection[str] | None, as_of: str | None = None
    ) -> IndicationProgress | None:
        """Where the compound stands over a set of indication ids (every one when None).

        Returns None when no record names one of them. Pass an indication and everything
        narrower (`KnowledgeBase.indication_closure`) to follow the hierarchy.
        """
        devs = tuple(
            d for d in self.development if indications is None or d.indication in indications
        )
        events = tuple(
            e for e in self.regulatory_events if indications is None or e.indication in indications
        )
        if as_of is not None:
            devs = tuple(d for d in devs if d.date[: len(as_of)] <= as_of)
            events = tuple(e for e in events if e.date[: len(as_of)] <= as_of)
        if not devs and not events:
            return None
        label = (
            next(iter(indications)) if indications is not None and len(indications) == 1 else "*"
        )
        date = max([d.date for d in devs] + [e.date for e in events])
        stage = max((d.stage for d in devs), key=lambda s: s.rank, default=ClinicalStage.UNKNOWN)
        latest = max(devs, key=lambda d: (d.date, d.stage.rank), default=None)
        status = latest.status if latest else ProgrammeStatus.UNKNOWN
        reason = latest.end_reason if latest else None
        standing = standing_approvals(events, as_of)
        if standing:
            stage, status, reason = ClinicalStage.APPROVAL, ProgrammeStatus.APPROVED, None
        elif any(e.grants for e in events):
            stage, status = ClinicalStage.WITHDRAWAL, ProgrammeStatus.WITHDRAWN
        return IndicationProgress(label, stage, status, date, reason, devs, events)

    @property
    def all_citations(self) -> tuple[str, ...]:
        """Every citation key used anywhere in the record, in first-seen order."""
        keys: list[str] = list(self.citations)
        for group in (
            self.targets,
            self.relations,
            self.development,
            self.regulatory_events,
            self.schedules,
        ):
            for item in group:
                keys.extend(item.citations)
        for interaction in self.targets:
            for affinity in interaction.affinities:
                keys.extend(affinity.citations)
        if self.antidepressant_effect:
            keys.extend(self.antidepressant_effect.citations)
        return tuple(dict.fromkeys(keys))

    def __repr__(self) -> str:
        modality = self.modality.value if self.modality else None
        return (
            f"Compound(id={self.id!r}, name={self.name!r}, modality={modality!r}, "
            f"mechanisms={self.mechanisms!r}, highest_stage={self.highest_stage.value!r}, "
            f"approved={self.approved!r})"
        )


class TargetComponent(_Model):
    """One protein component of a target: its HGNC symbol and human UniProt accession."""

    gene: GeneSymbol = Field(description="HGNC gene symbol, e.g. GRIN2B.")
    uniprot: UniProtAccession | None = Field(
        default=None, description="Human UniProtKB/Swiss-Prot accession."
    )
    name: str | None = Field(default=None, description="Protein name, e.g. GluN2B.")


class Target(_Shown, _Model):
    """A molecular target: a protein, a complex, a family or a binding site."""

    id: RecordId = Field(description="Stable id; the file key.")
    name: Text = Field(description="Preferred display name.")
    kind: TargetKind = Field(description="Protein, complex, family or binding site.")
    synonyms: tuple[Text, ...] = Field(default=(), description="Other names.")
    components: tuple[TargetComponent, ...] = Field(
        default=(), description="Protein components with gene symbols and UniProt accessions."
    )
    parent: RecordId | None = Field(
        default=None, description="Id of the broader target this one is a subtype or site of."
    )
    defined_by: tuple[GeneSymbol, ...] = Field(
        default=(),
        description="HGNC symbols of the components that set a complex or site apart from its "
        "parent (GRIN2B for the GluN1/GluN2B receptor): a target query for one of these genes "
        "finds it.",
    )
    xrefs: TargetXrefs = Field(
        default_factory=XrefMap, description="Cross-references keyed by Bioregistry prefix."
    )
    description: str | None = Field(default=None, description="What the target is.")
    citations: OptionalCitations = ()

    @model_validator(mode="after")
    def _check_shape(self) -> "Target":
        if self.kind is TargetKind.PROTEIN and len(self.components) != 1:
            raise ValueError("a protein target has exactly one component")
        stray = set(self.defined_by) - set(self.gene_symbols)
        if stray:
            raise ValueError(f"defined_by names genes that are not components: {sorted(stray)}")
        return self

    @property
    def parents(self) -> tuple[str, ...]:
        """The broader record's id as a tuple (empty for a root), as `Indication.parents`."""
        return () if self.parent is None else (self.parent,)

    @property
    def gene_symbols(self) -> tuple[str, ...]:
        """HGNC symbols of the components."""
        return tuple(c.gene for c in self.components)

    def __repr__(self) -> str:
        return (
            f"Target(id={self.id!r}, name={self.name!r}, kind={self.kind.value!r}, "
            f"genes={self.gene_symbols!r})"
        )


class Indication(_Shown, _Model):
    """A disease, disorder, symptom or use that agents are developed or approved for.

    Indications form a hierarchy through `parents` (more than one where an indication belongs
    under two, as bipolar depression does under bipolar disorder and depressive disorder):
    treatment-resistant depression is under major depressive disorder, which is under depressive
    disorder, so a query for a broader indication finds the narrower ones.
    """

    id: RecordId = Field(description="Stable id; the file key.")
    name: Text = Field(description="Preferred display name.")
    abbreviations: tuple[Text, ...] = Field(default=(), description="MDD, TRD, PPD, ...")
    synonyms: tuple[Text, ...] = Field(default=(), description="Other names and spellings.")
    parents: tuple[RecordId, ...] = Field(
        default=(), description="Ids of the broader indications (none for a root)."
    )
    xrefs: IndicationXrefs = Field(
        default_factory=XrefMap,
        description="Ontology cross-references keyed by Bioregistry prefix: mondo, mesh, efo, "
        "doid, hp, icd11, ncit.",
    )
    description: str | None = Field(default=None, description="What the indication covers.")
    citations: OptionalCitations = ()

    @property
    def parent(self) -> str | None:
        """The first broader indication, if any."""
        return self.parents[0] if self.parents else None

    def __repr__(self) -> str:
        return (
            f"Indication(id={self.id!r}, name={self.name!r}, parents={self.parents!r}, "
            f"xrefs={dict(self.xrefs)!r})"
        )


class MechanismClass(_Shown, _Model):
    """A mechanism class in a hierarchy, e.g. NMDA receptor channel blocker."""

    id: RecordId = Field(description="Stable id; the file key.")
    name: Text = Field(description="Preferred display name.")
    parent: RecordId | None = Field(default=None, description="Id of the broader class.")
    synonyms: tuple[Text, ...] = Field(default=(), description="Other names.")
    description: str | None = Field(default=None, description="What members have in common.")
    review_group: bool = Field(
        default=False, description="Whether the class is one of the seed review's agent groups."
    )
    citations: OptionalCitations = ()

    @property
    def parents(self) -> tuple[str, ...]:
        """The broader record's id as a tuple (empty for a root), as `Indication.parents`."""
        return () if self.parent is None else (self.parent,)

    def __repr__(self) -> str:
        return f"MechanismClass(id={self.id!r}, name={self.name!r}, parent={self.parent!r})"


_DEVICE_GRANTS = frozenset(
    {
        DeviceEvent.CLEARANCE,
        DeviceEvent.DE_NOVO,
        DeviceEvent.APPROVAL,
        DeviceEvent.RECLASSIFICATION,
        DeviceEvent.CE_MARK,
    }
)


class DeviceClearance(_Model):
    """A dated regulatory event for a device or procedure in one indication.

    A 510(k) clearance, De Novo grant, approval, reclassification, CE marking or Breakthrough
    Device designation (which grants nothing: see `grants`).
    """

    agency: Agency = Field(description="The regulatory agency.")
    event: DeviceEvent = Field(description="Clearance, De Novo, approval, reclassification, ...")
    date: PartialDate = Field(description="Date of the event (ISO 8601); see `date_kind`.")
    date_kind: DateKind = Field(
        default=DateKind.AGENCY_ACTION,
        description="Whether `date` is the agency's action date or the date it was announced.",
    )
    indication: IndicationId
    wording: str | None = Field(
        default=None, description="The indication as the agency words it (shortened)."
    )
    device: str | None = Field(default=None, description="The device or system, as named.")
    applicant: str | None = Field(default=None, description="The company that applied.")
    number: str | None = Field(
        default=None,
        description="The agency's number: 510(k) K-number, De Novo DEN number, PMA number, or "
        "the Federal Register citation of a reclassification.",
    )
    note: str | None = Field(default=None, description="Context for the event.")
    citations: Citations

    @property
    def grants(self) -> bool:
        """Whether the event lets the device be marketed for the indication."""
        return self.event in _DEVICE_GRANTS


class Intervention(_Shown, _Model):
    """A non-drug treatment: a brain stimulation procedure, a device, or a chronotherapy.

    Interventions are not compounds: they have a modality and a target region instead of a
    structure, and device clearances instead of drug approvals.
    """

    id: RecordId = Field(description="Stable id (lower-case, hyphenated); the file key.")
    name: Text = Field(description="Preferred display name.")
    modality: InterventionModality = Field(
        description="Magnetic stimulation, electroconvulsive, deep brain stimulation, ..."
    )
    abbreviations: tuple[Text, ...] = Field(default=(), description="iTBS, SNT, DBS, ECT, ...")
    synonyms: tuple[Text, ...] = Field(default=(), description="Other names and spellings.")
    target_region: str | None = Field(
        default=None,
        description="The brain region stimulated, where there is one, e.g. 'left dorsolateral "
        "prefrontal cortex'.",
    )
    description: str | None = Field(default=None, description="What the intervention is.")
    clearances: tuple[DeviceClearance, ...] = Field(
        default=(), description="Dated device clearances, approvals and designations."
    )
    development: tuple[DevelopmentRecord, ...] = Field(
        default=(), description="Steps of clinical development, per indication."
    )
    antidepressant_effect: AntidepressantEffect | None = Field(
        default=None, description="Onset and duration of the antidepressant effect."
    )
    citations: OptionalCitations = ()
    notes: str | None = Field(
        default=None, description="What a user should know about the intervention."
    )

    @property
    def all_citations(self) -> tuple[str, ...]:
        """Every citation key used anywhere in the record, in first-seen order."""
        keys: list[str] = list(self.citations)
        for group in (self.clearances, self.development):
            for item in group:
                keys.extend(item.citations)
        if self.antidepressant_effect:
            keys.extend(self.antidepressant_effect.citations)
        return tuple(dict.fromkeys(keys))

    def cleared_for(self, indications: Iterable[str]) -> tuple[DeviceClearance, ...]:
        """The granting events whose indication is one of *indications* (ids), oldest first."""
        scope = set(indications)
        return tuple(
            sorted((c for c in self.clearances if c.grants and c.indication in scope), key=_date)
        )

    def __repr__(self) -> str:
        return (
            f"Intervention(id={self.id!r}, name={self.name!r}, "
            f"modality={self.modality.value!r}, clearances={len(self.clearances)})"
        )


def _date(event: DeviceClearance) -> str:
    return event.date


class Finding(_Shown, _Model):
    """A cited statement about compounds, interventions, mechanism classes or targets."""

    id: RecordId = Field(description="Stable id; the file key.")
    statement: Text = Field(description="The statement, in the curators' words.")
    kind: FindingKind = Field(description="Clinical, mechanistic, hypothesis, regulatory, safety.")
    evidence: EvidenceStatus = Field(description="How firmly the citations establish it.")
    compounds: tuple[RecordId, ...] = Field(default=(), description="Compound ids it concerns.")
    mechanisms: tuple[RecordId, ...] = Field(default=(), description="Mechanism ids it concerns.")
    targets: tuple[RecordId, ...] = Field(default=(), description="Target ids it concerns.")
    interventions: tuple[RecordId, ...] = Field(
        default=(), description="Ids of the non-drug interventions it concerns."
    )
    as_of: PartialDate | None = Field(
        default=None,
        description="For a statement about a state that changes (what is approved, what is in "
        "phase 3), the date it holds as of; None for a statement about a fixed event or idea.",
    )
    citations: Citations

    def __repr__(self) -> str:
        statement = self.statement if len(self.statement) <= 60 else self.statement[:59] + "…"
        return (
            f"Finding(id={self.id!r}, kind={self.kind.value!r}, "
            f"evidence={self.evidence.value!r}, statement={statement!r})"
        )


_BIBTEX_ORDER = (
    "kind",
    "author",
    "title",
    "journal",
    "booktitle",
    "publisher",
    "agency",
    "institution",
    "howpublished",
    "year",
    "month",
    "date",
    "volume",
    "number",
    "pages",
    "identifier",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "urldate",
    "note",
)

# The BibTeX entry type of each kind in references.bib: the types reference managers know.
BIBTEX_TYPES: dict[CitationKind, str] = {
    CitationKind.ARTICLE: "article",
    CitationKind.REVIEW: "article",
    CitationKind.BOOK_CHAPTER: "incollection",
    CitationKind.CONFERENCE_ABSTRACT: "inproceedings",
}


def _locator_problem(c: "Citation") -> str | None:
    """What the locator of *c*'s kind lacks, or None: each kind is found by its own locator."""
    k = c.kind
    if k in (CitationKind.ARTICLE, CitationKind.REVIEW):
        # DOI, PMID or PMCID; only an article that has none of them may stand on its journal,
        # volume, pages and the publisher's page (the curation record says why it has none).
        found = c.doi or c.pmid or c.pmcid or (c.journal and c.volume and c.pages and c.url)
        return None if found else "an article needs a doi or a pmid (or a pmcid)"
    if k is CitationKind.BOOK_CHAPTER:
        found = c.doi or c.pmid or (c.booktitle and c.publisher)
        return None if found else "a book chapter needs a doi, a pmid, or booktitle and publisher"
    if k is CitationKind.CONFERENCE_ABSTRACT:
        found = c.booktitle and (c.doi or c.pmid or c.url)
        return None if found else "a conference abstract needs its booktitle and a doi, pmid or url"
    if k is CitationKind.REGISTRY_RECORD:
        pattern = ids.REGISTRY_ID_PATTERNS.get(c.publisher or "")
        if pattern is None:
            known = ", ".join(sorted(ids.REGISTRY_ID_PATTERNS))
            return f"a registry record names its registry as publisher (one of: {known})"
        if not (c.identifier and ids.matches(pattern, c.identifier)):
            return f"a registry record needs its {c.publisher} id as identifier ({pattern})"
        return None
    if k in (CitationKind.REGULATORY_DOCUMENT, CitationKind.LABEL):
        if c.agency is None:
            return f"a {k.label} needs its agency"
        return None if c.identifier or c.url else f"a {k.label} needs its own number or a url"
    if k in (CitationKind.PRESS_RELEASE, CitationKind.REGULATORY_FILING):
        return None if c.publisher and c.date else f"a {k.label} needs its issuer and date"
    if k in (CitationKind.DATABASE_RECORD, CitationKind.DATASET):
        found = c.publisher and c.identifier
        return None if found else f"a {k.label} needs its database (publisher) and identifier"
    # news: cited by outlet, date and title; its URL only where the outlet's own page was seen
    return None if c.publisher and c.date else "a news item needs its publisher and date"


class Citation(_Shown, _Model):
    """A reference, read from ``references.bib``: the document as issued, typed by `kind`.

    Every kind carries the locator it is found by: an article its DOI or PMID, a registry record
    its registry and record id, a regulatory document or label its agency and number (or the
    agency's URL), a press release or filing its issuer and date, a database record or dataset its
    database and record id or release. Every reference but an undated registry record has a
    year or a date.

    >>> c = Citation(key="nct01234567", entry_type="misc", kind="registry_record",
    ...              title="A trial", publisher="ClinicalTrials.gov", identifier="NCT01234567",
    ...              date="2020-01-02")
    >>> c.kind.label
    'registry record'
    """

    key: CitationKey = Field(description="BibTeX key.")
    entry_type: Annotated[str, StringConstraints(pattern=r"^[a-z]+$")] = Field(
        description="BibTeX entry type: article (articles, reviews), incollection (book "
        "chapters), inproceedings (conference abstracts), misc (everything else)."
    )
    kind: CitationKind = Field(
        description="What kind of document it is; decides the locator it must carry."
    )
    title: Text = Field(description="Title as issued.")
    authors: tuple[Text, ...] = Field(
        default=(), description="Personal authors, 'Last, First' or 'Last, First, Jr.' each."
    )
    journal: str | None = Field(default=None, description="Journal.")
    booktitle: str | None = Field(default=None, description="Book or meeting.")
    publisher: str | None = Field(
        default=None,
        description="The issuer: the company of a press release or filing, the agency of a "
        "regulatory document, the registry of a registry record, the database of a database "
        "record, the outlet of a news item, the publisher of a book.",
    )
    agency: Agency | None = Field(
        default=None, description="The regulatory agency of a regulatory document or label."
    )
    institution: str | None = Field(default=None, description="Issuing institution.")
    howpublished: str | None = Field(default=None, description="How a non-journal item appeared.")
    year: int | None = Field(default=None, ge=1800, le=2100, description="Year of publication.")
    month: str | None = Field(default=None, description="Month of publication.")
    date: PartialDate | None = Field(default=None, description="Date of issue (ISO 8601).")
    volume: str | None = Field(default=None, description="Volume.")
    number: str | None = Field(default=None, description="Issue number.")
    pages: str | None = Field(default=None, description="Pages or article number.")
    identifier: str | None = Field(
        default=None,
        description="The document's own number: registry record id (NCT...), SEC accession "
        "number, SPL set id, application or procedure number, Federal Register citation, "
        "database record id or release.",
    )
    doi: DOI | None = Field(default=None, description="DOI, without a resolver prefix.")
    pmid: PMID | None = Field(default=None, description="PubMed id.")
    pmcid: PMCID | None = Field(default=None, description="PubMed Central id.")
    url: str | None = Field(
        default=None,
        description="The document at its issuer, regulator, registry or database, or a "
        "DOI/PubMed/PMC resolver; never a copy on another site.",
    )
    urldate: PartialDate | None = Field(
        default=None,
        description="When the URL was consulted (a registry record: the version read).",
    )
    note: str | None = Field(default=None, description="Note.")

    @model_validator(mode="after")
    def _check_locator(self) -> "Citation":
        problem = _locator_problem(self)
        if problem:
            raise ValueError(problem)
        expected = BIBTEX_TYPES.get(self.kind, "misc")
        if self.entry_type != expected:
            raise ValueError(f"a {self.kind.label} is a @{expected} entry, not @{self.entry_type}")
        undated = self.year is None and self.date is None and self.urldate is None
        # A registry record is a living document: it is dated by the version read where that is
        # known, and may be undated otherwise (it prints as n.d.).
        if undated and self.kind is not CitationKind.REGISTRY_RECORD:
            raise ValueError("a reference needs a year, a date or (for a database) a urldate")
        return self

    @property
    def issued_year(self) -> int | None:
        """The year of the document: `year`, else the year of `date`, else of `urldate`."""
        if self.year is not None:
            return self.year
        when = self.date or self.urldate
        return int(when[:4]) if when else None

    @property
    def doi_url(self) -> str | None:
        """The DOI as a resolvable URL."""
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def pubmed_url(self) -> str | None:
        """The PubMed page of the PMID."""
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None

    @property
    def issuer(self) -> str | None:
        """Who issued the document when no person wrote it: the publisher, else the agency."""
        return self.publisher or (self.agency.value if self.agency else None)

    @property
    def short(self) -> str:
        """A short human label such as 'Zarate 2022' or 'Axsome Therapeutics 2022'."""
        first = self.authors[0].split(",")[0] if self.authors else (self.issuer or self.key)
        more = (
            " et al."
            if len(self.authors) > 2
            else (f" & {self.authors[1].split(',')[0]}" if len(self.authors) == 2 else "")
        )
        return f"{first}{more} {self.issued_year or 'n.d.'}"

    @property
    def locators(self) -> tuple[str, ...]:
        """The identifiers a reader finds the document by, e.g. ('doi:10.1/x', 'PMID 123')."""
        found: list[str] = []
        if self.identifier:
            found.append(self.identifier)
        if self.doi:
            found.append(f"doi:{self.doi}")
        if self.pmid:
            found.append(f"PMID {self.pmid}")
        if self.pmcid:
            found.append(self.pmcid)
        if not (self.doi or self.pmid) and self.url:
            found.append(self.url)
        return tuple(found)

    @property
    def citable(self) -> str:
        """The reference in a citable form: who, year, title, where, and its locators.

        >>> Citation(key="a", entry_type="article", kind="article", title="T",
        ...          authors=("Doe, J.",), journal="J", year=2020, volume="1", pages="2-3",
        ...          doi="10.1000/x").citable
        'Doe, J. (2020). T. J 1:2-3. doi:10.1000/x'
        """
        who = "; ".join(self.authors) if self.authors else (self.issuer or "")
        year = self.issued_year or "n.d."
        title = self.title if self.title.endswith((".", "?", "!")) else f"{self.title}."
        parts = [f"{who} ({year})." if who else f"({year}).", title]
        if self.journal:
            where = self.journal
            if self.volume:
                where += f" {self.volume}"
            if self.pages:
                # BibTeX writes a page range with "--"; a reader expects an en dash.
                pages = self.pages.replace("--", "\u2013")
                where += f":{pages}" if self.volume else f" {pages}"
            parts.append(f"{where}.")
        elif self.booktitle:
            parts.append(f"In: {self.booktitle}.")
        if self.authors and self.issuer and not self.journal:
            parts.append(f"{self.issuer}.")
        if not self.kind.scholarly:
            kind = self.kind.label.capitalize()
            parts.append(f"{kind}, {self.date}." if self.date else f"{kind}.")
        parts.append(" ".join(self.locators))
        return " ".join(p for p in parts if p).strip()

    def bibtex_fields(self) -> dict[str, str]:
        """The BibTeX fields of the entry, in canonical order."""
        values: dict[str, Any] = self.model_dump(exclude={"key", "entry_type", "authors"})
        if self.authors:
            values["author"] = " and ".join(self.authors)
        return {f: str(values[f]) for f in _BIBTEX_ORDER if values.get(f) is not None}

    def to_bibtex(self) -> str:
        """Return the entry as canonical BibTeX text.

        >>> c = Citation(key="x2020", entry_type="misc", kind="press_release", title="T",
        ...              publisher="Example Inc.", date="2020-01-02")
        >>> print(c.to_bibtex())
        @misc{x2020,
          kind = {press_release},
          title = {T},
          publisher = {Example Inc.},
          date = {2020-01-02},
        }
        """
        lines = [f"@{self.entry_type}{{{self.key},"]
        lines += [f"  {name} = {{{value}}}," for name, value in self.bibtex_fields().items()]
        lines.append("}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"Citation(key={self.key!r}, kind={self.kind.value!r}, short={self.short!r})"
