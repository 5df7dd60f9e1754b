"""The knowledge base: records checked against each other, indexed, and served read-only.

>>> from rapidad.kb import bundled
>>> kb = bundled()
>>> kb.agents["ketamine"].name
'Ketamine'
"""

from __future__ import annotations

import gc
import json
import re
import sys
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only a type here; importing it at run time costs a few milliseconds
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - Python 3.10
        from importlib.abc import Traversable

from rapidad.errors import DatasetError, Problem
from rapidad.identifiers import CITATION_KEY_PATTERN, RECORD_ID_PATTERN, normalise_name
from rapidad.models import Citation, Compound, Indication, Intervention, MechanismClass, Target
from rapidad.plausibility import plausibility_problems
from rapidad.query import (
    AgentCollection,
    CitationCollection,
    FindingCollection,
    IndicationCollection,
    InterventionCollection,
    MechanismCollection,
    NameIndex,
    TargetCollection,
)
from rapidad.store import (
    ANY,
    BIB_FILE,
    RECORD_FILES,
    DatasetMeta,
    RawDataset,
    parse_bibtex,
    read_dataset_partial,
)
from rapidad.vocab import Modality, RelationType, TargetKind

__all__ = ["KnowledgeBase", "bundled", "bundled_data_path", "load"]


class KnowledgeBase:
    """A validated, cross-checked and indexed set of records.

    Build one with `rapidad.load`; the bundled one is `bundled`. Every attribute is
    read-only and every record is a frozen model, so a knowledge base can be shared freely.
    """

    __slots__ = (
        "__weakref__",
        "_acting",
        "_bib_text",
        "_citation_lock",
        "_citations",
        "_indication_children",
        "_mechanism_children",
        "_prevalidated",
        "_target_children",
        "agents",
        "findings",
        "indications",
        "interventions",
        "mechanisms",
        "meta",
        "source",
        "targets",
    )

    agents: AgentCollection
    targets: TargetCollection
    mechanisms: MechanismCollection
    findings: FindingCollection
    indications: IndicationCollection
    interventions: InterventionCollection

    def __init__(
        self, raw: RawDataset, source: str = "<memory>", problems: Iterable[Problem] = ()
    ) -> None:
        """Check *raw* as a whole and index it.

        *problems* are those already found while reading the files; they are reported together
        with the cross-reference problems.

        Raises:
            DatasetError: listing every problem.

        """
        self.source = source
        self.meta: DatasetMeta | None = raw.meta
        problems = list(problems)
        problems += _check_references(raw)
        problems += _check_hierarchy(raw.mechanisms, "mechanisms.json", raw.invalid)
        problems += _check_hierarchy(raw.targets, "targets.json", raw.invalid)
        problems += _check_hierarchy(raw.indications, "indications.json", raw.invalid)
        problems += _check_relations(raw.compounds, raw.invalid.get("compounds.json", set()))
        problems += _check_unique_structure(raw.compounds)
        problems += plausibility_problems(raw)
        agent_index, p1 = _index_compounds(raw.compounds.values())
        target_index, p2 = _index_named(raw.targets.values(), "targets.json")
        mech_index, p3 = _index_named(raw.mechanisms.values(), "mechanisms.json")
        indication_index, p5 = _index_named(raw.indications.values(), "indications.json")
        intervention_index, p6 = _index_named(raw.interventions.values(), "interventions.json")
        finding_index = NameIndex()  # findings are looked up by id only
        for f in raw.findings:
            finding_index.add_name(f, f)
        self._bib_text = raw.bib_text
        self._prevalidated = raw.prevalidated
        self._citation_lock = threading.Lock()
        self._citations: CitationCollection | None = None
        p4: list[Problem] = []
        if raw.bib_text is None:
            citation_index, p4 = _index_citations(raw.citations.values())
        problems += p1 + p2 + p3 + p4 + p5 + p6
        if problems:
            raise DatasetError(sorted(set(problems), key=Problem.sort_key), source)
        self.agents = AgentCollection(raw.compounds.values(), agent_index, self)
        self.targets = TargetCollection(raw.targets.values(), target_index, self)
        self.mechanisms = MechanismCollection(raw.mechanisms.values(), mech_index, self)
        self.findings = FindingCollection(raw.findings.values(), finding_index, self)
        self.indications = IndicationCollection(raw.indications.values(), indication_index, self)
        self.interventions = InterventionCollection(
            raw.interventions.values(), intervention_index, self
        )
        if raw.bib_text is None:
            self._citations = CitationCollection(raw.citations.values(), citation_index, self)
        self._mechanism_children = _children(raw.mechanisms.values())
        self._target_children = _children(raw.targets.values())
        self._indication_children = _children(raw.indications.values())
        self._acting: dict[str, frozenset[str]] = {}
        _LIVE.add(self)

    @property
    def citations(self) -> CitationCollection:
        """The references behind the records (parsed from BibTeX on first use, then kept)."""
        found = self._citations
        if found is None:
            with self._citation_lock:
                found = self._citations
                if found is None:
                    found = self._citations = self._parse_citations()
        return found

    def _parse_citations(self) -> CitationCollection:
        citations, problems = parse_bibtex(self._bib_text or "", prevalidated=self._prevalidated)
        index, more = _index_citations(citations.values())
        problems += more
        if problems:
            raise DatasetError(sorted(set(problems), key=Problem.sort_key), self.source)
        return CitationCollection(citations.values(), index, self)

    def to_dataframes(self) -> dict[str, Any]:
        """Every long table (`rapidad.tables`) as a typed pandas DataFrame, by name.

        >>> import rapidad
        >>> tables = rapidad.knowledge_base().to_dataframes()
        >>> sorted(tables)[:4]
        ['affinities', 'agent_mechanisms', 'agents', 'citations']
        """
        from rapidad.tables import to_dataframes

        return to_dataframes(self)

    @property
    def as_of(self) -> str | None:
        """The date up to which the curators looked for news (from ``meta.json``)."""
        return self.meta.as_of if self.meta else None

    def mechanism_closure(self, key: str) -> frozenset[str]:
        """Ids of a mechanism class (id or name) and all its descendants.

        Raises:
            KeyError: if no class has that id or name.

        """
        return _descendants(self.mechanisms[key].id, self._mechanism_children)

    def indication_closure(self, key: str) -> frozenset[str]:
        """Ids of an indication (id, name, abbreviation or CURIE) and every narrower one.

        >>> from rapidad.kb import bundled
        >>> "treatment-resistant-depression" in bundled().indication_closure("MDD")
        True

        Raises:
            KeyError: if no indication has that id, name or cross-reference.

        """
        return _descendants(self.indications[key].id, self._indication_children)

    def target_closure(self, key: str, *, containing: bool = False) -> frozenset[str]:
        """Ids of the targets an interaction may name to count as acting on *key*.

        These are the target itself and its subtypes and sites (descendants); for a single protein,
        also every complex or site it defines (``defined_by``: the GluN1/GluN2B receptor for
        GRIN2B). With *containing*, a protein's closure takes in every complex or family that
        contains it at all (the whole NMDA receptor for GRIN2B).

        Raises:
            KeyError: if no target has that id, name or gene symbol.

        """
        target = self.targets[key]
        ids = set(_descendants(target.id, self._target_children))
        if target.kind is TargetKind.PROTEIN:
            gene = target.components[0].gene
            for other in self.targets:
                held = other.defined_by if not containing else other.gene_symbols
                if gene in held:
                    ids |= _descendants(other.id, self._target_children)
        return frozenset(ids)

    def acting_targets(self, key: str) -> frozenset[str]:
        """Ids of the targets a compound acts on: its own, and those of its components.

        A combination acts through its components, and a formulation through the compound it is
        a formulation of, so AXS-05 acts on what dextromethorphan and bupropion act on.
        """
        found = self._acting.get(key)
        if found is None:
            compound = self.agents[key]
            ids = {t.target for t in compound.targets}
            if compound.modality in (Modality.COMBINATION, Modality.FORMULATION):
                parts = [c.compound for c in compound.components]
                parts += [
                    r.object for r in compound.relations if r.type is RelationType.FORMULATION_OF
                ]
                for part in parts:
                    if part != compound.id:
                        ids |= self.acting_targets(part)
            found = self._acting[compound.id] = frozenset(ids)
        return found

    def layered(
        self,
        raw: RawDataset,
        source: str,
        problems: Iterable[Problem] = (),
        *,
        replace: bool = False,
    ) -> KnowledgeBase:
        """Return a new knowledge base of this one's records with *raw*'s added.

        A record of *raw* whose id (or BibTeX key) this knowledge base already holds is a problem,
        because replacing a whole record silently drops what the user did not restate; with
        *replace* it replaces this one's record instead.

        Raises:
            DatasetError: listing *problems* and every problem of the merged records.

        """
        problems = list(problems)
        if not replace:
            problems += self._clashes(raw)
        merged = RawDataset(
            compounds={**{r.id: r for r in self.agents}, **raw.compounds},
            targets={**{r.id: r for r in self.targets}, **raw.targets},
            mechanisms={**{r.id: r for r in self.mechanisms}, **raw.mechanisms},
            findings={**{r.id: r for r in self.findings}, **raw.findings},
            indications={**{r.id: r for r in self.indications}, **raw.indications},
            interventions={**{r.id: r for r in self.interventions}, **raw.interventions},
            citations={**{c.key: c for c in self.citations}, **raw.citations},
            meta=raw.meta or self.meta,
            invalid=raw.invalid,
            unvalidated=raw.unvalidated,
        )
        return KnowledgeBase(merged, source, problems)

    def _clashes(self, raw: RawDataset) -> list[Problem]:
        """Problems for the records of *raw* whose ids this knowledge base already holds."""
        held: dict[str, Iterable[str]] = {BIB_FILE: (c.key for c in self.citations)}
        new: dict[str, Iterable[str]] = {BIB_FILE: raw.citations}
        for file in RECORD_FILES:
            kind = file.removesuffix(".json")
            held[file] = getattr(self, "agents" if kind == "compounds" else kind).ids
            new[file] = getattr(raw, kind)
        message = (
            "already in the bundled knowledge base; to replace the bundled record with this one, "
            "load with replace=True (--replace on the command line)"
        )
        problems = []
        for file, ids in held.items():
            ours = set(ids)
            theirs = set(new[file]) | (raw.invalid.get(file, set()) - {ANY})
            problems += [Problem(file, rid, None, message) for rid in sorted(theirs & ours)]
        return problems

    def __repr__(self) -> str:
        return (
            f"<KnowledgeBase {self.source!r}: {len(self.agents)} agents, "
            f"{len(self.targets)} targets, "
            f"{len(self.mechanisms)} mechanism classes, {len(self.indications)} indications, "
            f"{len(self.interventions)} interventions, "
            f"{len(self.findings)} findings, "
            f"{len(self.citations)} citations; as of {self.as_of}>"
        )


