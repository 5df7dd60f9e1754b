"""The knowledge base as tidy long tables: one row per fact, with stable, typed columns.

`TABLES` says what each table holds: its columns (name, type, description, vocabulary), its
primary key and its foreign keys. `table_rows` fills them with plain Python values and needs
nothing but the standard library, so the CSV, JSON Lines and data-package exports use it as is;
`to_dataframes` turns the same rows into pandas tables with real types:

- stages are an ordered categorical in clinical order (``unknown`` sorts first);
- other vocabularies are categoricals of their values;
- every partial date is a real date (the first day of the year or month it names) with a
  ``*_precision`` column saying ``year``, ``month`` or ``day``;
- identifiers (PubChem CIDs, PMIDs, ...) are text, never numbers;
- a short list inside one row (a development record's trials, an indication's parents) is one
  text cell joined with ``;``.

>>> import rapidad
>>> tables = rapidad.to_dataframes()
>>> dev = tables["development"]
>>> str(dev["stage"].dtype), dev["stage"].cat.ordered
('category', True)
>>> row = dev[(dev.agent == "rapastinel") & (dev.status == "discontinued")].iloc[0]
>>> row.stage, row.date.year, row.date_precision
('phase_3', 2019, 'day')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from rapidad.models import (
    Citation,
    Compound,
    DevelopmentRecord,
    DeviceClearance,
    Finding,
    Indication,
    Intervention,
    MechanismClass,
    RegulatoryEvent,
    Target,
)
from rapidad.vocab import (
    ActionType,
    Agency,
    ApprovalEvent,
    CitationKind,
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

if TYPE_CHECKING:
    from rapidad.kb import KnowledgeBase

__all__ = [
    "DATE_PRECISIONS",
    "STAGE_ORDER",
    "TABLES",
    "Column",
    "Table",
    "frame",
    "record_rows",
    "table_rows",
    "to_dataframes",
]

#: Stages from least to furthest along: the categories of every ``stage`` column.
STAGE_ORDER: tuple[str, ...] = (
    "unknown",
    "preclinical",
    "early_phase_1",
    "phase_1",
    "phase_1_2",
    "phase_2",
    "phase_2_3",
    "phase_3",
    "approval",
    "withdrawal",
)
#: How much of a date the source gave: the values of every ``*_precision`` column.
DATE_PRECISIONS: tuple[str, ...] = ("year", "month", "day")

#: The column types: Frictionless Table Schema types, plus ``stage``, an ordered vocabulary.
COLUMN_TYPES = ("string", "integer", "number", "boolean", "date", "stage")


@dataclass(frozen=True)
class Column:
    """One column of a long table.

    ``values`` lists the allowed values of a vocabulary column (a string column that pandas
    holds as a categorical); it is empty for free text and identifiers.
    """

    name: str
    type: str
    description: str
    values: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class Table:
    """A long table: its columns, primary key and foreign keys (``(columns, table, columns)``)."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)


