"""The ``python -m rapidad`` command line: list, show, search, validate, format, schema, export.

Output is meant for a terminal; ``--json`` gives machines the same content. Errors a user can fix
(an unknown agent, a broken dataset) print one clear line and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rapidad.kb import KnowledgeBase

__all__ = ["main"]


def _kb(args: argparse.Namespace) -> KnowledgeBase:
    from rapidad.kb import bundled, load

    if getattr(args, "data", None):
        return load(args.data, layer=args.layer, replace=args.replace)
    return bundled()


def _cmd_list(args: argparse.Namespace) -> int:
    from rapidad.render import table_view, text

    kb = _kb(args)
    filters = {
        "mechanism": args.mechanism,
        "target": args.target,
        "indication": args.indication,
        "approved_for": args.approved_for,
        "agency": args.agency,
        "status": args.status,
        "stage": args.stage,
        "approved": args.approved,
        "modality": args.modality,
    }
    records: Any
    if args.kind == "agents":
        records = kb.agents.filter(
            **filters, target_match="containing" if args.containing else "narrow"
        )
    else:
        given = [f"--{k.replace('_', '-')}" for k, v in filters.items() if v is not None]
        if given:
            raise ValueError(f"{', '.join(given)} filter agents, not {args.kind}")
        records = getattr(kb, args.kind)
    if args.json:
        print(json.dumps(records.to_records(), indent=2, ensure_ascii=False))
        return 0
    if not records:
        print(f"no {args.kind} match")
        return 0
    print(text(table_view(kb, args.kind, records, args.indication)))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from rapidad.render import KINDS, text, view

    kb = _kb(args)
    kinds = [args.kind] if args.kind else list(KINDS)
    # An exact id first (what `search` prints), then the forgiving lookups, kind by kind.
    found = [(k, r) for k in kinds if (r := getattr(kb, k)._by_id.get(args.id)) is not None]
    if not found:
        found = [(k, r) for k in kinds if (r := getattr(kb, k).get(args.id)) is not None]
    if not found:
        raise KeyError(_not_found(kb, kinds, args.id))
    _, record = found[0]
    if args.json:
        print(json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    print(text(view(kb, record, args.indication)))
    for other, rec in found[1:]:
        rid = getattr(rec, "id", getattr(rec, "key", ""))
        print(f"\n(also {other[:-1]} {rid}: python -m rapidad show --kind {other} {rid})")
    return 0


def _not_found(kb: KnowledgeBase, kinds: list[str], key: str) -> str:
    """The message for a key that names nothing, with close matches kind by kind."""
    hints = []
    for kind in kinds:
        close = getattr(kb, kind)._close_matches(key, n=3)
        if close:
            hints.append(f"{', '.join(repr(h) for h in dict.fromkeys(close))} ({kind})")
    what = kinds[0][:-1] if len(kinds) == 1 else "record"
    hint = f"; did you mean {'; '.join(hints)}?" if hints else ""
    return f"no {what} {key!r}{hint}"


def _cmd_search(args: argparse.Namespace) -> int:
    from rapidad.render import KINDS

    kb = _kb(args)
    hits: dict[str, list[Any]] = {kind: list(getattr(kb, kind).search(args.text)) for kind in KINDS}
    if args.json:
        print(json.dumps({k: [_rid(r) for r in v] for k, v in hits.items()}, indent=2))
        return 0
    total = 0
    for kind, records in hits.items():
        for r in records:
            label = getattr(r, "name", None) or getattr(r, "statement", None) or r.title
            print(f"{kind[:-1]:<14}{_rid(r):<32}  {label[:60]}")
            total += 1
    if not total:
        print(f"nothing matches {args.text!r}")
        return 1
    print(f"\n{total} found; pass an id to: python -m rapidad show ID")
    return 0


def _rid(record: Any) -> str:
    return str(getattr(record, "id", None) or record.key)


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
    from rapidad.export import DIRECTORY_FORMATS, export, write_tables

    kb = _kb(args)
    if args.format in DIRECTORY_FORMATS:
        if not args.output:
            raise ValueError(f"--format {args.format} writes one file per table: give -o DIR")
        files = write_tables(kb, args.format, args.output)
        print(f"wrote {len(files)} files to {args.output}")
        return 0
    text = export(kb, args.format)
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

    from rapidad.render import KINDS

    p = sub.add_parser("list", help="list agents (filtered) or any other kind of record")
    p.add_argument(
        "kind",
        nargs="?",
        default="agents",
        choices=KINDS,
        metavar="KIND",
        help=f"what to list: {', '.join(KINDS)} (default: agents)",
    )
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
        "show",
        help="show one record (agent, intervention, target, mechanism class, indication, "
        "finding or reference) by id, name, synonym, brand, CURIE or database id",
    )
    p.add_argument("id")
    p.add_argument("--kind", choices=KINDS, help="look only among records of this kind")
    p.add_argument("--indication", help="only the timeline in this indication (and narrower ones)")
    p.add_argument("--json", action="store_true", help="print JSON")
    data_opts(p)
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("search", help="find records whose id, names or title contain TEXT")
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

    from rapidad.export import FORMATS

    p = sub.add_parser(
        "export",
        help="export the knowledge base: json (one document that rapidad.load reads), bibtex, "
        "or the long tables as csv, jsonl or a Frictionless datapackage (into a directory)",
    )
    p.add_argument("--format", choices=FORMATS, default="json")
    p.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="a file for json and bibtex (default: standard output); the directory for csv, "
        "jsonl and datapackage",
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