def _children(records: Iterable[Target | MechanismClass | Indication]) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for r in records:
        for parent in r.parents:
            children.setdefault(parent, []).append(r.id)
    return children


def _descendants(root: str, children: Mapping[str, list[str]]) -> frozenset[str]:
    seen = {root}
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return frozenset(seen)


class _Pool:
    """Ids that count as existing: the valid records plus those that failed validation."""

    def __init__(self, records: Mapping[str, object], invalid: set[str]) -> None:
        self.records = records
        self.invalid = invalid

    def __contains__(self, key: object) -> bool:
        return key in self.records or key in self.invalid or ANY in self.invalid


def _cited(c: Compound | Intervention) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Yield (field path, citation keys) for every cited part of a compound or intervention."""
    yield "citations", c.citations
    groups = (
        ("clearances", "development")
        if isinstance(c, Intervention)
        else ("targets", "relations", "development", "regulatory_events", "schedules")
    )
    for group in groups:
        for i, item in enumerate(getattr(c, group)):
            yield f"{group}.{i}.citations", item.citations
    if isinstance(c, Compound):
        for i, t in enumerate(c.targets):
            for j, affinity in enumerate(t.affinities):
                yield f"targets.{i}.affinities.{j}.citations", affinity.citations
    if c.antidepressant_effect:
        yield "antidepressant_effect.citations", c.antidepressant_effect.citations


_RECORD_ID = re.compile(RECORD_ID_PATTERN)
_CITATION_KEY = re.compile(CITATION_KEY_PATTERN)

# Fields inside a compound's parts that name another record, and what kind of record.
_RAW_LINKS = {
    "target": "target",
    "object": "compound",
    "compound": "compound",
    "indication": "indication",
}


def _raw_references(fields: Mapping[str, Any], path: str = "") -> Iterator[tuple[str, str, str]]:
    """Yield (field path, kind, id) for the references in an unvalidated record's raw fields."""
    for name, value in fields.items():
        here = f"{path}{name}"
        if name == "citations" and isinstance(value, list):
            yield from ((here, "citation key", v) for v in value if isinstance(v, str))
        elif name == "mechanisms" and not path and isinstance(value, list):
            yield from ((here, "mechanism class", v) for v in value if isinstance(v, str))
        elif name in _RAW_LINKS and isinstance(value, str) and path:
            yield here, _RAW_LINKS[name], value
        elif isinstance(value, dict):
            yield from _raw_references(value, f"{here}.")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    yield from _raw_references(item, f"{here}.{i}.")