def _vocab(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(str(m.value) for m in enum)


def _id(name: str, what: str) -> Column:
    return Column(name, "string", what, required=True)


def _text(name: str, what: str) -> Column:
    return Column(name, "string", what)


def _enum(name: str, enum: type[Enum], what: str, required: bool = False) -> Column:
    return Column(name, "string", what, _vocab(enum), required)


def _date(name: str, what: str, required: bool = False) -> tuple[Column, Column]:
    return (
        Column(
            name,
            "date",
            f"{what} (the first day of the period when only a year or month "
            f"is known; see {name}_precision)",
            required=required,
        ),
        Column(
            f"{name}_precision",
            "string",
            f"How much of {name} the source gave: year, month or day.",
            DATE_PRECISIONS,
            required,
        ),
    )


_STAGE = Column("stage", "stage", "Stage reached, in clinical order.", STAGE_ORDER, required=True)


def _programme_columns(owner: str) -> tuple[Column, ...]:
    return (
        _id(owner, f"Id of the {owner} (table {owner}s)."),
        _id("indication", "Id of the indication (table indications)."),
        _STAGE,
        _enum("status", ProgrammeStatus, "Programme status as of the date.", required=True),
        _enum("end_reason", EndReason, "Why the programme ended, where it did."),
        *_date("date", "Date of the decisive or latest known event", required=True),
        _enum("date_kind", DateKind, "What the date is the date of.", required=True),
        _text("sponsor", "Sponsor or developer at that date."),
        _text("programme", "Programme or product name."),
        _enum("route", Route, "Route of administration studied."),
        _enum("context", UseContext, "Line of therapy or setting."),
        _text("population", "Population studied."),
        _text("wording", "The indication as the source words it."),
        _text("event", "The decisive or latest event, briefly."),
        _text("trials", "ClinicalTrials.gov ids, joined with ';'."),
    )


_XREF_KINDS = ("agent", "target", "indication")
_CITING_KINDS = ("agent", "target", "mechanism", "indication", "intervention", "finding")
_CITING_PARTS = (
    "record",
    "target",
    "affinity",
    "relation",
    "development",
    "regulatory_event",
    "schedule",
    "effect",
    "clearance",
)

#: Every long table, by name, in export order.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "agents",
            "One row per agent (compound, combination or formulation).",
            (
                _id("id", "Stable id of the agent."),
                Column("name", "string", "Preferred display name.", required=True),
                _enum("modality", Modality, "Small molecule, peptide, gas, combination, ..."),
                _enum("stereo", StereoForm, "Stereochemical form."),
                _text("formula", "Molecular formula (Hill order)."),
                Column("molecular_weight", "number", "Average molecular weight (g/mol)."),
                _text("inchikey", "Standard InChIKey of the parent."),
                _text("smiles", "Isomeric SMILES of the parent."),
                Column(
                    "highest_stage",
                    "stage",
                    "Furthest stage reached in any indication.",
                    STAGE_ORDER,
                    True,
                ),
                Column("approved", "boolean", "Whether an approval stands.", required=True),
                Column("rapid", "boolean", "Whether the antidepressant effect is rapid."),
                _text("onset", "Time to antidepressant onset, as established."),
                _text("duration", "Duration of the antidepressant effect."),
                _text("notes", "What a user should know about the agent."),
            ),
            ("id",),
        ),
        Table(
            "synonyms",
            "One row per name of an agent.",
            (
                _id("agent", "Id of the agent."),
                Column("name", "string", "The name as written by its source.", required=True),
                _enum("kind", SynonymKind, "INN, USAN, code, brand, ...", required=True),
            ),
            (),
            ((("agent",), "agents", ("id",)),),
        ),
        Table(
            "xrefs",
            "One row per cross-reference of an agent, target or indication.",
            (
                Column("record_kind", "string", "agent, target or indication.", _XREF_KINDS, True),
                _id("record_id", "Id of the record."),
                _id(
                    "prefix", "Bioregistry prefix (pubchem.compound, chembl.compound, mondo, ...)."
                ),
                _id("local", "The identifier within the prefix, as text."),
                _id("curie", "prefix:local."),
            ),
            ("record_kind", "record_id", "prefix"),
        ),
        Table(
            "interactions",
            "One row per agent-target interaction.",
            (
                _id("agent", "Id of the agent."),
                _id("target", "Id of the target."),
                _enum("action", ActionType, "ChEMBL-style action type.", required=True),
                _text("qualifiers", "Action qualifiers, joined with ';'."),
                Column("primary", "boolean", "Whether it is a primary mechanism.", required=True),
                _text("note", "Context for the interaction."),
            ),
            (),
            ((("agent",), "agents", ("id",)), (("target",), "targets", ("id",))),
        ),
        Table(
            "affinities",
            "One row per affinity value of an agent at a target.",
            (
                _id("agent", "Id of the agent."),
                _id("target", "Id of the target."),
                _id("measure", "Ki, Kd, IC50, EC50, pKi or pIC50."),
                Column("value", "number", "The value, in unit.", required=True),
                _text("unit", "nM, uM, mM; empty for p-values."),
                _text("species", "Species of the assay."),
                _text("note", "Assay conditions or other context."),
            ),
            (),
            ((("agent",), "agents", ("id",)), (("target",), "targets", ("id",))),
        ),
        Table(
            "components",
            "One row per component of a combination or formulation.",
            (
                _id("agent", "Id of the combination or formulation."),
                _id("component", "Id of the component agent."),
                Column("roles", "string", "Roles of the component, joined with ';'."),
            ),
            (),
            ((("agent",), "agents", ("id",)), (("component",), "agents", ("id",))),
        ),
        Table(
            "development",
            "One row per development record of an agent in an indication.",
            _programme_columns("agent"),
            (),
            ((("agent",), "agents", ("id",)), (("indication",), "indications", ("id",))),
        ),
        Table(
            "regulatory_events",
            "One row per regulatory event (approval, refusal, withdrawal, ...) of an agent.",
            (
                _id("agent", "Id of the agent."),
                _id("indication", "Id of the indication."),
                _enum("agency", Agency, "The regulatory agency.", required=True),
                _enum("event", ApprovalEvent, "Kind of event.", required=True),
                *_date("date", "Date of the event", required=True),
                _enum("date_kind", DateKind, "What the date is the date of.", required=True),
                _text("brand", "Brand name of the product."),
                _text("application", "Application or procedure number."),
                _enum("route", Route, "Route of administration."),
                _enum("context", UseContext, "Line of therapy or setting."),
                _text("population", "Population."),
                _text("wording", "The indication as the agency words it."),
                _text("note", "Context for the event."),
            ),
            (),
            ((("agent",), "agents", ("id",)), (("indication",), "indications", ("id",))),
        ),
        Table(
            "schedules",
            "One row per controlled-substance schedule of an agent.",
            (
                _id("agent", "Id of the agent."),
                _id("jurisdiction", "Jurisdiction, e.g. US."),
                _id("schedule", "Schedule as named there, e.g. CIII."),
                _text("note", "Context, e.g. the form scheduled."),
            ),
            (),
            ((("agent",), "agents", ("id",)),),
        ),
        Table(
            "relations",
            "One row per relation between two agents, read 'subject type object'.",
            (
                _id("subject", "Id of the agent the relation is recorded on."),
                _enum("type", RelationType, "Relation type.", required=True),
                _id("object", "Id of the related agent."),
                _text("enzymes", "Enzymes involved, joined with ';'."),
                _text("note", "Context for the relation."),
            ),
            (),
            ((("subject",), "agents", ("id",)), (("object",), "agents", ("id",))),
        ),
        Table(
            "targets",
            "One row per target (protein, complex, family or binding site).",
            (
                _id("id", "Stable id of the target."),
                Column("name", "string", "Preferred display name.", required=True),
                _enum("kind", TargetKind, "Protein, complex, family or site.", required=True),
                _text("parent", "Id of the broader target."),
                _text("genes", "Gene symbols of the components, joined with ';'."),
                _text("uniprot", "UniProt accessions of the components, joined with ';'."),
                _text("defined_by", "Genes whose products define the target, joined with ';'."),
                _text("description", "What the target is."),
            ),
            ("id",),
            ((("parent",), "targets", ("id",)),),
        ),
        Table(
            "mechanisms",
            "One row per mechanism class.",
            (
                _id("id", "Stable id of the class."),
                Column("name", "string", "Preferred display name.", required=True),
                _text("parent", "Id of the broader class."),
                Column("review_group", "boolean", "Whether the review groups agents by it."),
                _text("description", "What members have in common."),
            ),
            ("id",),
            ((("parent",), "mechanisms", ("id",)),),
        ),
        Table(
            "agent_mechanisms",
            "One row per mechanism class an agent belongs to.",
            (
                _id("agent", "Id of the agent."),
                _id("mechanism", "Id of the mechanism class."),
            ),
            ("agent", "mechanism"),
            ((("agent",), "agents", ("id",)), (("mechanism",), "mechanisms", ("id",))),
        ),
        Table(
            "indications",
            "One row per indication.",
            (
                _id("id", "Stable id of the indication."),
                Column("name", "string", "Preferred display name.", required=True),
                _text("parents", "Ids of the broader indications, joined with ';'."),
                _text("abbreviations", "Abbreviations, joined with ';'."),
                _text("mondo", "MONDO id."),
                _text("mesh", "MeSH id."),
                _text("description", "What the indication covers."),
            ),
            ("id",),
        ),
        Table(
            "interventions",
            "One row per non-drug intervention.",
            (
                _id("id", "Stable id of the intervention."),
                Column("name", "string", "Preferred display name.", required=True),
                _enum("modality", InterventionModality, "Kind of intervention.", required=True),
                _text("abbreviations", "Abbreviations, joined with ';'."),
                _text("target_region", "Brain region or network it targets."),
                Column("rapid", "boolean", "Whether the antidepressant effect is rapid."),
                _text("onset", "Time to antidepressant onset, as established."),
                _text("duration", "Duration of the antidepressant effect."),
                _text("description", "What the intervention is."),
                _text("notes", "What a user should know about it."),
            ),
            ("id",),
        ),
        Table(
            "clearances",
            "One row per regulatory clearance or designation of an intervention's device.",
            (
                _id("intervention", "Id of the intervention."),
                _id("indication", "Id of the indication."),
                _enum("agency", Agency, "The regulatory agency.", required=True),
                _enum("event", DeviceEvent, "Clearance, De Novo, approval, ...", required=True),
                *_date("date", "Date of the event", required=True),
                _enum("date_kind", DateKind, "What the date is the date of.", required=True),
                _text("device", "The device or system, as named."),
                _text("applicant", "The company that applied."),
                _text("number", "510(k), De Novo or PMA number."),
                _text("wording", "The indication as the agency words it."),
                _text("note", "Context for the event."),
            ),
            (),
            (
                (("intervention",), "interventions", ("id",)),
                (("indication",), "indications", ("id",)),
            ),
        ),
        Table(
            "intervention_development",
            "One row per development record of an intervention in an indication.",
            _programme_columns("intervention"),
            (),
            (
                (("intervention",), "interventions", ("id",)),
                (("indication",), "indications", ("id",)),
            ),
        ),
        Table(
            "findings",
            "One row per cited finding.",
            (
                _id("id", "Stable id of the finding."),
                Column("statement", "string", "The statement.", required=True),
                _enum("kind", FindingKind, "Clinical, mechanistic, ...", required=True),
                _enum("evidence", EvidenceStatus, "How firmly it is established.", required=True),
                *_date("as_of", "Date a finding about a changing state holds as of"),
                _text("agents", "Ids of the agents it concerns, joined with ';'."),
                _text("mechanisms", "Ids of the mechanism classes it concerns, joined with ';'."),
                _text("targets", "Ids of the targets it concerns, joined with ';'."),
                _text("interventions", "Ids of the interventions it concerns, joined with ';'."),
            ),
            ("id",),
        ),
        Table(
            "citations",
            "One row per reference.",
            (
                _id("key", "BibTeX key."),
                _enum("kind", CitationKind, "Article, registry record, label, ...", required=True),
                Column("title", "string", "Title as issued.", required=True),
                _text("authors", "Authors, joined with ';'."),
                _text("journal", "Journal."),
                _text("publisher", "Publisher or issuer."),
                _enum("agency", Agency, "Issuing agency of a regulator's document."),
                Column("year", "integer", "Year of publication."),
                *_date("date", "Date of issue"),
                _text("volume", "Volume."),
                _text("pages", "Pages or article number."),
                _text("identifier", "The document's own number (NCT id, SPL set id, ...)."),
                _text("doi", "DOI."),
                _text("pmid", "PubMed id, as text."),
                _text("pmcid", "PubMed Central id."),
                _text("url", "The issuer's URL."),
                _text("citable", "The reference as one line of text."),
            ),
            ("key",),
        ),
        Table(
            "record_citations",
            "One row per reference a record (or a part of it) cites.",
            (
                Column("record_kind", "string", "Kind of the citing record.", _CITING_KINDS, True),
                _id("record_id", "Id of the citing record."),
                Column("part", "string", "Which part of the record cites it.", _CITING_PARTS, True),
                _id("citation", "BibTeX key of the reference."),
            ),
            ("record_kind", "record_id", "part", "citation"),
            ((("citation",), "citations", ("key",)),),
        ),
    )
}


