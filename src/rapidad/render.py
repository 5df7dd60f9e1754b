"""What ``show`` and ``list`` display, for a terminal (text) and for a notebook (HTML).

A record becomes a `View` (a title and labelled lines) and a collection a `TableView`; `text`
and `html` lay out the same content, so the command line and a notebook show the same thing.

>>> import rapidad
>>> print(text(view(rapidad.knowledge_base(), rapidad.targets["GRIN2B"])).splitlines()[0])
GluN2B  [grin2b]
"""

from __future__ import annotations

import html as _html
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidad.models import (
    AntidepressantEffect,
    Citation,
    Compound,
    DeviceClearance,
    Finding,
    Indication,
    Intervention,
    MechanismClass,
    RegulatoryEvent,
    Target,
)
from rapidad.vocab import DateKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rapidad.kb import KnowledgeBase

__all__ = [
    "DEFAULT_INDICATION",
    "KINDS",
    "Record",
    "TableView",
    "View",
    "html",
    "kind_of",
    "table_view",
    "text",
    "view",
]

#: The indication `list` reports stages and statuses in unless told otherwise: the library's field.
DEFAULT_INDICATION = "depressive-disorder"
#: The kinds of record, as the command line and `KnowledgeBase` name their collections.
KINDS = (
    "agents",
    "interventions",
    "targets",
    "mechanisms",
    "indications",
    "findings",
    "citations",
)

Record = Compound | Intervention | Target | MechanismClass | Indication | Finding | Citation


@dataclass
class View:
    """One record as a title and labelled lines.

    A line is ``(label, text)``; a line without text is a section heading (``timeline``).
    Lines may be indented by leading spaces in the label.
    """

    title: str
    id: str
    lines: list[tuple[str, str]] = field(default_factory=list)

    def add(self, label: str, value: str | None) -> None:
        """Add a line if *value* is not empty."""
        if value:
            self.lines.append((label, value))


@dataclass
class TableView:
    """Records as rows under headers, with a closing remark."""

    headers: list[str]
    rows: list[list[str]]
    footer: str = ""


def _name(collection: Any, key: str) -> str:
    found = collection.get(key) if collection is not None else None
    return str(found.name) if found is not None else key


_KIND_OF: dict[type[Any], str] = {
    Compound: "agents",
    Intervention: "interventions",
    Target: "targets",
    MechanismClass: "mechanisms",
    Indication: "indications",
    Finding: "findings",
    Citation: "citations",
}


def kind_of(record: object) -> str | None:
    """The collection name (one of `KINDS`) for a record, or ``None`` for anything else."""
    return _KIND_OF.get(type(record))


def view(kb: KnowledgeBase | None, record: Record, indication: str | None = None) -> View:
    """The view of any record; *kb* names what it points at (ids are shown without one).

    With *indication*, a compound's or intervention's timeline keeps only that indication and
    what is narrower.
    """
    scope = kb.indication_closure(indication) if kb is not None and indication else None
    if isinstance(record, Compound):
        return _compound(kb, record, scope)
    if isinstance(record, Intervention):
        return _intervention(kb, record, scope)
    if isinstance(record, Target):
        return _target(kb, record)
    if isinstance(record, MechanismClass):
        return _mechanism(kb, record)
    if isinstance(record, Indication):
        return _indication(kb, record)
    if isinstance(record, Finding):
        return _finding(kb, record)
    return _citation(kb, record)


def _compound(kb: KnowledgeBase | None, c: Compound, scope: frozenset[str] | None) -> View:
    v = View(c.name, c.id)
    kind = (c.modality.value.replace("_", " ") if c.modality else "modality unconfirmed") + (
        f", {c.stereo.value.replace('_', ' ')}" if c.stereo else ""
    )
    v.add("kind", kind)
    by_kind: dict[str, list[str]] = {}
    for s in c.synonyms:
        by_kind.setdefault(s.kind.value, []).append(s.name)
    for k, names in by_kind.items():
        v.add(f"  {k}", ", ".join(names))
    v.add("formula", c.formula)
    v.add("inchikey", c.inchikey)
    v.add("smiles", c.smiles)
    v.add("xrefs", ", ".join(f"{p}:{x}" for p, x in c.xrefs.items()))
    agents = kb.agents if kb is not None else None
    v.add(
        "components",
        "; ".join(
            f"{_name(agents, x.compound)} ({', '.join(r.value for r in x.roles)})"
            for x in c.components
        ),
    )
    v.add(
        "mechanisms",
        "; ".join(_name(kb.mechanisms if kb else None, m) for m in c.mechanisms),
    )
    for t in c.targets:
        quals = f" [{', '.join(q.value for q in t.qualifiers)}]" if t.qualifiers else ""
        v.add("target", f"{_name(kb.targets if kb else None, t.target)}: {t.action.value}{quals}")
    for rel in c.relations:
        enz = f" (via {', '.join(rel.enzymes)})" if rel.enzymes else ""
        v.add("relation", f"{rel.type.value.replace('_', ' ')} {_name(agents, rel.object)}{enz}")
    _effect(v, c.antidepressant_effect)
    for sched in c.schedules:
        v.add("schedule", f"{sched.jurisdiction}: {sched.schedule}")
    _timeline(v, kb, c, scope)
    _closing(v, kb, c.notes, c.all_citations)
    return v