def _check_references(raw: RawDataset) -> list[Problem]:
    problems: list[Problem] = []
    cites = _Pool(
        {**raw.citations, **dict.fromkeys(raw.bib_keys)}, raw.invalid.get(BIB_FILE, set())
    )
    compounds = _Pool(raw.compounds, raw.invalid.get("compounds.json", set()))
    targets = _Pool(raw.targets, raw.invalid.get("targets.json", set()))
    mechanisms = _Pool(raw.mechanisms, raw.invalid.get("mechanisms.json", set()))
    indications = _Pool(raw.indications, raw.invalid.get("indications.json", set()))

    def bad(file: str, rid: str, path: str, message: str) -> None:
        problems.append(Problem(file, rid, path, message))

    def dated_and_cited(
        file: str, record: Compound | Intervention, groups: tuple[str, ...]
    ) -> None:
        """Check the indications of *record*'s dated events and every key it cites."""
        for group in groups:
            for i, item in enumerate(getattr(record, group)):
                if item.indication not in indications:
                    message = f"unknown indication {item.indication!r}"
                    bad(file, record.id, f"{group}.{i}.indication", message)
        for path, keys in _cited(record):
            for key in keys:
                if key not in cites:
                    bad(file, record.id, path, f"unknown citation key {key!r}")

    # Messages are built only for problems: this loop runs over every record of large datasets.
    f = "compounds.json"
    for c in raw.compounds.values():
        for i, m in enumerate(c.mechanisms):
            if m not in mechanisms:
                problems.append(
                    Problem(f, c.id, f"mechanisms.{i}", f"unknown mechanism class {m!r}")
                )
        for i, t in enumerate(c.targets):
            if t.target not in targets:
                problems.append(
                    Problem(f, c.id, f"targets.{i}.target", f"unknown target {t.target!r}")
                )
        links = [(f"components.{i}.compound", x.compound) for i, x in enumerate(c.components)]
        links += [(f"relations.{i}.object", r.object) for i, r in enumerate(c.relations)]
        for path, other in links:
            if other not in compounds:
                bad(f, c.id, path, f"unknown compound {other!r}")
            if other == c.id:
                bad(f, c.id, path, "a compound cannot refer to itself")
        dated_and_cited(f, c, ("development", "regulatory_events"))
    for name, records in (
        ("targets.json", raw.targets),
        ("mechanisms.json", raw.mechanisms),
        ("indications.json", raw.indications),
    ):
        for r in records.values():
            for key in r.citations:
                if key not in cites:
                    problems.append(
                        Problem(name, r.id, "citations", f"unknown citation key {key!r}")
                    )
    pools_by_kind = {
        "citation key": cites,
        "mechanism class": mechanisms,
        "target": targets,
        "indication": indications,
    }
    for file, unchecked in raw.unvalidated.items():
        for rid, fields in unchecked.items():
            for path, kind, ref in _raw_references(fields):
                # A value that is not even an id already has its validation problem.
                shape = _CITATION_KEY if kind == "citation key" else _RECORD_ID
                if shape.match(ref) and ref not in pools_by_kind.get(kind, compounds):
                    bad(file, rid, path, f"unknown {kind} {ref!r}")
    for iv in raw.interventions.values():
        dated_and_cited("interventions.json", iv, ("clearances", "development"))
    interventions = _Pool(raw.interventions, raw.invalid.get("interventions.json", set()))
    f = "findings.json"
    for fd in raw.findings.values():
        for field, pool in (
            ("compounds", compounds),
            ("mechanisms", mechanisms),
            ("targets", targets),
            ("interventions", interventions),
        ):
            for i, ref in enumerate(getattr(fd, field)):
                if ref not in pool:
                    problems.append(
                        Problem(f, fd.id, f"{field}.{i}", f"unknown {field[:-1]} {ref!r}")
                    )
        for key in fd.citations:
            if key not in cites:
                bad(f, fd.id, "citations", f"unknown citation key {key!r}")
    held = {
        "compounds.json": bool(raw.compounds),
        "targets.json": bool(raw.targets),
        "mechanisms.json": bool(raw.mechanisms),
        "indications.json": bool(raw.indications),
        "interventions.json": bool(raw.interventions),
        BIB_FILE: bool(raw.citations or raw.bib_keys),
    }
    for file, any_records in held.items():
        if not any_records and file not in raw.present:
            problems = _missing_file(problems, file)
    return problems