def _value(x: Any) -> Any:
    return x.value if isinstance(x, Enum) else x


def _join(items: Iterable[Any]) -> str | None:
    text = ";".join(str(_value(i)) for i in items)
    return text or None


def _full_date(date: str | None) -> tuple[str | None, str | None]:
    """A partial ISO date as a full one (the first day of its period) and its precision."""
    if not date:
        return None, None
    parts = date.split("-")
    full = "-".join([*parts, *(["01"] * (3 - len(parts)))])
    return full, DATE_PRECISIONS[len(parts) - 1]


def _dated(name: str, date: str | None) -> dict[str, str | None]:
    full, precision = _full_date(date)
    return {name: full, f"{name}_precision": precision}


def _programme(owner: str, owner_id: str, d: DevelopmentRecord) -> dict[str, Any]:
    return {
        owner: owner_id,
        "indication": d.indication,
        "stage": d.stage.value,
        "status": d.status.value,
        "end_reason": _value(d.end_reason),
        **_dated("date", d.date),
        "date_kind": d.date_kind.value,
        "sponsor": d.sponsor,
        "programme": d.programme,
        "route": _value(d.route),
        "context": _value(d.context),
        "population": d.population,
        "wording": d.wording,
        "event": d.event,
        "trials": _join(d.trials),
    }