def _intervention(kb: KnowledgeBase | None, iv: Intervention, scope: frozenset[str] | None) -> View:
    v = View(iv.name, iv.id)
    v.add("kind", iv.modality.value.replace("_", " "))
    v.add("  also", ", ".join([*iv.abbreviations, *iv.synonyms]))
    v.add("target", iv.target_region)
    v.add("what", iv.description)
    _effect(v, iv.antidepressant_effect)
    _timeline(v, kb, iv, scope)
    _closing(v, kb, iv.notes, iv.all_citations)
    return v


def _effect(v: View, e: AntidepressantEffect | None) -> None:
    if e is not None:
        parts = (
            f"onset {e.onset}" if e.onset else "",
            f"lasting {e.duration}" if e.duration else "",
        )
        v.add("effect", "; ".join(x for x in parts if x))


def _timeline(
    v: View, kb: KnowledgeBase | None, c: Compound | Intervention, scope: frozenset[str] | None
) -> None:
    """Every development record and regulatory event once, by date, with where it stood."""
    names = kb.indications if kb is not None else None
    events: list[tuple[str, str]] = []
    regulatory = c.regulatory_events if isinstance(c, Compound) else c.clearances
    for e in regulatory:
        if scope is None or e.indication in scope:
            what = f"{e.agency.value} {e.event.value.replace('_', ' ')}"
            line = f"{what}: {_name(names, e.indication)}"
            made = e.brand if isinstance(e, RegulatoryEvent) else e.device
            line += f" ({made})" if made else ""
            line += f" [{e.number}]" if isinstance(e, DeviceClearance) and e.number else ""
            line += f" - {e.wording}" if e.wording else ""
            line += " (on or before this date)" if e.date_kind is DateKind.NO_LATER_THAN else ""
            events.append((e.date, line))
    for d in c.development:
        if scope is None or d.indication in scope:
            outcome = d.status.value + (f", {d.end_reason.value}" if d.end_reason else "")
            line = f"{d.stage.value} {outcome}: {_name(names, d.indication)}"
            line += f" [{d.programme}]" if d.programme else ""
            line += f" ({d.route.value})" if d.route else ""
            line += f" - {d.event}" if d.event else ""
            events.append((d.date, line))
    if not events:
        return
    v.lines.append(("timeline", ""))
    if scope is not None and isinstance(c, Compound):
        for indication in sorted(scope):
            p = c.progress_in({indication})
            if p is not None:
                v.add("  now", f"{_name(names, indication)}: {p.stage.value}, {p.status.value}")
    v.lines += [(f"  {d}", line) for d, line in sorted(events)]


def _closing(v: View, kb: KnowledgeBase | None, notes: str | None, keys: Iterable[str]) -> None:
    """A record's notes and its references, grouped by kind."""
    v.add("notes", notes)
    keys = tuple(keys)
    if not keys:
        return
    v.lines.append(("references", ""))
    if kb is None:
        v.lines += [("    ", key) for key in keys]
        return
    for kind, refs in kb.citations.by_kind(keys).items():
        v.lines.append((f"  {kind.plural}", ""))
        v.lines += [("    ", f"[{ref.key}] {ref.citable}") for ref in refs]


def _agents_line(v: View, label: str, agents: Iterable[Compound]) -> None:
    v.add(label, ", ".join(f"{a.name} [{a.id}]" for a in agents))