# What a reference into each file is called in the problems that name an unknown one.
_REFERRED_AS = {
    "compounds.json": ("unknown compound", "compounds"),
    "targets.json": ("unknown target", "targets"),
    "mechanisms.json": ("unknown mechanism", "mechanism classes"),
    "indications.json": ("unknown indication", "indications"),
    "interventions.json": ("unknown intervention", "interventions"),
    BIB_FILE: ("unknown citation key", "references"),
}


def _missing_file(problems: list[Problem], file: str) -> list[Problem]:
    """Report a file that is absent but referred to once, rather than once per reference."""
    prefix, what = _REFERRED_AS[file]
    unresolved = [p for p in problems if p.message.startswith(prefix)]
    if not unresolved:
        return problems
    records = len({(p.file, p.record) for p in unresolved})
    missing = Problem(
        file,
        None,
        None,
        f"missing: {records} records refer to {what} ({len(unresolved)} references) "
        f"and there is no {file} to resolve them",
    )
    dropped = set(unresolved)
    return [missing, *(p for p in problems if p not in dropped)]


def _check_hierarchy(
    records: Mapping[str, Target | MechanismClass | Indication],
    file: str,
    invalid: Mapping[str, set[str]],
) -> list[Problem]:
    problems: list[Problem] = []
    pool = _Pool(records, invalid.get(file, set()))
    field = "parents" if file == "indications.json" else "parent"
    for r in records.values():
        for i, parent in enumerate(r.parents):
            if parent not in pool:
                path = f"{field}.{i}" if field == "parents" else field
                problems.append(Problem(file, r.id, path, f"unknown parent {parent!r}"))
    graph = {rid: set(r.parents) for rid, r in records.items()}
    for r in records.values():
        if any(_reaches(parent, r.id, graph) for parent in r.parents):
            problems.append(Problem(file, r.id, field, "the parent chain has a cycle"))
    return problems