def _effect(r: Compound | Intervention) -> dict[str, Any]:
    e = r.antidepressant_effect
    return {
        "rapid": e.rapid if e else None,
        "onset": e.onset if e else None,
        "duration": e.duration if e else None,
    }


def _xrefs(kind: str, rid: str, xrefs: Mapping[str, str]) -> Iterator[dict[str, Any]]:
    for prefix, local in xrefs.items():
        yield {
            "record_kind": kind,
            "record_id": rid,
            "prefix": prefix,
            "local": local,
            "curie": f"{prefix}:{local}",
        }


def _agent(c: Compound) -> Iterator[tuple[str, dict[str, Any]]]:
    yield (
        "agents",
        {
            "id": c.id,
            "name": c.name,
            "modality": _value(c.modality),
            "stereo": _value(c.stereo),
            "formula": c.formula,
            "molecular_weight": c.molecular_weight,
            "inchikey": c.inchikey,
            "smiles": c.smiles,
            "highest_stage": c.highest_stage.value,
            "approved": c.approved,
            **_effect(c),
            "notes": c.notes,
        },
    )
    for s in c.synonyms:
        yield "synonyms", {"agent": c.id, "name": s.name, "kind": s.kind.value}
    for row in _xrefs("agent", c.id, c.xrefs):
        yield "xrefs", row
    for m in dict.fromkeys(c.mechanisms):
        yield "agent_mechanisms", {"agent": c.id, "mechanism": m}
    for t in c.targets:
        yield (
            "interactions",
            {
                "agent": c.id,
                "target": t.target,
                "action": t.action.value,
                "qualifiers": _join(t.qualifiers),
                "primary": t.primary,
                "note": t.note,
            },
        )
        for a in t.affinities:
            yield (
                "affinities",
                {
                    "agent": c.id,
                    "target": t.target,
                    "measure": a.measure.value,
                    "value": a.value,
                    "unit": a.unit,
                    "species": a.species,
                    "note": a.note,
                },
            )
    for x in c.components:
        yield (
            "components",
            {
                "agent": c.id,
                "component": x.compound,
                "roles": _join(x.roles),
            },
        )
    for d in c.development:
        yield "development", _programme("agent", c.id, d)
    for e in c.regulatory_events:
        yield "regulatory_events", _regulatory(c.id, e)
    for sched in c.schedules:
        yield (
            "schedules",
            {
                "agent": c.id,
                "jurisdiction": sched.jurisdiction,
                "schedule": sched.schedule,
                "note": sched.note,
            },
        )
    for r in c.relations:
        yield (
            "relations",
            {
                "subject": c.id,
                "type": r.type.value,
                "object": r.object,
                "enzymes": _join(r.enzymes),
                "note": r.note,
            },
        )
    parts: list[tuple[str, Iterable[str]]] = [("record", c.citations)]
    parts += [("target", t.citations) for t in c.targets]
    parts += [("affinity", a.citations) for t in c.targets for a in t.affinities]
    parts += [("relation", r.citations) for r in c.relations]
    parts += [("development", d.citations) for d in c.development]
    parts += [("regulatory_event", e.citations) for e in c.regulatory_events]
    parts += [("schedule", sched.citations) for sched in c.schedules]
    if c.antidepressant_effect:
        parts.append(("effect", c.antidepressant_effect.citations))
    yield from _citing("agent", c.id, parts)


