"""Controlled vocabularies used by the rapidad schema.

Every enum is a `str` enum whose *value* is what the data files hold, so a record reads the
same in JSON, in Python and in the JSON Schema. Values are lower-case snake case and never change
meaning within a schema major version.

>>> from rapidad.vocab import ClinicalStage
>>> ClinicalStage("phase_3").rank > ClinicalStage("phase_2").rank
True
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "ActionQualifier",
    "ActionType",
    "AffinityMeasure",
    "Agency",
    "ApprovalEvent",
    "CitationKind",
    "ClinicalStage",
    "ComponentRole",
    "DateKind",
    "DeviceEvent",
    "EndReason",
    "EvidenceStatus",
    "FindingKind",
    "InterventionModality",
    "Modality",
    "ProgrammeStatus",
    "RelationType",
    "Route",
    "StereoForm",
    "SynonymKind",
    "TargetKind",
    "UseContext",
]


class _Vocab(str, Enum):
    """Base class: a string enum that prints as its value."""

    def __str__(self) -> str:
        return str(self.value)


class ActionType(_Vocab):
    """How an agent acts on a target (ChEMBL action types, lower-cased)."""

    AGONIST = "agonist"
    PARTIAL_AGONIST = "partial_agonist"
    INVERSE_AGONIST = "inverse_agonist"
    ANTAGONIST = "antagonist"
    CHANNEL_BLOCKER = "channel_blocker"
    BLOCKER = "blocker"
    INHIBITOR = "inhibitor"
    NEGATIVE_ALLOSTERIC_MODULATOR = "negative_allosteric_modulator"
    POSITIVE_ALLOSTERIC_MODULATOR = "positive_allosteric_modulator"
    ALLOSTERIC_MODULATOR = "allosteric_modulator"
    ACTIVATOR = "activator"
    MODULATOR = "modulator"
    RELEASING_AGENT = "releasing_agent"
    SUBSTRATE = "substrate"
    BINDING_AGENT = "binding_agent"
    OTHER = "other"


class ActionQualifier(_Vocab):
    """Guide to Pharmacology style qualifiers that refine an `ActionType`."""

    PORE_BLOCKER = "pore_blocker"
    TRAPPING = "trapping"
    VOLTAGE_DEPENDENT = "voltage_dependent"
    USE_DEPENDENT = "use_dependent"
    SUBUNIT_SELECTIVE = "subunit_selective"
    PARTIAL = "partial"
    BIASED = "biased"
    CO_AGONIST_SITE = "co_agonist_site"
    PRODRUG_MEDIATED = "prodrug_mediated"


class AffinityMeasure(_Vocab):
    """Kind of a quantitative affinity or potency value."""

    KI = "Ki"
    KD = "Kd"
    IC50 = "IC50"
    EC50 = "EC50"
    PKI = "pKi"
    PIC50 = "pIC50"


class ClinicalStage(_Vocab):
    """Highest clinical stage reached for one agent-indication pair (Open Targets' named stages)."""

    APPROVAL = "approval"
    PHASE_3 = "phase_3"
    PHASE_2_3 = "phase_2_3"
    PHASE_2 = "phase_2"
    PHASE_1_2 = "phase_1_2"
    PHASE_1 = "phase_1"
    EARLY_PHASE_1 = "early_phase_1"
    PRECLINICAL = "preclinical"
    WITHDRAWAL = "withdrawal"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """Order for comparing stages: higher is further along; withdrawal ranks as approval."""
        return _STAGE_RANK[self]


_STAGE_RANK: dict[ClinicalStage, int] = {
    ClinicalStage.UNKNOWN: -1,
    ClinicalStage.PRECLINICAL: 0,
    ClinicalStage.EARLY_PHASE_1: 1,
    ClinicalStage.PHASE_1: 2,
    ClinicalStage.PHASE_1_2: 3,
    ClinicalStage.PHASE_2: 4,
    ClinicalStage.PHASE_2_3: 5,
    ClinicalStage.PHASE_3: 6,
    ClinicalStage.APPROVAL: 7,
    ClinicalStage.WITHDRAWAL: 7,
}


class ProgrammeStatus(_Vocab):
    """Status of a development programme as of its record's date.

    ``approved`` and ``withdrawn`` are what an indication's regulatory events make of it: an
    approval that stands, or one that every agency has withdrawn.
    """

    APPROVED = "approved"
    ACTIVE = "active"
    COMPLETED = "completed"
    FAILED = "failed"
    DISCONTINUED = "discontinued"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    UNKNOWN = "unknown"

    @property
    def ended(self) -> bool:
        """Whether the programme has ended without an approval that stands (it then says why)."""
        return self in _ENDED


_ENDED = frozenset(
    {
        ProgrammeStatus.FAILED,
        ProgrammeStatus.DISCONTINUED,
        ProgrammeStatus.SUSPENDED,
        ProgrammeStatus.WITHDRAWN,
    }
)


class EndReason(_Vocab):
    """Why a development programme ended, as its sponsor or the trial's report states it."""

    LACK_OF_EFFICACY = "lack_of_efficacy"
    SAFETY_OR_TOLERABILITY = "safety_or_tolerability"
    FUTILITY_AT_INTERIM = "futility_at_interim"
    STRATEGIC_OR_FINANCIAL = "strategic_or_financial"
    UNKNOWN = "unknown"


class UseContext(_Vocab):
    """How the agent is used in an indication: alone, or with what.

    ``with_oral_antidepressant`` is started together with a new oral antidepressant (as esketamine
    is); ``adjunctive`` is added to a treatment the patient already takes; ``after_other_treatment``
    follows another treatment (as NRX-101 follows a ketamine infusion).
    """

    MONOTHERAPY = "monotherapy"
    ADJUNCTIVE = "adjunctive"
    WITH_ORAL_ANTIDEPRESSANT = "with_oral_antidepressant"
    AFTER_OTHER_TREATMENT = "after_other_treatment"


class DateKind(_Vocab):
    """What a recorded date is the date of."""

    AGENCY_ACTION = "agency_action"
    ANNOUNCEMENT = "announcement"
    PUBLICATION = "publication"
    REGISTRY = "registry"
    TRIAL_COMPLETION = "trial_completion"
    #: The event happened on or before the date: the date of the earliest document seen that shows
    #: it (an old approval known only from a current label).
    NO_LATER_THAN = "no_later_than"


class Agency(_Vocab):
    """Regulatory agencies."""

    FDA = "FDA"
    EMA = "EMA"
    EC = "EC"
    MHRA = "MHRA"
    PMDA = "PMDA"
    HEALTH_CANADA = "Health Canada"
    NMPA = "NMPA"
    TGA = "TGA"
    SWISSMEDIC = "Swissmedic"
    DEA = "DEA"
    OTHER = "other"


class ApprovalEvent(_Vocab):
    """Kinds of dated regulatory events."""

    APPROVAL = "approval"
    SUPPLEMENTAL_APPROVAL = "supplemental_approval"
    LABEL_CHANGE = "label_change"
    REFUSAL = "refusal"
    WITHDRAWAL = "withdrawal"
    DISCONTINUATION = "discontinuation"


class Route(_Vocab):
    """Routes of administration."""

    ORAL = "oral"
    INTRAVENOUS = "intravenous"
    INTRANASAL = "intranasal"
    INHALED = "inhaled"
    INTRAMUSCULAR = "intramuscular"
    SUBCUTANEOUS = "subcutaneous"
    SUBLINGUAL = "sublingual"
    #: Through the cheek's lining, as a film held against it (not swallowed).
    BUCCAL = "buccal"
    TRANSDERMAL = "transdermal"


class Modality(_Vocab):
    """What kind of substance a compound record describes (after ChEMBL's molecule types)."""

    SMALL_MOLECULE = "small_molecule"
    PEPTIDE = "peptide"
    GAS = "gas"
    COMBINATION = "combination"
    FORMULATION = "formulation"


class StereoForm(_Vocab):
    """Stereochemical form of the substance."""

    ACHIRAL = "achiral"
    RACEMIC = "racemic"
    SINGLE_STEREOISOMER = "single_stereoisomer"
    UNSPECIFIED = "unspecified"


class SynonymKind(_Vocab):
    """What a synonym is; lookups accept every kind."""

    INN = "inn"
    USAN = "usan"
    CODE = "code"
    BRAND = "brand"
    SYSTEMATIC = "systematic"
    STEREO_NAME = "stereo_name"
    COMMON = "common"
    ABBREVIATION = "abbreviation"


class ComponentRole(_Vocab):
    """Role of a component in a combination product."""

    ACTIVE = "active"
    PHARMACOKINETIC_ENHANCER = "pharmacokinetic_enhancer"
    ADJUNCT = "adjunct"


class RelationType(_Vocab):
    """Typed, directed relation from one compound (the subject) to another (the object)."""

    ENANTIOMER_OF = "enantiomer_of"
    RACEMATE_OF = "racemate_of"
    METABOLITE_OF = "metabolite_of"
    PRODRUG_OF = "prodrug_of"
    DEUTERATED_ANALOGUE_OF = "deuterated_analogue_of"
    FORMULATION_OF = "formulation_of"
    ANALOGUE_OF = "analogue_of"

    @property
    def symmetric(self) -> bool:
        """Whether the relation must be recorded in both directions."""
        return self is RelationType.ENANTIOMER_OF

    @property
    def acyclic(self) -> bool:
        """Whether following the relation may never lead back to the start."""
        return self in _ACYCLIC


_ACYCLIC = frozenset(
    {
        RelationType.METABOLITE_OF,
        RelationType.PRODRUG_OF,
        RelationType.RACEMATE_OF,
        RelationType.DEUTERATED_ANALOGUE_OF,
        RelationType.FORMULATION_OF,
    }
)


class TargetKind(_Vocab):
    """What a target record describes."""

    PROTEIN = "protein"
    COMPLEX = "complex"
    FAMILY = "family"
    BINDING_SITE = "binding_site"


class FindingKind(_Vocab):
    """Nature of a cited statement."""

    CLINICAL = "clinical"
    MECHANISTIC = "mechanistic"
    HYPOTHESIS = "hypothesis"
    REGULATORY = "regulatory"
    SAFETY = "safety"


class EvidenceStatus(_Vocab):
    """How firmly a finding is established by its citations."""

    ESTABLISHED = "established"
    SUPPORTED = "supported"
    EMERGING = "emerging"
    SPECULATIVE = "speculative"
    REFUTED = "refuted"


class CitationKind(_Vocab):
    """What kind of document a reference is; each kind has the locator it must carry.

    >>> CitationKind("registry_record").label
    'registry record'
    """

    ARTICLE = "article"
    REVIEW = "review"
    BOOK_CHAPTER = "book_chapter"
    CONFERENCE_ABSTRACT = "conference_abstract"
    REGULATORY_DOCUMENT = "regulatory_document"
    LABEL = "label"
    REGISTRY_RECORD = "registry_record"
    PRESS_RELEASE = "press_release"
    REGULATORY_FILING = "regulatory_filing"
    DATABASE_RECORD = "database_record"
    DATASET = "dataset"
    NEWS = "news"

    @property
    def label(self) -> str:
        """The kind in words, for display."""
        return self.value.replace("_", " ")

    @property
    def plural(self) -> str:
        """The kind in words, plural, for headings ('press releases', 'news')."""
        return self.label if self is CitationKind.NEWS else f"{self.label}s"

    @property
    def scholarly(self) -> bool:
        """Whether the kind is published in the scholarly literature (DOI and PMID apply)."""
        return self in _SCHOLARLY


_SCHOLARLY = frozenset(
    {
        CitationKind.ARTICLE,
        CitationKind.REVIEW,
        CitationKind.BOOK_CHAPTER,
        CitationKind.CONFERENCE_ABSTRACT,
    }
)


class InterventionModality(_Vocab):
    """What kind of non-drug treatment an intervention is."""

    MAGNETIC_STIMULATION = "magnetic_stimulation"
    ELECTROCONVULSIVE = "electroconvulsive"
    DEEP_BRAIN_STIMULATION = "deep_brain_stimulation"
    VAGUS_NERVE_STIMULATION = "vagus_nerve_stimulation"
    SLEEP_DEPRIVATION = "sleep_deprivation"
    OTHER = "other"


class DeviceEvent(_Vocab):
    """A regulatory event for a medical device or the procedure it delivers."""

    #: A US 510(k) clearance: substantially equivalent to a device already marketed.
    CLEARANCE = "clearance"
    #: A US De Novo grant: a new low- or moderate-risk device type.
    DE_NOVO = "de_novo"
    #: A premarket approval (PMA) or an approval elsewhere.
    APPROVAL = "approval"
    #: A change of a device type's class, with the uses the new class covers.
    RECLASSIFICATION = "reclassification"
    #: A Breakthrough Device designation: priority review, not a marketing authorisation.
    BREAKTHROUGH_DESIGNATION = "breakthrough_designation"
    #: A CE marking under EU device law.
    CE_MARK = "ce_mark"
