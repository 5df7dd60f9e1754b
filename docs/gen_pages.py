"""Generate the catalog, the schema reference and the changelog page at docs build time.

Run by mkdocs-gen-files (see mkdocs.yml); nothing here is written into docs/ itself. Every page is
made from the bundled data and the models, so the documentation cannot drift from them.
"""

from __future__ import annotations

import enum
import types
import typing
from pathlib import Path
from typing import Any

import mkdocs_gen_files
from pydantic import BaseModel

from rapidad import SCHEMA_VERSION, models, vocab
from rapidad.kb import bundled
from rapidad.store import DatasetMeta
from rapidad.tables import TABLES

KB = bundled()
ROOT = Path(__file__).resolve().parents[1]


def link(prefix: str, local: str) -> str:
    """A Bioregistry resolver link for ``prefix:local`` (it redirects to the source database)."""
    return f"[{prefix}:{local}](https://bioregistry.io/{prefix}:{local})"


def cite(key: str, depth: int) -> str:
    ref = KB.citations[key]
    up = "../" * depth
    return f"[{ref.short}]({up}references.md#{key})"


def cites(keys: tuple[str, ...], depth: int = 1) -> str:
    return "; ".join(cite(k, depth) for k in keys)


def esc(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def write(path: str, text: str) -> None:
    with mkdocs_gen_files.open(path, "w") as fh:
        fh.write(text)


# --- catalog: agents ------------------------------------------------------------------------


def agent_page(c: models.Compound) -> str:
    out = [
        f"# {c.name}",
        "",
        f"`{c.id}` · {c.modality.value.replace('_', ' ') if c.modality else 'modality unconfirmed'}",
    ]
    if c.stereo:
        out[-1] += f" · {c.stereo.value.replace('_', ' ')}"
    out.append("")
    if c.synonyms:
        out += [
            "**Synonyms**: " + ", ".join(f"{s.name} *({s.kind.value})*" for s in c.synonyms),
            "",
        ]
    if c.smiles:
        out += ["## Structure", "", "| field | value |", "| --- | --- |"]
        out += [
            f"| SMILES | `{c.smiles}` |",
            f"| InChIKey | `{c.inchikey}` |",
            f"| formula | {c.formula} |",
        ]
        if c.molecular_weight:
            out.append(f"| molecular weight | {c.molecular_weight} g/mol |")
        out.append("")
    if c.xrefs:
        out += ["## Identifiers", "", " · ".join(link(p, v) for p, v in c.xrefs.items()), ""]
    if c.components:
        out += ["## Components", ""]
        out += [
            f"- [{KB.agents[x.compound].name}]({x.compound}.md): {', '.join(r.value for r in x.roles)}"
            for x in c.components
        ]
        out.append("")
    if c.mechanisms:
        out += ["## Mechanism classes", ""]
        out += [f"- [{KB.mechanisms[m].name}](../mechanisms/{m}.md)" for m in c.mechanisms]
        out.append("")
    if c.targets:
        out += [
            "## Targets",
            "",
            "| target | action | qualifiers | affinities | references |",
            "| --- | --- | --- | --- | --- |",
        ]
        for t in c.targets:
            aff = "; ".join(
                f"{a.measure.value} {a.value:g} {a.unit or ''} ({a.species or '?'})"
                for a in t.affinities
            )
            quals = ", ".join(q.value for q in t.qualifiers)
            primary = "" if t.primary else " *(secondary)*"
            out.append(
                f"| [{KB.targets[t.target].name}](../targets/{t.target}.md){primary} | {t.action.value} | {quals} | {aff} | {cites(t.citations)} |"
            )
        out.append("")
    related = KB.agents.related(c.id)
    if related:
        out += ["## Relations", ""]
        for kind, subject, obj in related:
            out.append(
                f"- [{subject.name}]({subject.id}.md) *{kind.replace('_', ' ')}* [{obj.name}]({obj.id}.md)"
            )
        out.append("")
    events = [
        (
            a.date,
            f"{a.agency.value} {a.event.value.replace('_', ' ')}",
            KB.indications[a.indication].name,
            "; ".join(x for x in (a.brand, a.wording) if x),
            a.citations,
        )
        for a in c.regulatory_events
    ]
    events += [
        (
            d.date,
            f"{d.stage.value.replace('_', ' ')}: {d.status.value}"
            + (f" ({d.end_reason.value.replace('_', ' ')})" if d.end_reason else ""),
            KB.indications[d.indication].name,
            d.event or "",
            d.citations,
        )
        for d in c.development
    ]
    if events:
        out += [
            "## Timeline",
            "",
            "| date | event | indication | detail | references |",
            "| --- | --- | --- | --- | --- |",
        ]
        for date, what, indication, detail, keys in sorted(events, key=lambda e: e[0]):
            out.append(f"| {date} | {what} | {esc(indication)} | {esc(detail)} | {cites(keys)} |")
        out.append("")
    if c.antidepressant_effect:
        e = c.antidepressant_effect
        out += [
            "## Antidepressant effect",
            "",
            f"- onset: {e.onset or 'not established'}",
            f"- duration: {e.duration or 'not established'}",
            f"- references: {cites(e.citations)}",
            "",
        ]
    if c.schedules:
        out += ["## Controlled-substance schedules", ""]
        out += [f"- {s.jurisdiction}: {s.schedule} ({cites(s.citations)})" for s in c.schedules]
        out.append("")
    about = KB.findings.about(c.id)
    if about:
        out += ["## Findings", ""]
        out += [
            f"- *{f.kind.value}, {f.evidence.value}*: {f.statement} ({cites(f.citations)})"
            for f in about
        ]
        out.append("")
    if c.notes:
        out += ["## Notes", "", c.notes, ""]
    out += ["## References", ""]
    out += [f"- {cite(k, 1)}: {esc(KB.citations[k].title)}" for k in c.all_citations]
    return "\n".join(out) + "\n"


def target_page(t: models.Target) -> str:
    out = [f"# {t.name}", "", f"`{t.id}` · {t.kind.value}", ""]
    if t.synonyms:
        out += ["**Synonyms**: " + ", ".join(t.synonyms), ""]
    if t.description:
        out += [t.description, ""]
    if t.parent:
        out += [f"Part or subtype of [{KB.targets[t.parent].name}]({t.parent}.md).", ""]
    if t.components:
        out += ["| gene | UniProt | protein |", "| --- | --- | --- |"]
        out += [
            f"| {c.gene} | {link('uniprot', c.uniprot) if c.uniprot else ''} | {c.name or ''} |"
            for c in t.components
        ]
        out.append("")
    if t.xrefs:
        out += [" · ".join(link(p, v) for p, v in t.xrefs.items()), ""]
    members = KB.agents.filter(target=t.id)
    if members:
        out += ["## Agents acting on it", ""]
        for c in members:
            actions = sorted(
                {x.action.value for x in c.targets if x.target in KB.target_closure(t.id)}
            )
            out.append(f"- [{c.name}](../agents/{c.id}.md): {', '.join(actions)}")
    return "\n".join(out) + "\n"


def mechanism_page(m: models.MechanismClass) -> str:
    out = [
        f"# {m.name}",
        "",
        f"`{m.id}`" + (" · one of the review's agent groups" if m.review_group else ""),
        "",
    ]
    chain = KB.mechanisms.ancestors(m.id)
    if chain:
        out += ["Within: " + " < ".join(f"[{a.name}]({a.id}.md)" for a in chain), ""]
    if m.description:
        out += [m.description, ""]
    if m.citations:
        out += [f"References: {cites(m.citations)}", ""]
    children = KB.mechanisms.children(m.id)
    if children:
        out += ["## Subclasses", ""] + [f"- [{c.name}]({c.id}.md)" for c in children] + [""]
    members = KB.agents.filter(mechanism=m.id)
    if members:
        out += [
            "## Agents (this class and its subclasses)",
            "",
            "| agent | furthest stage | latest |",
            "| --- | --- | --- |",
        ]
        for c in members:
            latest = c.latest
            status = f"{latest.status.value} ({latest.date})" if latest else ""
            out.append(f"| [{c.name}](../agents/{c.id}.md) | {c.highest_stage.value} | {status} |")
    return "\n".join(out) + "\n"


def intervention_page(iv: models.Intervention) -> str:
    out = [f"# {iv.name}", "", f"`{iv.id}` · {iv.modality.value.replace('_', ' ')}", ""]
    names = [*iv.abbreviations, *iv.synonyms]
    if names:
        out += ["**Also**: " + ", ".join(names), ""]
    if iv.target_region:
        out += [f"**Target region**: {iv.target_region}", ""]
    if iv.description:
        out += [iv.description, ""]
    e = iv.antidepressant_effect
    if e:
        parts = [
            f"onset {e.onset}" if e.onset else "",
            f"lasting {e.duration}" if e.duration else "",
        ]
        out += [
            f"**Antidepressant effect**: {'; '.join(p for p in parts if p)} ({cites(e.citations)})",
            "",
        ]
    if iv.clearances:
        out += [
            "## Regulatory events",
            "",
            "| date | agency | event | indication | device | number | references |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for c in sorted(iv.clearances, key=lambda c: c.date):
            out.append(
                f"| {c.date} | {c.agency.value} | {c.event.value.replace('_', ' ')} | "
                f"{KB.indications[c.indication].name} | {esc(c.device)} | {esc(c.number)} | "
                f"{cites(c.citations)} |"
            )
        out.append("")
    if iv.development:
        out += [
            "## Development",
            "",
            "| date | indication | stage | status | event | references |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for d in sorted(iv.development, key=lambda d: d.date):
            out.append(
                f"| {d.date} | {KB.indications[d.indication].name} | {d.stage.value} | "
                f"{d.status.value} | {esc(d.event)} | {cites(d.citations)} |"
            )
        out.append("")
    if iv.notes:
        out += [iv.notes, ""]
    if iv.citations:
        out += [f"References: {cites(iv.citations)}", ""]
    return "\n".join(out) + "\n"


def catalog() -> None:
    for c in KB.agents:
        write(f"catalog/agents/{c.id}.md", agent_page(c))
    for iv in KB.interventions:
        write(f"catalog/interventions/{iv.id}.md", intervention_page(iv))
    for t in KB.targets:
        write(f"catalog/targets/{t.id}.md", target_page(t))
    for m in KB.mechanisms:
        write(f"catalog/mechanisms/{m.id}.md", mechanism_page(m))
    out = [
        "# Catalog",
        "",
        f"Generated from the bundled knowledge base (as of {KB.as_of}): {len(KB.agents)} agents, "
        f"{len(KB.targets)} targets, {len(KB.mechanisms)} mechanism classes, {len(KB.findings)} "
        f"[findings](findings.md), {len(KB.citations)} [references](references.md) and the "
        "[trials and interventions](trials.md) the development records name.",
        "",
        "## Agents",
        "",
        "| agent | classes | furthest stage | latest status |",
        "| --- | --- | --- | --- |",
    ]
    for c in KB.agents:
        latest = c.latest
        status = f"{latest.status.value} ({latest.date})" if latest else ""
        classes = ", ".join(KB.mechanisms[m].name for m in c.mechanisms[:2])
        out.append(
            f"| [{c.name}](agents/{c.id}.md) | {classes} | {c.highest_stage.value} | {status} |"
        )
    out += [
        "",
        "## Non-drug interventions",
        "",
        "| intervention | modality | first clearance for depression |",
        "| --- | --- | --- |",
    ]
    depression = KB.indication_closure("depressive-disorder")
    for iv in KB.interventions:
        first = iv.cleared_for(depression)
        when = f"{first[0].agency.value} {first[0].date}" if first else ""
        out.append(
            f"| [{iv.name}](interventions/{iv.id}.md) | "
            f"{iv.modality.value.replace('_', ' ')} | {when} |"
        )
    out += ["", "## Mechanism classes", ""]

    def tree(parent: str | None, depth: int) -> None:
        for m in KB.mechanisms:
            if m.parent == parent:
                out.append(f"{'    ' * depth}- [{m.name}](mechanisms/{m.id}.md)")
                tree(m.id, depth + 1)

    tree(None, 0)
    out += ["", "## Targets", "", "| target | kind | genes |", "| --- | --- | --- |"]
    out += [
        f"| [{t.name}](targets/{t.id}.md) | {t.kind.value} | {', '.join(t.gene_symbols)} |"
        for t in KB.targets
    ]
    write("catalog/index.md", "\n".join(out) + "\n")

    out = ["# Findings", "", "The review's claims and other cited statements.", ""]
    for f in KB.findings:
        subjects = [f"[{KB.agents[c].name}](agents/{c}.md)" for c in f.compounds]
        subjects += [f"[{KB.mechanisms[m].name}](mechanisms/{m}.md)" for m in f.mechanisms]
        out += [
            f"## {f.id}",
            "",
            f"*{f.kind.value}, evidence {f.evidence.value}*",
            "",
            f.statement,
            "",
        ]
        if subjects:
            out += ["About: " + ", ".join(subjects), ""]
        out += [f"References: {cites(f.citations, 0)}", ""]
    write("catalog/findings.md", "\n".join(out))

    out = [
        "# Trials and interventions",
        "",
        "Every registered trial the development records name, with the intervention (agent), the "
        "indication and where the programme stood at the record's date.",
        "",
        "| trial | intervention | indication | stage | status | date | references |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    trials = sorted(
        ((nct, c, d) for c in KB.agents for d in c.development for nct in d.trials),
        key=lambda t: (t[0], t[1].id, t[2].date),
    )
    for nct, c, d in trials:
        out.append(
            f"| [{nct}](trials/{nct}.md) | [{c.name}](agents/{c.id}.md) | {esc(KB.indications[d.indication].name)} | "
            f"{d.stage.value} | {d.status.value} | {d.date} | {cites(d.citations, 0)} |"
        )
    write("catalog/trials.md", "\n".join(out) + "\n")
    by_trial: dict[str, list[tuple[models.Compound, models.DevelopmentRecord]]] = {}
    for nct, c, d in trials:
        by_trial.setdefault(nct, []).append((c, d))
    for nct, entries in by_trial.items():
        page = [f"# {nct}", "", f"Registry record: {link('clinicaltrials', nct)}", ""]
        for c, d in entries:
            page += [
                f"## {c.name}",
                "",
                f"- intervention: [{c.name}](../agents/{c.id}.md)",
                f"- indication: {KB.indications[d.indication].name}",
                f"- stage: {d.stage.value}; status: {d.status.value} ({d.date}, {d.date_kind.value})",
            ]
            if d.sponsor:
                page.append(f"- sponsor: {d.sponsor}")
            if d.event:
                page.append(f"- event: {d.event}")
            page += [f"- references: {cites(d.citations, 1)}", ""]
        write(f"catalog/trials/{nct}.md", "\n".join(page))

    groups = KB.citations.by_kind()
    out = [
        "# References",
        "",
        f"The knowledge base cites {len(KB.citations)} documents, each the document as issued. "
        "By kind:",
        "",
        "| kind | references |",
        "| --- | --- |",
    ]
    out += [f"| [{kind.plural}](#{kind.value}) | {len(refs)} |" for kind, refs in groups.items()]
    out.append("")
    for kind, refs in groups.items():
        out += [f"## {kind.plural.capitalize()} {{ #{kind.value} }}", ""]
        for ref in refs:
            links = []
            if ref.doi:
                links.append(f"[doi:{ref.doi}]({ref.doi_url})")
            if ref.pmid:
                links.append(f"[PMID {ref.pmid}]({ref.pubmed_url})")
            if ref.url and not ref.doi:
                links.append(f"[{'link' if ref.kind.scholarly else 'issuer'}]({ref.url})")
            # The same citable form as `python -m rapidad show`, with its locators as links.
            out += [f"### {ref.key} {{ #{ref.key} }}", "", esc(ref.citable), ""]
            if links:
                out += [" · ".join(links), ""]
    write("catalog/references.md", "\n".join(out))


# --- schema reference -----------------------------------------------------------------------


def type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " \\| ".join(type_name(a) for a in args)
    if origin is tuple:
        return f"tuple[{type_name(args[0])}, ...]"
    if origin is not None and getattr(origin, "__name__", "") == "FrozenMap":
        return "FrozenMap[str, str]"
    if getattr(annotation, "__name__", "") == "XrefMap":
        return "XrefMap (str to str)"
    if annotation is type(None):
        return "None"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel | enum.Enum):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return getattr(annotation, "__name__", str(annotation))


def schema_reference() -> None:
    out = [
        "# Schema reference",
        "",
        f"Schema version **{SCHEMA_VERSION}**. Generated from `rapidad.models` at build time; the same "
        "models give the JSON Schema that ships in the package (`python -m rapidad schema`). In the "
        "data files a record's `id` is the key it is filed under.",
        "",
    ]
    for name in [*models.__all__, "DatasetMeta"]:
        model = getattr(models, name, None) or DatasetMeta
        if not hasattr(model, "model_fields") or model.__name__ != name:
            continue  # a constant such as BIBTEX_TYPES, a derived tuple, or an old name
        out += [
            f"## {name}",
            "",
            (model.__doc__ or "").strip().split("\n\n")[0],
            "",
            "| field | type | required | description |",
            "| --- | --- | --- | --- |",
        ]
        for field, info in model.model_fields.items():
            out.append(
                f"| `{field}` | {type_name(info.annotation)} | {'yes' if info.is_required() else ''} | {esc(info.description)} |"
            )
        out.append("")
    out += ["## Vocabularies", ""]
    for name in vocab.__all__:
        enum_type = getattr(vocab, name)
        out += [
            f"### {name}",
            "",
            (enum_type.__doc__ or "").strip(),
            "",
            ", ".join(f"`{m.value}`" for m in enum_type),
            "",
        ]
    write("reference/schema.md", "\n".join(out))


def tables_reference() -> None:
    out = [
        "# Long tables",
        "",
        "`rapidad.to_dataframes()` (and `KnowledgeBase.to_dataframes()`, `collection.to_dataframes()`) "
        "returns these tables as pandas DataFrames, one row per fact; `python -m rapidad export "
        "--format csv|jsonl|datapackage -o DIR` writes them as files. Generated from "
        "`rapidad.tables.TABLES`.",
        "",
        "Column types: `string` is text (pandas `string`; identifiers are always text), `integer` "
        "is `Int64`, `number` is `float64`, `boolean` is the nullable `boolean`, `date` is "
        "`datetime64` with a `*_precision` column beside it (`year`, `month` or `day`: a date known "
        "to the year is stored as its first of January), `stage` is an ordered categorical in "
        "clinical order. A column with listed values is a categorical of those values. In CSV, "
        "missing values are empty cells and booleans are `true`/`false`.",
        "",
    ]
    for table in TABLES.values():
        out += [f"## {table.name}", "", table.description, ""]
        if table.primary_key:
            out += [f"Primary key: {', '.join(f'`{c}`' for c in table.primary_key)}.", ""]
        for fields, ref, ref_fields in table.foreign_keys:
            out += [
                f"Foreign key: `{', '.join(fields)}` → `{ref}.{', '.join(ref_fields)}`.",
                "",
            ]
        out += [
            "| column | type | required | description | values |",
            "| --- | --- | --- | --- | --- |",
        ]
        for c in table.columns:
            values = ", ".join(f"`{v}`" for v in c.values)
            out.append(
                f"| `{c.name}` | {c.type} | {'yes' if c.required else ''} | {esc(c.description)} | {values} |"
            )
        out.append("")
    write("reference/tables.md", "\n".join(out))


catalog()
schema_reference()
tables_reference()
write("changelog.md", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
write("curation-guide.md", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