def _citing(
    kind: str, rid: str, parts: Iterable[tuple[str, Iterable[str]]]
) -> Iterator[tuple[str, dict[str, Any]]]:
    seen: set[tuple[str, str]] = set()
    for part, keys in parts:
        for key in keys:
            if (part, key) not in seen:
                seen.add((part, key))
                yield (
                    "record_citations",
                    {
                        "record_kind": kind,
                        "record_id": rid,
                        "part": part,
                        "citation": key,
                    },
                )


def _regulatory(agent: str, e: RegulatoryEvent) -> dict[str, Any]:
    return {
        "agent": agent,
        "indication": e.indication,
        "agency": e.agency.value,
        "event": e.event.value,
        **_dated("date", e.date),
        "date_kind": e.date_kind.value,
        "brand": e.brand,
        "application": e.application,
        "route": _value(e.route),
        "context": _value(e.context),
        "population": e.population,
        "wording": e.wording,
        "note": e.note,
    }


def _target(t: Target) -> Iterator[tuple[str, dict[str, Any]]]:
    yield (
        "targets",
        {
            "id": t.id,
            "name": t.name,
            "kind": t.kind.value,
            "parent": t.parent,
            "genes": _join(x.gene for x in t.components),
            "uniprot": _join(x.uniprot for x in t.components if x.uniprot),
            "defined_by": _join(t.defined_by),
            "description": t.description,
        },
    )
    for row in _xrefs("target", t.id, t.xrefs):
        yield "xrefs", row
    yield from _citing("target", t.id, [("record", t.citations)])


