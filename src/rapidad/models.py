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
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from rapidad import identifiers as ids
from rapidad.frozen import FrozenMap
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
    EvidenceStatus,
    FindingKind,
    Modality,
    ProgrammeStatus,
    RelationType,
    Route,
    StereoForm,
    SynonymKind,
    TargetKind,
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
    "Finding",
    "MechanismClass",
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


def _check_compound_xrefs(value: FrozenMap[str, str]) -> FrozenMap[str, str]:
    problems = [p for k, v in value.items() if (p := ids.check_xref(k, v))]
    if problems:
        raise ValueError("; ".join(problems))
    return value


def _check_target_xrefs(value: FrozenMap[str, str]) -> FrozenMap[str, str]:
    problems = [
        p for k, v in value.items() if (p := ids.check_xref(k, v, ids.TARGET_XREF_PATTERNS))
    ]
    if problems:
        raise ValueError("; ".join(problems))
    return value


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
CompoundXrefs = Annotated[FrozenMap[str, str], AfterValidator(_check_compound_xrefs)]
TargetXrefs = Annotated[FrozenMap[str, str], AfterValidator(_check_target_xrefs)]
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
    """Where one compound stands in one indication, as of `date`."""

    indication: Text = Field(description="The indication, e.g. 'treatment-resistant depression'.")
    stage: ClinicalStage = Field(description="Highest clinical stage reached in this indication.")
    status: ProgrammeStatus = Field(description="Programme status as of `date`.")
    date: PartialDate = Field(description="Date of the decisive or latest known event (ISO 8601).")
    date_kind: DateKind = Field(description="What the date is the date of.")
    sponsor: str | None = Field(default=None, description="Sponsor or developer at that date.")
    event: str | None = Field(default=None, description="The decisive or latest event, briefly.")
    route: Route | None = Field(default=None, description="Route of administration studied.")
    trials: tuple[NCTId, ...] = Field(default=(), description="ClinicalTrials.gov ids.")
    citations: Citations


class Approval(_Model):
    """A dated regulatory event: approval, new indication, label change, refusal or withdrawal."""

    agency: Agency = Field(description="The regulatory agency.")
    event: ApprovalEvent = Field(default=ApprovalEvent.APPROVAL, description="Kind of event.")
    date: PartialDate = Field(description="Date of the event (ISO 8601); see `date_kind`.")
    date_kind: DateKind = Field(
        default=DateKind.AGENCY_ACTION,
        description="Whether `date` is the agency's action date or, where that was not found, "
        "the date the sponsor announced it.",
    )
    indication: Text = Field(description="Indication, as worded by the agency (shortened).")
    brand: str | None = Field(default=None, description="Brand name of the product.")
    route: Route | None = Field(default=None, description="Route of administration.")
    note: str | None = Field(default=None, description="Context for the event.")
    citations: Citations


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


class Compound(_Model):
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
        default_factory=FrozenMap,
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
        default=(), description="Development records, one per indication and programme."
    )
    approvals: tuple[Approval, ...] = Field(default=(), description="Dated regulatory events.")
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
    def approved(self) -> bool:
        """Whether any agency has approved the compound (and not every approval was withdrawn)."""
        granted = {ApprovalEvent.APPROVAL, ApprovalEvent.SUPPLEMENTAL_APPROVAL}
        approved = any(a.event in granted for a in self.approvals)
        withdrawn = any(a.event is ApprovalEvent.WITHDRAWAL for a in self.approvals)
        return approved and not withdrawn

    @property
    def highest_stage(self) -> ClinicalStage:
        """The furthest clinical stage over all development records and approvals."""
        stages = [d.stage for d in self.development]
        if self.approved:
            stages.append(ClinicalStage.APPROVAL)
        return max(stages, key=lambda s: s.rank, default=ClinicalStage.UNKNOWN)

    @property
    def latest(self) -> DevelopmentRecord | None:
        """The development record with the latest date, if any."""
        return max(self.development, key=lambda d: d.date, default=None)

    @property
    def all_citations(self) -> tuple[str, ...]:
        """Every citation key used anywhere in the record, in first-seen order."""
        keys: list[str] = list(self.citations)
        for group in (
            self.targets,
            self.relations,
            self.development,
            self.approvals,
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
        return f"Compound(id={self.id!r}, name={self.name!r})"


class TargetComponent(_Model):
    """One protein component of a target: its HGNC symbol and human UniProt accession."""

    gene: GeneSymbol = Field(description="HGNC gene symbol, e.g. GRIN2B.")
    uniprot: UniProtAccession | None = Field(
        default=None, description="Human UniProtKB/Swiss-Prot accession."
    )
    name: str | None = Field(default=None, description="Protein name, e.g. GluN2B.")


class Target(_Model):
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
    xrefs: TargetXrefs = Field(
        default_factory=FrozenMap, description="Cross-references keyed by Bioregistry prefix."
    )
    description: str | None = Field(default=None, description="What the target is.")
    citations: OptionalCitations = ()

    @model_validator(mode="after")
    def _check_shape(self) -> "Target":
        if self.kind is TargetKind.PROTEIN and len(self.components) != 1:
            raise ValueError("a protein target has exactly one component")
        return self

    @property
    def gene_symbols(self) -> tuple[str, ...]:
        """HGNC symbols of the components."""
        return tuple(c.gene for c in self.components)

    def __repr__(self) -> str:
        return f"Target(id={self.id!r}, name={self.name!r})"


class MechanismClass(_Model):
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

    def __repr__(self) -> str:
        return f"MechanismClass(id={self.id!r}, name={self.name!r})"


class Finding(_Model):
    """A cited statement about compounds, mechanism classes or targets."""

    id: RecordId = Field(description="Stable id; the file key.")
    statement: Text = Field(description="The statement, in the curators' words.")
    kind: FindingKind = Field(description="Clinical, mechanistic, hypothesis, regulatory, safety.")
    evidence: EvidenceStatus = Field(description="How firmly the citations establish it.")
    compounds: tuple[RecordId, ...] = Field(default=(), description="Compound ids it concerns.")
    mechanisms: tuple[RecordId, ...] = Field(default=(), description="Mechanism ids it concerns.")
    targets: tuple[RecordId, ...] = Field(default=(), description="Target ids it concerns.")
    citations: Citations

    def __repr__(self) -> str:
        return f"Finding(id={self.id!r})"


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


class Citation(_Model):
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
                where += f":{self.pages}" if self.volume else f" {self.pages}"
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
        return f"Citation(key={self.key!r}, title={self.title[:40]!r})"
