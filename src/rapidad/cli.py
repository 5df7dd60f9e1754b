"""The ``python -m rapidad`` command line: list, show, search, validate, format, schema, export.

Output is meant for a terminal; ``--json`` gives machines the same content. Errors a user can fix
(an unknown agent, a broken dataset) print one clear line and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rapidad.kb import KnowledgeBase
    from rapidad.models import AntidepressantEffect, Compound, Intervention

__all__ = ["main"]


def _kb(args: argparse.Namespace) -> KnowledgeBase:
    from rapidad.kb import bundled, load

    if getattr(args, "data", None):
        return load(args.data, layer=args.layer, replace=args.replace)
    return bundled()


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*headers).rstrip(), fmt.format(*("-" * w for w in widths)).rstrip()]
    lines += [fmt.format(*row).rstrip() for row in rows]
    return "\n".join(lines)


#: The indication `list` reports stages and statuses in unless told otherwise: the library's field.
DEFAULT_INDICATION = "depressive-disorder"


def _agent_row(c: Compound, scope: frozenset[str]) -> list[str]:
    p = c.progress_in(scope)
    if p is None:
        return [c.id, c.name, ", ".join(c.mechanisms[:2]), "", "", ""]
    status = p.status.value + (f" ({p.end_reason.value})" if p.end_reason else "")
    return [c.id, c.name, ", ".join(c.mechanisms[:2]), p.stage.value, status, p.date]


def _cmd_list(args: argparse.Namespace) -> int:
    kb = _kb(args)
    agents = kb.agents.filter(
        mechanism=args.mechanism,
        target=args.target,
        target_match="containing" if args.containing else "narrow",
        indication=args.indication,
        approved_for=args.approved_for,
        agency=args.agency,
        status=args.status,
        stage=args.stage,
        approved=args.approved,
        modality=args.modality,
    )
    if args.json:
        print(json.dumps(agents.to_records(), indent=2, ensure_ascii=False))
        return 0
    if not agents:
        print("no agents match")
        return 0
    indication = kb.indications[args.indication or DEFAULT_INDICATION]
    scope = kb.indication_closure(indication.id)
    print(
        _table(
            [_agent_row(c, scope) for c in agents],
            ["id", "name", "mechanisms", "stage", "status", "as of"],
        )
    )
    n = len(agents)
    print(f"\n{n} agent{'s' if n != 1 else ''}; stage and status in {indication.name.lower()}")
    return 0


def _wrap(label: str, text: str, indent: int = 16) -> str:
    body = textwrap.fill(
        text,
        width=100,
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
        break_on_hyphens=False,  # keep URLs and code names whole
        break_long_words=False,
    )
    return f"{label:<{indent}}{body[indent:]}"


def _timeline(
    kb: KnowledgeBase, c: Compound | Intervention, scope: frozenset[str] | None
) -> list[str]:
    """Every development record and regulatory event once, by date, with where it stood."""
    from rapidad.models import Compound, DeviceClearance, RegulatoryEvent
    from rapidad.vocab import DateKind

    events: list[tuple[str, str]] = []
    regulatory = c.regulatory_events if isinstance(c, Compound) else c.clearances
    for e in regulatory:
        if scope is None or e.indication in scope:
            what = f"{e.agency.value} {e.event.value.replace('_', ' ')}"
            text = f"{what}: {kb.indications[e.indication].name}"
            made = e.brand if isinstance(e, RegulatoryEvent) else e.device
            text += f" ({made})" if made else ""
            text += f" [{e.number}]" if isinstance(e, DeviceClearance) and e.number else ""
            text += f" - {e.wording}" if e.wording else ""
            text += " (on or before this date)" if e.date_kind is DateKind.NO_LATER_THAN else ""
            events.append((e.date, text))
    for d in c.development:
        if scope is None or d.indication in scope:
            outcome = d.status.value + (f", {d.end_reason.value}" if d.end_reason else "")
            text = f"{d.stage.value} {outcome}: {kb.indications[d.indication].name}"
            text += f" [{d.programme}]" if d.programme else ""
            text += f" ({d.route.value})" if d.route else ""
            text += f" - {d.event}" if d.event else ""
            events.append((d.date, text))
    if not events:
        return []
    lines = ["timeline"]
    if scope is not None and isinstance(c, Compound):
        for indication in sorted(scope):
            p = c.progress_in({indication})
            if p is not None:
                name = kb.indications[indication].name
                lines.append(_wrap("  now", f"{name}: {p.stage.value}, {p.status.value}"))
    return lines + [_wrap(f"  {d}", text) for d, text in sorted(events)]


def render_compound(kb: KnowledgeBase, c: Compound, indication: str | None = None) -> str:
    """Render a compound for a terminal; with *indication*, only its timeline there."""
    scope = kb.indication_closure(indication) if indication is not None else None
    out = [f"{c.name}  [{c.id}]", "=" * (len(c.name) + len(c.id) + 4)]
    kind = (c.modality.value.replace("_", " ") if c.modality else "modality unconfirmed") + (
        f", {c.stereo.value.replace('_', ' ')}" if c.stereo else ""
    )
    out.append(_wrap("kind", kind))
    by_kind: dict[str, list[str]] = {}
    for s in c.synonyms:
        by_kind.setdefault(s.kind.value, []).append(s.name)
    for k, names in by_kind.items():
        out.append(_wrap(f"  {k}", ", ".join(names)))
    for label, value in (("formula", c.formula), ("inchikey", c.inchikey), ("smiles", c.smiles)):
        if value:
            out.append(_wrap(label, value))
    if c.xrefs:
        out.append(_wrap("xrefs", ", ".join(f"{p}:{v}" for p, v in c.xrefs.items())))
    if c.components:
        out.append(
            _wrap(
                "components",
                "; ".join(
                    f"{kb.agents[x.compound].name} ({', '.join(r.value for r in x.roles)})"
                    for x in c.components
                ),
            )
        )
    if c.mechanisms:
        out.append(_wrap("mechanisms", "; ".join(kb.mechanisms[m].name for m in c.mechanisms)))
    for t in c.targets:
        quals = f" [{', '.join(q.value for q in t.qualifiers)}]" if t.qualifiers else ""
        out.append(_wrap("target", f"{kb.targets[t.target].name}: {t.action.value}{quals}"))
    for rel in c.relations:
        enz = f" (via {', '.join(rel.enzymes)})" if rel.enzymes else ""
        out.append(
            _wrap(
                "relation", f"{rel.type.value.replace('_', ' ')} {kb.agents[rel.object].name}{enz}"
            )
        )
    out += _effect(c.antidepressant_effect)
    for sched in c.schedules:
        out.append(_wrap("schedule", f"{sched.jurisdiction}: {sched.schedule}"))
    out += _timeline(kb, c, scope)
    return "\n".join(out + _closing(kb, c))


def _effect(e: AntidepressantEffect | None) -> list[str]:
    if e is None:
        return []
    parts = (f"onset {e.onset}" if e.onset else "", f"lasting {e.duration}" if e.duration else "")
    return [_wrap("effect", "; ".join(x for x in parts if x))]


def _closing(kb: KnowledgeBase, record: Compound | Intervention) -> list[str]:
    """A record's notes and its references, grouped by kind."""
    out = [_wrap("notes", record.notes)] if record.notes else []
    keys = record.all_citations
    if keys:
        out.append("references")
        for kind, refs in kb.citations.by_kind(keys).items():
            out.append(f"  {kind.plural}")
            out += [_wrap("", f"[{ref.key}] {ref.citable}", indent=4) for ref in refs]
    return out