def _mechanism(m: MechanismClass) -> Iterator[tuple[str, dict[str, Any]]]:
    yield (
        "mechanisms",
        {
            "id": m.id,
            "name": m.name,
            "parent": m.parent,
            "review_group": m.review_group,
            "description": m.description,
        },
    )
    yield from _citing("mechanism", m.id, [("record", m.citations)])


def _indication(i: Indication) -> Iterator[tuple[str, dict[str, Any]]]:
    yield (
        "indications",
        {
            "id": i.id,
            "name": i.name,
            "parents": _join(i.parents),
            "abbreviations": _join(i.abbreviations),
            "mondo": i.xrefs.get("mondo"),
            "mesh": i.xrefs.get("mesh"),
            "description": i.description,
        },
    )
    for row in _xrefs("indication", i.id, i.xrefs):
        yield "xrefs", row
    yield from _citing("indication", i.id, [("record", i.citations)])


def _intervention(iv: Intervention) -> Iterator[tuple[str, dict[str, Any]]]:
    yield (
        "interventions",
        {
            "id": iv.id,
            "name": iv.name,
            "modality": iv.modality.value,
            "abbreviations": _join(iv.abbreviations),
            "target_region": iv.target_region,
            **_effect(iv),
            "description": iv.description,
            "notes": iv.notes,
        },
    )
    for c in iv.clearances:
        yield "clearances", _clearance(iv.id, c)
    for d in iv.development:
        yield "intervention_development", _programme("intervention", iv.id, d)
    parts: list[tuple[str, Iterable[str]]] = [("record", iv.citations)]
    parts += [("clearance", c.citations) for c in iv.clearances]
    parts += [("development", d.citations) for d in iv.development]
    if iv.antidepressant_effect:
        parts.append(("effect", iv.antidepressant_effect.citations))
    yield from _citing("intervention", iv.id, parts)