def _target(kb: KnowledgeBase | None, t: Target) -> View:
    v = View(t.name, t.id)
    v.add("kind", t.kind.value.replace("_", " "))
    v.add("  also", ", ".join(t.synonyms))
    for x in t.components:
        v.add("component", " ".join(p for p in (x.gene, x.name and f"({x.name})", x.uniprot) if p))
    v.add("defined by", ", ".join(t.defined_by))
    if t.parent:
        v.add("within", _name(kb.targets if kb else None, t.parent))
    v.add("xrefs", ", ".join(f"{p}:{x}" for p, x in t.xrefs.items()))
    v.add("what", t.description)
    if kb is not None:
        _agents_line(v, "agents", kb.agents.filter(target=t.id))
        _agents_line(v, "  containing", kb.agents.filter(target=t.id, target_match="containing"))
    _closing(v, kb, None, t.citations)
    return v


def _mechanism(kb: KnowledgeBase | None, m: MechanismClass) -> View:
    v = View(m.name, m.id)
    v.add("  also", ", ".join(m.synonyms))
    if m.parent:
        v.add("within", _name(kb.mechanisms if kb else None, m.parent))
    v.add("what", m.description)
    if kb is not None:
        v.add("narrower", ", ".join(c.name for c in kb.mechanisms.children(m.id)))
        _agents_line(v, "agents", kb.agents.filter(mechanism=m.id))
    _closing(v, kb, None, m.citations)
    return v


def _indication(kb: KnowledgeBase | None, i: Indication) -> View:
    v = View(i.name, i.id)
    v.add("  also", ", ".join([*i.abbreviations, *i.synonyms]))
    v.add("within", ", ".join(_name(kb.indications if kb else None, p) for p in i.parents))
    v.add("xrefs", ", ".join(f"{p}:{x}" for p, x in i.xrefs.items()))
    v.add("what", i.description)
    if kb is not None:
        v.add("narrower", ", ".join(c.name for c in kb.indications.children(i.id)))
        progress = kb.agents.progress(i.id)
        if progress:
            v.lines.append(("agents", ""))
            for aid, p in sorted(progress.items(), key=lambda x: (-x[1].stage.rank, x[0])):
                status = p.status.value + (f" ({p.end_reason.value})" if p.end_reason else "")
                v.add(f"  {aid}", f"{p.stage.value}, {status}, {p.date}")
        cleared = kb.interventions.filter(cleared_for=i.id)
        v.add("cleared", ", ".join(f"{x.name} [{x.id}]" for x in cleared))
    _closing(v, kb, None, i.citations)
    return v


def _finding(kb: KnowledgeBase | None, f: Finding) -> View:
    v = View(f.id, f.id)
    v.add("statement", f.statement)
    v.add("kind", f"{f.kind.value}; evidence {f.evidence.value}")
    v.add("as of", f.as_of)
    v.add("agents", ", ".join(_name(kb.agents if kb else None, x) for x in f.compounds))
    v.add("mechanisms", ", ".join(_name(kb.mechanisms if kb else None, x) for x in f.mechanisms))
    v.add("targets", ", ".join(_name(kb.targets if kb else None, x) for x in f.targets))
    v.add(
        "interventions",
        ", ".join(_name(kb.interventions if kb else None, x) for x in f.interventions),
    )
    _closing(v, kb, None, f.citations)
    return v


def _citation(kb: KnowledgeBase | None, c: Citation) -> View:
    v = View(c.short, c.key)
    v.add("kind", c.kind.label)
    v.add("reference", c.citable)
    v.add("url", c.url)
    if kb is not None:
        cited_by = [a for a in kb.agents if c.key in a.all_citations]
        _agents_line(v, "cited by", cited_by)
        others = [
            f"{r.name} [{r.id}]"
            for coll in (kb.interventions, kb.targets, kb.mechanisms, kb.indications)
            for r in coll
            if c.key in getattr(r, "all_citations", r.citations)
        ] + [f"finding {f.id}" for f in kb.findings if c.key in f.citations]
        v.add("  also" if cited_by else "cited by", ", ".join(others))
    return v


def _wrap(label: str, body: str, indent: int = 16) -> str:
    filled = textwrap.fill(
        body,
        width=100,
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
        break_on_hyphens=False,  # keep URLs and code names whole
        break_long_words=False,
    )
    return f"{label:<{indent}}{filled[indent:]}"


def text(shown: View | TableView) -> str:
    """Lay a view out for a terminal (100 columns)."""
    if isinstance(shown, TableView):
        return _text_table(shown)
    out = [f"{shown.title}  [{shown.id}]", "=" * (len(shown.title) + len(shown.id) + 4)]
    for label, body in shown.lines:
        if not body:
            out.append(label)
        elif label.strip():
            out.append(_wrap(label, body))
        else:
            out.append(_wrap("", body, indent=len(label)))
    return "\n".join(out)


