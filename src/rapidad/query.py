"""Read-only collections of records with forgiving lookups and chainable filters.

>>> from rapidad import agents
>>> agents["(S)-ketamine"] is agents["Esketamine"] is agents.get("s ketamine")
True
>>> "esketamine" in agents.filter(approved=True)
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from rapidad.identifiers import bare_identifiers, normalise_name, parse_curie
from rapidad.models import (
    Citation,
    Compound,
    Finding,
    Indication,
    IndicationProgress,
    Intervention,
    MechanismClass,
    Target,
)
from rapidad.vocab import (
    Agency,
    CitationKind,
    ClinicalStage,
    InterventionModality,
    Modality,
    ProgrammeStatus,
    StereoForm,
)

if TYPE_CHECKING:
    from typing_extensions import Self

    from rapidad.kb import KnowledgeBase

__all__ = [
    "AgentCollection",
    "CitationCollection",
    "Collection",
    "FindingCollection",
    "IndicationCollection",
    "InterventionCollection",
    "MechanismCollection",
    "NameIndex",
    "TargetCollection",
]

V = TypeVar("V", bound=Enum)
R = TypeVar("R", Compound, Target, MechanismClass, Finding, Citation, Indication, Intervention)


class NameIndex:
    """Maps every lookup key of a collection to a record id.

    Keys are names, normalised with `rapidad.identifiers.normalise_name`, and CURIEs
    (``prefix:local``, kept per prefix). Only normalised keys are stored: one entry per name keeps
    large user datasets small and fast to index, and a normalised lookup costs under a microsecond.
    """

    __slots__ = ("curies", "names")

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.curies: dict[str, dict[str, str]] = {}

    def add_name(self, name: str, record_id: str) -> str | None:
        """Index *name* for *record_id*; return the id it already meant if that differs."""
        key = normalise_name(name)
        if not key:
            return None
        owner = self.names.setdefault(key, record_id)
        return owner if owner != record_id else None

    def add_curie(self, prefix: str, local: str, record_id: str) -> str | None:
        """Index ``prefix:local`` for *record_id*; return the id it already meant, if another."""
        table = self.curies.get(prefix)
        if table is None:
            table = self.curies[prefix] = {}
        owner = table.setdefault(local, record_id)
        return owner if owner != record_id else None

    def resolve(self, key: str) -> str | None:
        """Return the record id that *key* means, or ``None``."""
        found = self.names.get(normalise_name(key))
        if found is not None:
            return found
        if ":" not in key:
            for prefix, local in bare_identifiers(key):
                found = self.curies.get(prefix, {}).get(local)
                if found is not None:
                    return found
            return None
        try:
            prefix, local = parse_curie(key)
        except ValueError:
            return None
        return self.curies.get(prefix, {}).get(local)


class Collection(Generic[R]):
    """An ordered, read-only collection of records (by id) with forgiving lookups.

    ``collection[key]`` raises `KeyError` naming close matches; ``collection.get(key)``
    returns ``None``. Keys are ids, names, synonyms and CURIEs; case, spacing, dashes and brackets
    do not matter.
    """

    __slots__ = ("_by_id", "_index", "_kb", "_records")
    _noun = "record"
    #: The long table (`rapidad.tables`) with one row per record of this collection.
    _table = ""

    def __init__(
        self,
        records: Iterable[R],
        index: NameIndex,
        kb: KnowledgeBase | None = None,
    ) -> None:
        self._records: tuple[R, ...] = tuple(sorted(records, key=_record_key))
        self._by_id: dict[str, R] = {_record_key(r): r for r in self._records}
        self._index = index
        self._kb = kb

    def _subset(self, records: Iterable[R]) -> Self:
        return type(self)(records, self._index, self._kb)

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[R]:
        return iter(self._records)

    def __bool__(self) -> bool:
        return bool(self._records)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return self.get(key) is not None
        return key in self._by_id.values()

    def __getitem__(self, key: str) -> R:
        found = self.get(key)
        if found is None:
            if not isinstance(key, str):
                raise TypeError(f"keys are strings, not {type(key).__name__}")
            hints = self._close_matches(key)
            hint = f"; did you mean {', '.join(repr(h) for h in hints)}?" if hints else ""
            raise KeyError(f"no {self._noun} {key!r}{hint}")
        return found

    def _close_matches(self, key: str, n: int = 5) -> list[str]:
        import difflib  # only a miss needs it

        by_norm: dict[str, str] = {}
        for record in self._records:
            for name in _names_of(record):
                by_norm.setdefault(normalise_name(name), name)
        hits = difflib.get_close_matches(normalise_name(key), list(by_norm), n=n, cutoff=0.6)
        return [by_norm[h] for h in hits]

    @overload
    def get(self, key: str) -> R | None: ...
    @overload
    def get(self, key: str, default: R) -> R: ...
    def get(self, key: str, default: R | None = None) -> R | None:
        """Return the record that *key* names, or *default*."""
        if not isinstance(key, str):
            return default
        record = self._by_id.get(key)
        if record is not None:
            return record
        record_id = self._index.resolve(key)
        if record_id is None:
            return default
        return self._by_id.get(record_id, default)

    @property
    def ids(self) -> tuple[str, ...]:
        """Ids of the records, in order."""
        return tuple(self._by_id)

    def where(self, predicate: Callable[[R], bool]) -> Self:
        """Return the records for which *predicate* is true, as a collection of the same type."""
        return self._subset(r for r in self._records if predicate(r))

    def search(self, text: str) -> Self:
        """Return the records whose id, name or any synonym contains *text* (normalised)."""
        wanted = normalise_name(text)
        if not wanted:
            return self._subset(())
        return self.where(lambda r: any(wanted in normalise_name(n) for n in _names_of(r)))

    def to_records(self) -> list[dict[str, Any]]:
        """Return the records as JSON-ready dicts (``model_dump(mode="json")``)."""
        return [r.model_dump(mode="json") for r in self._records]

    def to_dataframe(self) -> Any:
        """Return the collection's long table (`rapidad.tables`), one row per record (pandas).

        The columns and types are those of the same table in `rapidad.to_dataframes`, limited to
        these records; nested parts (development, synonyms, ...) are in `to_dataframes`.
        """
        from rapidad.tables import frame, record_rows

        return frame(self._table, record_rows(self._records)[self._table])

    def to_dataframes(self) -> dict[str, Any]:
        """Return every long table, limited to the rows these records contribute (pandas).

        >>> from rapidad import agents
        >>> gaba = agents.filter(mechanism="GABA-A receptor positive allosteric modulator")
        >>> events = gaba.to_dataframes()["regulatory_events"]
        >>> sorted(set(events["agent"]))
        ['brexanolone', 'ganaxolone', 'zuranolone']
        """
        from rapidad.tables import frame, record_rows

        return {name: frame(name, rows) for name, rows in record_rows(self._records).items()}

    def __repr__(self) -> str:
        n = len(self)
        shown = ", ".join(self.ids[:5]) + (", ..." if n > 5 else "")
        return f"<{type(self).__name__}: {n} {self._noun}{'s' if n != 1 else ''} [{shown}]>"

    def _repr_html_(self) -> str:
        from rapidad.render import html, table_view

        return html(table_view(self._kb, self._table, self))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Collection):
            return type(self) is type(other) and self._records == other._records
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


def _record_key(record: Any) -> str:
    return str(record.key if isinstance(record, Citation) else record.id)


def _names_of(record: Any) -> list[str]:
    if isinstance(record, Compound):
        return [record.id, record.name, *(s.name for s in record.synonyms)]
    if isinstance(record, Target | MechanismClass):
        return [record.id, record.name, *record.synonyms]
    if isinstance(record, Indication | Intervention):
        return [record.id, record.name, *record.abbreviations, *record.synonyms]
    if isinstance(record, Citation):
        return [record.key, record.title, *record.authors]
    return [record.id, record.statement]


# Salt and hydrate words a user may add to a compound's name; the record is the parent's.
_SALT_WORDS = tuple(
    sorted(
        [
            *("hydrochloride", "dihydrochloride", "hcl", "hydrobromide", "hbr"),
            *("sulfate", "sulphate", "bisulfate", "hemisulfate", "maleate", "fumarate"),
            *("mesylate", "mesilate", "tartrate", "bitartrate", "citrate", "phosphate"),
            *("acetate", "succinate", "gluconate", "besylate", "tosylate", "lactate"),
            *("sodium", "potassium", "calcium"),
            *("monohydrate", "dihydrate", "hemihydrate", "hydrate"),
        ],
        key=len,
        reverse=True,
    )
)
# How a racemate's name is written: (±)-ketamine, rac-ketamine, racemic ketamine, (RS)-ketamine.
_RACEMATE_MARKS = ("racemic", "rac", "±", "rs", "dl")


def _spelling_variants(key: str) -> list[tuple[str, bool]]:
    """Forms of *key* without salt words or racemate marks, each with whether a mark was cut."""
    name = normalise_name(key)
    base = name
    trimmed = True
    while trimmed:
        trimmed = False
        for word in _SALT_WORDS:
            if base.endswith(word) and len(base) > len(word):
                base, trimmed = base[: -len(word)], True
                break
    found = [(base, False)] if base != name else []
    for mark in _RACEMATE_MARKS:
        if base.startswith(mark) and len(base) > len(mark):
            found.append((base[len(mark) :], True))
    return found


class AgentCollection(Collection[Compound]):
    """The compounds, with `filter` and `progress`.

    Lookups also take the names users type for a compound: a salt name finds the parent's record
    (``ketamine hydrochloride``), and a racemate answers to ``(±)-``, ``rac-``, ``racemic`` and
    ``(RS)-`` forms of its names.

    >>> from rapidad import agents
    >>> print(*agents.filter(mechanism="NMDA receptor channel blocker", approved=True).ids)
    dextromethorphan esketamine ketamine memantine
    >>> agents["(±)-ketamine"] is agents["ketamine hydrochloride"] is agents["ketamine"]
    True
    """

    __slots__ = ()
    _table = "agents"
    _noun = "agent"

    def get(self, key: str, default: Compound | None = None) -> Compound | None:  # type: ignore[override]
        """Return the compound that *key* names, or *default*."""
        found = super().get(key)
        if found is not None or not isinstance(key, str):
            return found if found is not None else default
        for variant, racemate_mark in _spelling_variants(key):
            record_id = self._index.names.get(variant)
            record = self._by_id.get(record_id) if record_id else None
            if record is not None and (not racemate_mark or record.stereo is StereoForm.RACEMIC):
                return record
        return default

    def filter(
        self,
        *,
        mechanism: str | None = None,
        target: str | None = None,
        target_match: str = "narrow",
        indication: str | None = None,
        approved_for: str | None = None,
        agency: str | Agency | None = None,
        status: str | ProgrammeStatus | None = None,
        stage: str | ClinicalStage | None = None,
        approved: bool | None = None,
        modality: str | Modality | None = None,
        as_of: str | None = None,
    ) -> AgentCollection:
        """Return the agents that meet every given condition, as a new collection.

        Args:
            mechanism: a mechanism class (id or name); its descendant classes count too.
            target: a target (id, name, gene symbol, CURIE); its subtypes and sites count too, and
                for a protein the complexes and sites it defines (GRIN2B: the GluN1/GluN2B
                receptor). A combination or formulation acts through its components.
            target_match: ``"narrow"`` (the default, as above) or ``"containing"``: every
                complex or family that contains the protein counts (GRIN2B: any NMDA receptor).
            indication: an indication (id, name, abbreviation, CURIE); narrower indications count
                too. `status` and `stage` then apply within it.
            approved_for: an indication (and what is narrower) with an approval that stands.
            agency: with `approved_for` or ``approved=True``, the agency that approved it.
            status: the programme status: within `indication` when given (its latest
                development record, or ``approved``/``withdrawn`` from its regulatory events),
                else in some indication.
            stage: the furthest stage reached: within `indication` when given, else overall.
            approved: whether some approval stands (for any indication, or by `agency`).
            modality: small_molecule, peptide, gas, combination or formulation.
            as_of: an ISO date; records and events after it are ignored (default: everything).

        Raises:
            KeyError: for an unknown mechanism, target or indication.
            ValueError: for a value outside a vocabulary, or `agency` on its own.

        >>> from rapidad import agents
        >>> print(*agents.filter(approved_for="postpartum depression", agency="FDA").ids)
        zuranolone
        >>> print(*agents.filter(target="GRIN2B").ids)
        bi-1569912 eliprodil evt-101 nbi-1070770 onfasprodil rislenemdaz traxoprodil

        """
        kb = self._require_kb()
        tests: list[Callable[[Compound], bool]] = []
        if mechanism is not None:
            classes = kb.mechanism_closure(mechanism)
            tests.append(lambda c: any(m in classes for m in c.mechanisms))
        if target is not None:
            if target_match not in ("narrow", "containing"):
                raise ValueError(f"target_match is 'narrow' or 'containing', not {target_match!r}")
            wanted = kb.target_closure(target, containing=target_match == "containing")
            tests.append(lambda c: not wanted.isdisjoint(kb.acting_targets(c.id)))
        agency_ = _vocab(Agency, agency, "agency") if agency is not None else None
        if agency_ is not None and approved_for is None and approved is not True:
            raise ValueError("agency= refines approved_for= or approved=True; give one of them")
        scope = kb.indication_closure(indication) if indication is not None else None
        if scope is not None:
            tests.append(lambda c: c.progress_in(scope, as_of) is not None)
        if approved_for is not None:
            granted = kb.indication_closure(approved_for)
            tests.append(
                lambda c: any(
                    e.indication in granted and (agency_ is None or e.agency is agency_)
                    for e in c.standing_approvals(as_of)
                )
            )
        if status is not None:
            st = _vocab(ProgrammeStatus, status, "status")
            if scope is not None:
                tests.append(lambda c: _progress_value(c, scope, as_of, "status") is st)
            else:
                tests.append(lambda c: any(p.status is st for p in c.progress().values()))
        if stage is not None:
            sg = _vocab(ClinicalStage, stage, "stage")
            tests.append(lambda c: _progress_value(c, scope, as_of, "stage") is sg)
        if approved is not None:
            tests.append(
                lambda c: (
                    any(agency_ is None or e.agency is agency_ for e in c.standing_approvals(as_of))
                    is approved
                )
            )
        if modality is not None:
            md = _vocab(Modality, modality, "modality")
            tests.append(lambda c: c.modality is md)
        return self.where(lambda c: all(test(c) for test in tests))

    def progress(
        self, indication: str = "depressive disorder", *, as_of: str | None = None
    ) -> dict[str, IndicationProgress]:
        """Where each agent stands in an indication and everything narrower, keyed by agent id.

        Only agents with a development record or regulatory event in the indication appear.
        Each value holds the furthest stage, the status (``approved`` while an approval stands),
        the date, why it ended, and the records behind it.

        >>> from rapidad import agents
        >>> p = agents.progress("postpartum depression")["brexanolone"]
        >>> p.stage.value, p.status.value
        ('withdrawal', 'withdrawn')

        Raises:
            KeyError: for an unknown indication.

        """
        kb = self._require_kb()
        scope = kb.indication_closure(indication)
        name = kb.indications[indication].id
        found: dict[str, IndicationProgress] = {}
        for c in self:
            p = c.progress_in(scope, as_of)
            if p is not None:
                found[c.id] = p._replace(indication=name)
        return found

    def _require_kb(self) -> KnowledgeBase:
        if self._kb is None:  # pragma: no cover - collections are built by a KnowledgeBase
            raise RuntimeError("this collection is not attached to a knowledge base")
        return self._kb

    def related(self, key: str) -> list[tuple[str, Compound, Compound]]:
        """Return ``(relation type, subject, object)`` for every relation that involves *key*.

        Relations recorded on other compounds that point at *key* are included, so a racemate's
        enantiomers and a parent's metabolites all show up.
        """
        compound = self[key]
        kb = self._require_kb()
        found: list[tuple[str, Compound, Compound]] = []
        for other in kb.agents:
            for rel in other.relations:
                if other.id == compound.id or rel.object == compound.id:
                    found.append((rel.type.value, other, kb.agents[rel.object]))
        return found


def _progress_value(
    c: Compound, scope: frozenset[str] | None, as_of: str | None, field: str
) -> object:
    found = c.progress_in(scope, as_of)
    return getattr(found, field) if found is not None else None


class TargetCollection(Collection[Target]):
    """The targets; ``targets["GRIN2B"]`` finds a target by gene symbol."""

    __slots__ = ()
    _table = "targets"
    _noun = "target"


H = TypeVar("H", MechanismClass, Indication)


class _Hierarchy(Collection[H]):
    """A collection whose records form a hierarchy through ``parent``."""

    __slots__ = ()

    def children(self, key: str) -> Self:
        """Return the records directly under *key*."""
        parent = self[key].id
        return self.where(lambda m: parent in m.parents)

    def roots(self) -> Self:
        """Return the records without a parent."""
        return self.where(lambda m: not m.parents)

    def ancestors(self, key: str) -> tuple[H, ...]:
        """Return the broader records, nearest first (each once)."""
        chain: dict[str, H] = {}
        level = [self[key]]
        while level:
            above = [self[p] for r in level for p in r.parents if p not in chain]
            chain.update((r.id, r) for r in above)
            level = above
        return tuple(chain.values())


class MechanismCollection(_Hierarchy[MechanismClass]):
    """The mechanism classes, a hierarchy through ``parent``."""

    __slots__ = ()
    _table = "mechanisms"
    _noun = "mechanism class"


class IndicationCollection(_Hierarchy[Indication]):
    """The indications, a hierarchy through ``parent``; found by name, abbreviation or CURIE.

    >>> from rapidad import indications
    >>> indications["TRD"].parents
    ('major-depressive-disorder',)
    >>> indications["mesh:D003865"].name
    'Major depressive disorder'
    """

    __slots__ = ()
    _table = "indications"
    _noun = "indication"

    def narrower(self, key: str) -> IndicationCollection:
        """Return the indication and every narrower one."""
        kb = self._kb
        if kb is None:  # pragma: no cover - collections are built by a KnowledgeBase
            return self._subset(r for r in self if r.id == self[key].id)
        scope = kb.indication_closure(key)
        return self.where(lambda r: r.id in scope)


class InterventionCollection(Collection[Intervention]):
    """The non-drug interventions (brain stimulation, ECT, sleep deprivation, ...).

    >>> from rapidad import interventions
    >>> interventions["iTBS"].modality.value
    'magnetic_stimulation'
    >>> "itbs" in interventions.filter(cleared_for="major depressive disorder", agency="FDA")
    True
    """

    __slots__ = ()
    _table = "interventions"
    _noun = "intervention"

    def filter(
        self,
        *,
        modality: str | InterventionModality | None = None,
        indication: str | None = None,
        cleared_for: str | None = None,
        agency: str | Agency | None = None,
    ) -> InterventionCollection:
        """Return the interventions that satisfy every argument given.

        Args:
            modality: an `InterventionModality` (or its value).
            indication: an indication (id, name, abbreviation or CURIE); interventions with a
                clearance or development record in it or anything narrower.
            cleared_for: an indication; interventions with a clearance, approval, De Novo grant,
                reclassification or CE marking in it or anything narrower (a Breakthrough Device
                designation does not count).
            agency: with *cleared_for*, only that agency's clearances.

        Raises:
            KeyError: for an unknown indication.
            ValueError: for an unknown modality or agency, listing the valid values.

        """
        result = self
        if modality is not None:
            wanted = _vocab(InterventionModality, modality, "modality")
            result = result.where(lambda r: r.modality is wanted)
        kb = self._kb
        if indication is not None and kb is not None:
            scope = kb.indication_closure(indication)
            result = result.where(
                lambda r: (
                    any(c.indication in scope for c in r.clearances)
                    or any(d.indication in scope for d in r.development)
                )
            )
        if cleared_for is not None and kb is not None:
            scope = kb.indication_closure(cleared_for)
            who = _vocab(Agency, agency, "agency") if agency is not None else None
            result = result.where(
                lambda r: any(who is None or c.agency is who for c in r.cleared_for(scope))
            )
        elif agency is not None:
            raise ValueError("agency= applies with cleared_for=")
        return result


def _vocab(vocabulary: type[V], value: str | V, what: str) -> V:
    """The member of *vocabulary* that *value* names, forgiving case, spaces and dashes."""
    if isinstance(value, vocabulary):
        return value
    wanted = _vocab_key(str(value))
    for member in vocabulary:
        if wanted in (_vocab_key(str(member.value)), _vocab_key(member.name)):
            return member
    valid = ", ".join(str(m.value) for m in vocabulary)
    raise ValueError(f"unknown {what} {value!r}; valid values: {valid}")


def _vocab_key(text: str) -> str:
    return text.strip().lower().replace(" ", "_").replace("-", "_")


class FindingCollection(Collection[Finding]):
    """The cited findings (the review's claims and others)."""

    __slots__ = ()
    _table = "findings"
    _noun = "finding"

    def about(self, key: str) -> FindingCollection:
        """Return the findings about a compound, mechanism class, target or intervention."""
        kb = self._kb
        if kb is None:  # pragma: no cover
            return self._subset(())
        ids: set[str] = set()
        for coll in (kb.agents, kb.mechanisms, kb.targets, kb.interventions):
            rec = coll.get(key)
            if rec is not None:
                ids.add(rec.id)
        return self.where(
            lambda f: bool(ids & {*f.compounds, *f.mechanisms, *f.targets, *f.interventions})
        )


class CitationCollection(Collection[Citation]):
    """The references, keyed by BibTeX key (also found by DOI, PMID and title).

    >>> from rapidad import citations
    >>> all(c.identifier for c in citations.filter(kind="registry_record"))
    True
    """

    __slots__ = ()
    _table = "citations"
    _noun = "citation"

    def filter(self, *, kind: str | CitationKind | None = None) -> CitationCollection:
        """Return the references of one kind (article, registry_record, press_release, ...).

        Raises:
            ValueError: for a kind outside the vocabulary, naming the valid ones.

        """
        if kind is None:
            return self
        wanted = _vocab(CitationKind, kind, "citation kind")
        return self.where(lambda c: c.kind is wanted)

    def by_kind(
        self, keys: Iterable[str] | None = None
    ) -> dict[CitationKind, tuple[Citation, ...]]:
        """Group references by kind, in the vocabulary's order; only kinds present appear.

        *keys* limits the grouping to those references, e.g. a record's ``all_citations``.

        Raises:
            KeyError: for a key that is not a citation.

        """
        chosen = self if keys is None else [self[k] for k in dict.fromkeys(keys)]
        groups: dict[CitationKind, list[Citation]] = {k: [] for k in CitationKind}
        for c in chosen:
            groups[c.kind].append(c)
        return {k: tuple(v) for k, v in groups.items() if v}

    def to_bibtex(self, keys: Iterable[str] | str | None = None) -> str:
        """Return BibTeX a LaTeX manuscript can use for *keys* (every reference when ``None``).

        Entries are typed by kind, escaped for LaTeX, with protected capitals and a year on every
        entry (`rapidad.manuscript`). ``Citation.to_bibtex`` gives the data file's own form.

        Raises:
            KeyError: for a key that is not a citation.

        """
        from rapidad.manuscript import to_manuscript_bibtex

        if isinstance(keys, str):
            keys = [keys]
        chosen = self if keys is None else [self[k] for k in dict.fromkeys(keys)]
        return to_manuscript_bibtex(chosen)