def _clearance(intervention: str, c: DeviceClearance) -> dict[str, Any]:
    return {
        "intervention": intervention,
        "indication": c.indication,
        "agency": c.agency.value,
        "event": c.event.value,
        **_dated("date", c.date),
        "date_kind": c.date_kind.value,
        "device": c.device,
        "applicant": c.applicant,
        "number": c.number,
        "wording": c.wording,
        "note": c.note,
    }


def _finding(f: Finding) -> Iterator[tuple[str, dict[str, Any]]]:
    yield (
        "findings",
        {
            "id": f.id,
            "statement": f.statement,
            "kind": f.kind.value,
            "evidence": f.evidence.value,
            **_dated("as_of", f.as_of),
            "agents": _join(f.compounds),
            "mechanisms": _join(f.mechanisms),
            "targets": _join(f.targets),
            "interventions": _join(f.interventions),
        },
    )
    yield from _citing("finding", f.id, [("record", f.citations)])


def _citation(c: Citation) -> Iterator[tuple[str, dict[str, Any]]]:
    yield (
        "citations",
        {
            "key": c.key,
            "kind": c.kind.value,
            "title": c.title,
            "authors": _join(c.authors),
            "journal": c.journal,
            "publisher": c.publisher,
            "agency": _value(c.agency),
            "year": c.year,
            **_dated("date", c.date),
            "volume": c.volume,
            "pages": c.pages,
            "identifier": c.identifier,
            "doi": c.doi,
            "pmid": c.pmid,
            "pmcid": c.pmcid,
            "url": c.url,
            "citable": c.citable,
        },
    )


_ROWS: dict[type[Any], Callable[[Any], Iterator[tuple[str, dict[str, Any]]]]] = {
    Compound: _agent,
    Target: _target,
    MechanismClass: _mechanism,
    Indication: _indication,
    Intervention: _intervention,
    Finding: _finding,
    Citation: _citation,
}


def record_rows(records: Iterable[Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows that *records* (of any kinds) contribute to each long table.

    Every table appears, empty where the records contribute nothing; each row has every column.
    """
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for record in records:
        for table, row in _ROWS[type(record)](record):
            found[table].append(row)
    return found


def table_rows(kb: KnowledgeBase) -> dict[str, list[dict[str, Any]]]:
    """Every long table of *kb* as lists of rows (plain Python values, ``None`` when empty)."""
    return record_rows(
        r
        for collection in (
            kb.agents,
            kb.targets,
            kb.mechanisms,
            kb.indications,
            kb.interventions,
            kb.findings,
            kb.citations,
        )
        for r in collection
    )


def frame(name: str, rows: list[dict[str, Any]]) -> Any:
    """Build the pandas table *name* from *rows*, with the types `TABLES` gives its columns."""
    pd = _pandas()
    spec = TABLES[name]
    df = pd.DataFrame.from_records(rows, columns=list(spec.column_names))
    for col in spec.columns:
        values = df[col.name]
        if col.type == "stage":
            df[col.name] = pd.Categorical(values, categories=col.values, ordered=True)
        elif col.values:
            df[col.name] = pd.Categorical(values, categories=col.values)
        elif col.type == "date":
            df[col.name] = pd.to_datetime(values, format="%Y-%m-%d")
        elif col.type == "integer":
            df[col.name] = values.astype("Int64")
        elif col.type == "number":
            df[col.name] = values.astype("float64")
        elif col.type == "boolean":
            df[col.name] = values.astype("boolean")
        else:
            df[col.name] = values.astype("string")
    return df


def to_dataframes(kb: KnowledgeBase) -> dict[str, Any]:
    """Every long table of *kb* as a typed pandas DataFrame, by table name (needs pandas)."""
    return {name: frame(name, rows) for name, rows in table_rows(kb).items()}


def _pandas() -> Any:
    try:
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("tables as DataFrames need pandas: pip install pandas") from exc
    return pd