def _text_table(t: TableView) -> str:
    if not t.rows:
        return t.footer
    widths = [max(len(str(x)) for x in col) for col in zip(t.headers, *t.rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*t.headers).rstrip(), fmt.format(*("-" * w for w in widths)).rstrip()]
    lines += [fmt.format(*row).rstrip() for row in t.rows]
    return "\n".join(lines) + (f"\n\n{t.footer}" if t.footer else "")


def html(shown: View | TableView) -> str:
    """Lay a view out as compact HTML for a notebook."""
    esc = _html.escape
    if isinstance(shown, TableView):
        head = "".join(f"<th>{esc(h)}</th>" for h in shown.headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(str(x))}</td>" for x in row) + "</tr>" for row in shown.rows
        )
        foot = f"<p>{esc(shown.footer)}</p>" if shown.footer else ""
        return f'<div class="rapidad"><table><tr>{head}</tr>{body}</table>{foot}</div>'
    rows = []
    for label, body in shown.lines:
        pad = f"padding-left:{(len(label) - len(label.lstrip())) // 2}em"
        if not body:
            rows.append(f'<tr><th colspan="2" style="text-align:left;{pad}">{esc(label)}</th></tr>')
        else:
            rows.append(
                f'<tr><td style="{pad}">{esc(label.strip())}</td>'
                f'<td style="text-align:left">{esc(body)}</td></tr>'
            )
    return (
        f'<div class="rapidad"><strong>{esc(shown.title)}</strong> <code>{esc(shown.id)}</code>'
        f"<table>{''.join(rows)}</table></div>"
    )


def table_view(
    kb: KnowledgeBase | None, kind: str, records: Iterable[Any], indication: str | None = None
) -> TableView:
    """The rows ``list`` prints for records of *kind* (one of `KINDS`)."""
    records = list(records)
    n = len(records)
    noun = {"mechanisms": "mechanism classes", "citations": "references"}.get(kind, kind)
    footer = f"{n} {noun if n != 1 else noun[:-1]}"
    if kind == "agents":
        return _agents_table(kb, records, indication, footer)
    rows: list[list[str]]
    if kind == "targets":
        headers = ["id", "name", "kind", "genes"]
        rows = [[t.id, t.name, t.kind.value, ", ".join(t.gene_symbols)] for t in records]
    elif kind == "mechanisms":
        headers = ["id", "name", "within"]
        rows = [[m.id, m.name, m.parent or ""] for m in records]
    elif kind == "indications":
        headers = ["id", "name", "abbreviations", "within"]
        rows = [[i.id, i.name, ", ".join(i.abbreviations), ", ".join(i.parents)] for i in records]
    elif kind == "interventions":
        headers = ["id", "name", "modality", "first cleared"]
        rows = [[x.id, x.name, x.modality.value, _first_clearance(x)] for x in records]
    elif kind == "findings":
        headers = ["id", "kind", "evidence", "statement"]
        rows = [[f.id, f.kind.value, f.evidence.value, _short(f.statement)] for f in records]
    else:
        headers = ["key", "kind", "reference"]
        rows = [[c.key, c.kind.value, _short(f"{c.short}: {c.title}")] for c in records]
    return TableView(headers, rows, footer)


def _short(s: str, n: int = 70) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _first_clearance(iv: Intervention) -> str:
    granted = sorted((c.date, c.agency.value) for c in iv.clearances if c.grants)
    return f"{granted[0][1]} {granted[0][0]}" if granted else ""


def _agents_table(
    kb: KnowledgeBase | None, agents: list[Compound], indication: str | None, footer: str
) -> TableView:
    headers = ["id", "name", "mechanisms", "stage", "status", "as of"]
    if kb is None:
        return TableView(headers[:3], [[c.id, c.name, ", ".join(c.mechanisms[:2])] for c in agents])
    where = kb.indications[indication or DEFAULT_INDICATION]
    scope = kb.indication_closure(where.id)
    rows = []
    for c in agents:
        p = c.progress_in(scope)
        if p is None:
            rows.append([c.id, c.name, ", ".join(c.mechanisms[:2]), "", "", ""])
            continue
        status = p.status.value + (f" ({p.end_reason.value})" if p.end_reason else "")
        rows.append([c.id, c.name, ", ".join(c.mechanisms[:2]), p.stage.value, status, p.date])
    return TableView(headers, rows, f"{footer}; stage and status in {where.name.lower()}")