def render_intervention(kb: KnowledgeBase, iv: Intervention, indication: str | None = None) -> str:
    """Render a non-drug intervention for a terminal; with *indication*, only its timeline there."""
    scope = kb.indication_closure(indication) if indication is not None else None
    out = [f"{iv.name}  [{iv.id}]", "=" * (len(iv.name) + len(iv.id) + 4)]
    out.append(_wrap("kind", iv.modality.value.replace("_", " ")))
    names = [*iv.abbreviations, *iv.synonyms]
    if names:
        out.append(_wrap("  also", ", ".join(names)))
    if iv.target_region:
        out.append(_wrap("target", iv.target_region))
    if iv.description:
        out.append(_wrap("what", iv.description))
    out += _effect(iv.antidepressant_effect)
    out += _timeline(kb, iv, scope)
    return "\n".join(out + _closing(kb, iv))


def _cmd_show(args: argparse.Namespace) -> int:
    from rapidad.models import Intervention

    kb = _kb(args)
    found: Compound | Intervention | None = kb.agents.get(args.id)
    if found is None:
        found = kb.interventions.get(args.id)
    if found is None:
        found = kb.agents[args.id]  # raises the KeyError that names close matches
    if args.json:
        print(json.dumps(found.model_dump(mode="json"), indent=2, ensure_ascii=False))
    elif isinstance(found, Intervention):
        print(render_intervention(kb, found, args.indication))
    else:
        print(render_compound(kb, found, args.indication))
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    kb = _kb(args)
    hits: dict[str, list[Any]] = {
        "agents": list(kb.agents.search(args.text)),
        "targets": list(kb.targets.search(args.text)),
        "mechanisms": list(kb.mechanisms.search(args.text)),
    }
    if args.json:
        print(json.dumps({k: [r.id for r in v] for k, v in hits.items()}, indent=2))
        return 0
    total = 0
    for kind, records in hits.items():
        for r in records:
            print(f"{kind[:-1]:<10}{r.id:<28}{r.name}")
            total += 1
    if not total:
        print(f"nothing matches {args.text!r}")
        return 1
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from rapidad.errors import DatasetError
    from rapidad.kb import load

    try:
        kb = load(args.path, layer=args.layer, replace=args.replace)
        if args.chemistry:
            from rapidad.chemistry import structure_problems

            problems = structure_problems(kb.agents)
            if problems:
                raise DatasetError(problems, args.path)
    except DatasetError as err:
        if args.json:
            print(
                json.dumps({"ok": False, "problems": [p.to_dict() for p in err.problems]}, indent=2)
            )
        else:
            print(str(err))
        return 1
    if args.json:
        print(json.dumps({"ok": True, "problems": [], "agents": len(kb.agents)}))
    else:
        print(f"ok: {kb!r}")
    return 0