def _check_relations(compounds: Mapping[str, Compound], invalid: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    edges: dict[str, dict[str, set[str]]] = {}
    for c in compounds.values():
        for rel in c.relations:
            edges.setdefault(rel.type.value, {}).setdefault(c.id, set()).add(rel.object)
    for c in compounds.values():
        for i, rel in enumerate(c.relations):
            if rel.type.symmetric and rel.object in compounds and rel.object not in invalid:
                back = edges[rel.type.value].get(rel.object, set())
                if c.id not in back:
                    problems.append(
                        Problem(
                            "compounds.json",
                            c.id,
                            f"relations.{i}",
                            f"{rel.type.value} {rel.object!r}: the inverse is not recorded",
                        )
                    )
            if rel.type.acyclic and _reaches(rel.object, c.id, edges[rel.type.value]):
                problems.append(
                    Problem(
                        "compounds.json",
                        c.id,
                        f"relations.{i}",
                        f"{rel.type.value} relations form a cycle",
                    )
                )
    return problems


def _reaches(start: str, goal: str, graph: Mapping[str, set[str]]) -> bool:
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return False


def _check_unique_structure(compounds: Mapping[str, Compound]) -> list[Problem]:
    problems: list[Problem] = []
    owners: dict[str, dict[str, str]] = {}
    for c in compounds.values():
        keys = list(c.xrefs.items())
        if c.inchikey and c.xrefs.get("inchikey") != c.inchikey:
            keys.append(("inchikey", c.inchikey))
        for prefix, local in keys:
            table = owners.get(prefix)
            if table is None:
                table = owners[prefix] = {}
            owner = table.setdefault(local, c.id)
            if owner != c.id:
                field = "inchikey" if prefix == "inchikey" else f"xrefs.{prefix}"
                problems.append(
                    Problem("compounds.json", c.id, field, f"{prefix}:{local} is also on {owner!r}")
                )
    return problems


def _collision(file: str, rid: str, name: str, owner: str) -> Problem:
    return Problem(
        file,
        rid,
        "synonyms",
        f"name {name!r} (normalised {normalise_name(name)!r}) also names {owner!r}",
    )


def _index_compounds(compounds: Iterable[Compound]) -> tuple[NameIndex, list[Problem]]:
    index = NameIndex()
    problems: list[Problem] = []
    for c in compounds:
        for name in (c.id, c.name, *(s.name for s in c.synonyms)):
            owner = index.add_name(name, c.id)
            if owner:
                problems.append(_collision("compounds.json", c.id, name, owner))
        for prefix, local in c.xrefs.items():
            index.add_curie(prefix, local, c.id)
        if c.inchikey:
            index.add_curie("inchikey", c.inchikey, c.id)
            index.add_name(c.inchikey, c.id)
    return index, problems


def _index_named(
    records: Iterable[Target | MechanismClass | Indication | Intervention], file: str
) -> tuple[NameIndex, list[Problem]]:
    index = NameIndex()
    problems: list[Problem] = []
    records = list(records)
    for r in records:
        names = [r.id, r.name, *r.synonyms]
        if isinstance(r, Indication | Intervention):
            names += r.abbreviations
        for name in names:
            owner = index.add_name(name, r.id)
            if owner:
                problems.append(_collision(file, r.id, name, owner))
        if isinstance(r, Target | Indication):
            for prefix, local in r.xrefs.items():
                index.add_curie(prefix, local, r.id)
    targets = [r for r in records if isinstance(r, Target)]
    if targets:
        _index_genes(index, targets)
    return index, problems


def _index_genes(index: NameIndex, targets: list[Target]) -> None:
    """Index gene symbols and accessions where they name one target unambiguously.

    A gene names its single-protein target; a gene no protein record holds names the narrowest
    complex holding it, when the complexes that hold it are nested (MTOR names mTORC1). Genes
    never override a name.
    """
    holders: dict[str, list[Target]] = {}
    for r in targets:
        if r.kind is TargetKind.PROTEIN:
            comp = r.components[0]
            index.add_name(comp.gene, r.id)
            if comp.uniprot:
                index.add_curie("uniprot", comp.uniprot, r.id)
        else:
            for gene in r.gene_symbols:
                holders.setdefault(gene, []).append(r)
    parents = {r.id: r.parent for r in targets}
    for gene, held in holders.items():
        if index.resolve(gene) is not None:
            continue
        deepest = max(held, key=lambda r: _depth(r.id, parents))
        others = {r.id for r in held} - {deepest.id}
        if others <= _ancestors(deepest.id, parents):
            index.add_name(gene, deepest.id)


def _ancestors(rid: str, parents: Mapping[str, str | None]) -> set[str]:
    found: set[str] = set()
    current = parents.get(rid)
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def _depth(rid: str, parents: Mapping[str, str | None]) -> int:
    return len(_ancestors(rid, parents))


def _index_citations(citations: Iterable[Citation]) -> tuple[NameIndex, list[Problem]]:
    index = NameIndex()
    problems: list[Problem] = []
    for c in citations:
        index.names.setdefault(normalise_name(c.key), c.key)
        for prefix, local in (("doi", c.doi), ("pmid", c.pmid)):
            if local:
                owner = index.add_curie(prefix, local.lower() if prefix == "doi" else local, c.key)
                if owner:
                    problems.append(
                        Problem(
                            "references.bib",
                            c.key,
                            prefix,
                            f"{prefix} {local} is also on {owner!r}",
                        )
                    )
    return index, problems


def bundled_data_path() -> Traversable:
    """The directory of the bundled knowledge base inside the installed package."""
    here = Path(__file__).with_name("data")
    if here.is_dir():  # the usual install; importlib.resources costs more to import
        return here
    from importlib.resources import files  # e.g. installed inside a zip archive

    return files("rapidad").joinpath("data")


_lock = threading.Lock()
_bundled: KnowledgeBase | None = None
# Every knowledge base still in use, so that a record can find the one it belongs to.
_LIVE: weakref.WeakSet[KnowledgeBase] = weakref.WeakSet()


def holder(record: object) -> KnowledgeBase | None:
    """The knowledge base (still in use) that holds this very *record*, if any.

    A record does not point at its knowledge base; this is how a notebook display finds the
    names of what a record refers to.
    """
    from rapidad.render import kind_of

    kind = kind_of(record)
    if kind is None:
        return None
    rid = getattr(record, "key", None) if kind == "citations" else getattr(record, "id", None)
    for kb in list(_LIVE):
        if kind == "citations" and kb._citations is None:
            continue  # parsing a knowledge base's BibTeX just to display a record is not worth it
        if getattr(kb, kind)._by_id.get(rid) is record:
            return kb
    return None


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Loading allocates a great many small containers, none of them garbage; the cyclic collector
    # would traverse them again and again (it tripled the load time of 10,000 records).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def bundled() -> KnowledgeBase:
    """Return the bundled knowledge base, loading it on first use (once, thread-safely)."""
    global _bundled
    kb = _bundled
    if kb is None:
        with _lock:
            kb = _bundled
            if kb is None:
                with _gc_paused():
                    raw, problems = read_dataset_partial(
                        bundled_data_path(), lazy_citations=True, prevalidated=True
                    )
                    kb = _bundled = KnowledgeBase(raw, "rapidad/data", problems)
    return kb


def load(
    path: str | Path | Traversable, *, layer: bool = False, replace: bool = False
) -> KnowledgeBase:
    """Load a knowledge base laid out like ``rapidad/data``, or a JSON export of one.

    Args:
        path: the directory, or a ``.json`` file written by ``export --format json``.
        layer: add the directory's records to the bundled knowledge base instead of loading them
            alone. The bundled knowledge base itself never changes. A layered record whose id the
            bundled data already has is a problem, unless *replace* is given.
        replace: with *layer*, let a layered record replace the bundled record with the same id
            (the whole record: fields it does not restate are gone).

    Raises:
        DatasetError: listing every problem found, each with file, record id and field path.

    >>> import rapidad, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     try:
    ...         rapidad.load(d)
    ...     except rapidad.DatasetError as err:
    ...         print(err.problems[0].message)
    no knowledge-base files (compounds.json, references.bib, ...)

    """
    if replace and not layer:
        raise ValueError("replace=True only applies to a layered load (layer=True)")
    label = str(path)
    base = bundled() if layer else None
    with _gc_paused():
        if isinstance(path, str | Path) and Path(path).suffix == ".json" and Path(path).is_file():
            raw, problems = _read_json_export(Path(path))
        else:
            raw, problems = read_dataset_partial(Path(path) if isinstance(path, str) else path)
        if base is not None:
            return base.layered(raw, label, problems, replace=replace)
        return KnowledgeBase(raw, label, problems)


def _read_json_export(path: Path) -> tuple[RawDataset, list[Problem]]:
    """The records of a JSON export file, validated one by one."""
    from rapidad.export import raw_from_json_document

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return RawDataset(), [Problem(path.name, "", "", f"cannot read JSON: {exc}")]
    return raw_from_json_document(doc, path.name)
