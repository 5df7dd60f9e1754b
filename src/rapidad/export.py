"""Exports of a knowledge base.

- ``json``: one lossless document that `rapidad.load` reads back (records as they are);
- ``csv`` and ``jsonl``: a directory with one file per long table (`rapidad.tables`);
- ``datapackage``: the CSV tables plus a Frictionless ``datapackage.json`` describing them;
- ``bibtex``: the references, ready for a LaTeX manuscript.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidad.tables import TABLES, Column, table_rows

if TYPE_CHECKING:
    from rapidad.errors import Problem
    from rapidad.kb import KnowledgeBase
    from rapidad.store import RawDataset

__all__ = [
    "DIRECTORY_FORMATS",
    "FORMATS",
    "TEXT_FORMATS",
    "datapackage_descriptor",
    "export",
    "from_json_document",
    "raw_from_json_document",
    "to_json_document",
    "write_tables",
]

#: Formats rendered as one text (standard output or one file).
TEXT_FORMATS = ("json", "bibtex")
#: Formats written as a directory of files, one per long table.
DIRECTORY_FORMATS = ("csv", "jsonl", "datapackage")
FORMATS = TEXT_FORMATS + DIRECTORY_FORMATS
_KINDS = (
    "agents",
    "targets",
    "mechanisms",
    "indications",
    "interventions",
    "findings",
    "citations",
)


def to_json_document(kb: KnowledgeBase) -> dict[str, Any]:
    """Return every record of *kb* as one JSON-ready document (loads back equal).

    The document holds ``schema_version``, ``as_of``, ``meta`` and one list of records per kind
    (``agents``, ``targets``, ...); each list is a table of records that
    ``pandas.DataFrame(doc["agents"])`` reads.
    """
    import rapidad

    doc: dict[str, Any] = {
        "schema_version": rapidad.SCHEMA_VERSION,
        "as_of": kb.as_of,
    }
    if kb.meta is not None:
        doc["meta"] = kb.meta.model_dump(mode="json", exclude_none=True)
    for kind in _KINDS:
        doc[kind] = getattr(kb, kind).to_records()
    return doc


def raw_from_json_document(
    doc: Any, source: str = "JSON document"
) -> tuple[RawDataset, list[Problem]]:
    """Validate the records of a `to_json_document` document, one by one.

    Returns the valid records and a problem for each invalid one (file *source*, record index).
    """
    from pydantic import ValidationError

    from rapidad.errors import Problem
    from rapidad.models import Citation
    from rapidad.store import RECORD_FILES, DatasetMeta, RawDataset, validation_problems

    raw = RawDataset()
    if not isinstance(doc, dict) or not isinstance(doc.get("schema_version"), str):
        message = "not a rapidad JSON export: no schema_version (export one with --format json)"
        return raw, [Problem(source, "", "", message)]
    problems: list[Problem] = []
    # The document names each kind as its collection does; compounds are the `agents`.
    kinds: dict[str, tuple[type[Any], str]] = {"citations": (Citation, "citations")}
    for file, model in RECORD_FILES.items():
        attribute = file.removesuffix(".json")
        kinds["agents" if attribute == "compounds" else attribute] = (model, attribute)
    for kind, (model, attribute) in kinds.items():
        records: dict[str, Any] = getattr(raw, attribute)
        entries = doc.get(kind, [])
        if not isinstance(entries, list):
            problems.append(Problem(source, "", kind, "expected a list of records"))
            continue
        for i, data in enumerate(entries):
            try:
                record = model.model_validate(data)
            except ValidationError as exc:
                problems.extend(validation_problems(exc, source, f"{kind}[{i}]"))
                continue
            records[record.key if kind == "citations" else record.id] = record
    meta = doc.get("meta") or ({"as_of": doc["as_of"]} if doc.get("as_of") else None)
    if meta:
        try:
            raw.meta = DatasetMeta.model_validate(meta)
        except ValidationError as exc:
            problems.extend(validation_problems(exc, source, "meta"))
    return raw, problems


def from_json_document(doc: dict[str, Any], source: str = "JSON document") -> KnowledgeBase:
    """Rebuild a knowledge base from `to_json_document`'s output (validated again).

    Raises:
        DatasetError: if the document's records are invalid or inconsistent.

    """
    from rapidad.kb import KnowledgeBase

    raw, problems = raw_from_json_document(doc, source)
    return KnowledgeBase(raw, source, problems)


def export(kb: KnowledgeBase, fmt: str) -> str:
    """Return *kb* rendered in a text format (``json`` or ``bibtex``).

    Raises:
        ValueError: for an unknown format, or one that writes a directory (`write_tables`).

    """
    if fmt == "json":
        return json.dumps(to_json_document(kb), indent=2, ensure_ascii=False) + "\n"
    if fmt == "bibtex":
        return kb.citations.to_bibtex()
    if fmt in DIRECTORY_FORMATS:
        raise ValueError(f"{fmt} writes one file per table: give a directory (-o DIR)")
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def write_tables(kb: KnowledgeBase, fmt: str, directory: str | Path) -> list[Path]:
    """Write every long table of *kb* into *directory*; return the files written.

    ``csv`` writes ``TABLE.csv`` (empty cells for missing values, ``true``/``false``);
    ``jsonl`` writes ``TABLE.jsonl`` (one JSON object per row, ``null`` for missing values);
    ``datapackage`` writes the CSVs and a ``datapackage.json`` that describes them.

    >>> import rapidad, tempfile, pandas as pd
    >>> with tempfile.TemporaryDirectory() as d:
    ...     files = write_tables(rapidad.knowledge_base(), "csv", d)
    ...     len(pd.read_csv(f"{d}/agents.csv")) == len(rapidad.agents)
    True

    Raises:
        ValueError: for a format that is not a directory format.

    """
    if fmt not in DIRECTORY_FORMATS:
        raise ValueError(
            f"{fmt!r} is not a table format; choose from {', '.join(DIRECTORY_FORMATS)}"
        )
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    suffix = "jsonl" if fmt == "jsonl" else "csv"
    for name, rows in table_rows(kb).items():
        path = out / f"{name}.{suffix}"
        columns = TABLES[name].columns
        with path.open("w", encoding="utf-8", newline="") as fh:
            if fmt == "jsonl":
                fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
            else:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow([c.name for c in columns])
                writer.writerows([_csv_cell(row[c.name]) for c in columns] for row in rows)
        written.append(path)
    if fmt == "datapackage":
        path = out / "datapackage.json"
        descriptor = datapackage_descriptor(kb)
        path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    return written


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def datapackage_descriptor(kb: KnowledgeBase) -> dict[str, Any]:
    """The Frictionless data-package descriptor of *kb*'s CSV tables.

    Each resource has a table schema: column types, descriptions, allowed values, required
    columns, primary key and foreign keys. The package carries the rapidad and schema versions,
    the as-of date and the dataset's licence when its ``meta.json`` states one.
    """
    import rapidad

    meta = kb.meta
    descriptor: dict[str, Any] = {
        "$schema": "https://datapackage.org/profiles/1.0/datapackage.json",
        "name": "rapidad",
        "title": (meta.title if meta else None) or "rapidad knowledge base",
        "description": (meta.description if meta else None) or "",
        "version": rapidad.__version__,
        "rapidad": {"schema_version": rapidad.SCHEMA_VERSION, "as_of": kb.as_of},
        "resources": [],
    }
    if meta is not None and meta.data_license:
        # Only a licence the dataset states: a user's data is not CC BY because rapidad's is.
        descriptor["licenses"] = [{"name": meta.data_license}]
    for table in TABLES.values():
        schema: dict[str, Any] = {"fields": [_field(c) for c in table.columns]}
        if table.primary_key:
            schema["primaryKey"] = list(table.primary_key)
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": list(fields),
                    "reference": {
                        "resource": "" if ref == table.name else ref,
                        "fields": list(ref_fields),
                    },
                }
                for fields, ref, ref_fields in table.foreign_keys
            ]
        descriptor["resources"].append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return descriptor


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": "string" if column.type == "stage" else column.type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.values:
        constraints["enum"] = list(column.values)
    if constraints:
        field["constraints"] = constraints
    if column.type == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    return field