def _cmd_format(args: argparse.Namespace) -> int:
    from rapidad.canonical import format_directory
    from rapidad.kb import bundled_data_path

    path = args.path
    if path is None and not args.check:
        raise ValueError(
            "format rewrites files: name the directory (python -m rapidad format src/rapidad/data "
            "in a checkout); --check alone checks the bundled data"
        )
    path = path or str(bundled_data_path())
    if not args.check and _installed(Path(path)):
        raise ValueError(f"{path} is inside an installed package; format a copy or a checkout")
    changed = format_directory(path, check=args.check)
    if args.check and changed:
        print(f"not canonical: {', '.join(changed)} (run: python -m rapidad format {path})")
        return 1
    verb = "would reformat" if args.check else "reformatted"
    print(f"{verb}: {', '.join(changed)}" if changed else "all files canonical")
    return 0


def _installed(path: Path) -> bool:
    """Whether *path* lies in an installed package (site-packages), not in a checkout."""
    return any(part in {"site-packages", "dist-packages"} for part in path.resolve().parts)


def _cmd_schema(args: argparse.Namespace) -> int:
    from rapidad.schema import file_schema, render_schema, shipped_schema

    if args.kind is None:
        sys.stdout.write(shipped_schema())
    else:
        sys.stdout.write(render_schema(file_schema(args.kind)))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from rapidad.export import export

    text = export(_kb(args), args.format)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _parser() -> argparse.ArgumentParser:
    import rapidad

    parser = argparse.ArgumentParser(
        prog="python -m rapidad",
        description="Query rapidad's knowledge base of rapid-acting antidepressants.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"rapidad {rapidad.__version__} (schema {rapidad.SCHEMA_VERSION})",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    from rapidad.schema import FILE_KINDS

    def data_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data",
            metavar="PATH",
            help="use the knowledge base in PATH instead of the bundled one",
        )
        p.add_argument(
            "--layer", action="store_true", help="layer PATH over the bundled knowledge base"
        )
        p.add_argument(
            "--replace",
            action="store_true",
            help="with --layer: PATH's records replace bundled records with the same id",
        )

    p = sub.add_parser("list", help="list agents, optionally filtered")
    p.add_argument("--mechanism", help="mechanism class id or name (includes subclasses)")
    p.add_argument("--target", help="target id, name or gene symbol (and what it defines)")
    p.add_argument(
        "--containing",
        action="store_true",
        help="with --target: count every complex that contains the protein",
    )
    p.add_argument(
        "--indication",
        help="indication id, name or abbreviation (includes narrower ones); stage and status are "
        "reported in it (default: depressive disorder, without filtering)",
    )
    p.add_argument("--approved-for", help="indication with an approval that stands today")
    p.add_argument("--agency", help="with --approved-for or --approved: the approving agency")
    p.add_argument(
        "--status", help="programme status in the indication (approved, active, failed, ...)"
    )
    p.add_argument("--stage", help="furthest stage in the indication (approval, phase_3, ...)")
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--approved",
        dest="approved",
        action="store_const",
        const=True,
        default=None,
        help="only agents with an approval that stands (for any indication)",
    )
    group.add_argument(
        "--not-approved",
        dest="approved",
        action="store_const",
        const=False,
        help="only agents without an approval that stands",
    )
    p.add_argument("--modality", help="small_molecule, peptide, gas, combination or formulation")
    p.add_argument("--json", action="store_true", help="print JSON")
    data_opts(p)
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser(
        "show", help="show one agent or intervention by id, name, synonym, brand or CURIE"
    )
    p.add_argument("id")
    p.add_argument("--indication", help="only the timeline in this indication (and narrower ones)")
    p.add_argument("--json", action="store_true", help="print JSON")
    data_opts(p)
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("search", help="find agents, targets and classes whose names contain TEXT")
    p.add_argument("text")
    p.add_argument("--json", action="store_true", help="print JSON")
    data_opts(p)
    p.set_defaults(func=_cmd_search)

    p = sub.add_parser("validate", help="check a knowledge-base directory; exit 1 on problems")
    p.add_argument("path")
    p.add_argument(
        "--layer", action="store_true", help="validate PATH layered over the bundled data"
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="with --layer: PATH's records replace bundled records with the same id",
    )
    p.add_argument(
        "--chemistry",
        action="store_true",
        help="also re-derive InChIKey, formula, weight and stereo form from each SMILES "
        "(needs RDKit: pip install 'rapidad[chemistry]')",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("format", help="rewrite data files canonically (default: the bundled data)")
    p.add_argument("path", nargs="?")
    p.add_argument(
        "--check", action="store_true", help="only report; exit 1 if a file is not canonical"
    )
    p.set_defaults(func=_cmd_format)

    p = sub.add_parser(
        "schema", help="print the JSON Schema of the records, or of one data file (KIND)"
    )
    p.add_argument(
        "kind",
        nargs="?",
        choices=FILE_KINDS,
        metavar="KIND",
        help=f"a data file as it is on disk: {', '.join(FILE_KINDS)}",
    )
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser("export", help="export the knowledge base")
    p.add_argument("--format", choices=("json", "jsonl", "csv", "bibtex"), default="json")
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of standard output"
    )
    data_opts(p)
    p.set_defaults(func=_cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from rapidad.errors import DatasetError

    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyError as err:
        print(f"error: {err.args[0] if err.args else err}", file=sys.stderr)
        return 2
    except ImportError as err:  # an optional extra that is not installed
        print(f"error: {err}", file=sys.stderr)
        return 2
    except ValueError as err:
        if isinstance(err, DatasetError):
            print(f"error: {err}", file=sys.stderr)
        else:
            print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return 0
