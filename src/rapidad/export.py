"""Exports of a knowledge base: JSON (lossless), JSON Lines, CSV (one row per agent) and BibTeX."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rapidad.kb import KnowledgeBase

__all__ = ["FORMATS", "agent_rows", "export", "from_json_document", "to_json_document"]

FORMATS = ("json", "jsonl", "csv", "bibtex")
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
    """Return every record of *kb* as one JSON-ready document (loads back equal)."""
    import rapidad

    doc: dict[str, Any] = {
        "schema_version": rapidad.SCHEMA_VERSION,
        "as_of": kb.as_of,
    }
    for kind in _KINDS:
        doc[kind] = getattr(kb, kind).to_records()
    return doc


def from_json_document(doc: dict[str, Any]) -> KnowledgeBase:
    """Rebuild a knowledge base from `to_json_document`'s output (validated again).

    Raises:
        DatasetError: if the document's records are invalid or inconsistent.

    """
    from pydantic import ValidationError

    from rapidad.errors import DatasetError, Problem
    from rapidad.kb import KnowledgeBase
    from rapidad.models import Citation
    from rapidad.store import RECORD_FILES, DatasetMeta, RawDataset, validation_problems

    raw = RawDataset()
    problems: list[Problem] = []
    # The document names each kind as its collection does; compounds are the `agents`.
    kinds: dict[str, tuple[type[Any], str]] = {"citations": (Citation, "citations")}
    for file, model in RECORD_FILES.items():
        attribute = file.removesuffix(".json")
        kinds["agents" if attribute == "compounds" else attribute] = (model, attribute)
    for kind, (model, attribute) in kinds.items():
        records: dict[str, Any] = getattr(raw, attribute)
        for i, data in enumerate(doc.get(kind, [])):
            try:
                record = model.model_validate(data)
            except ValidationError as exc:
                problems.extend(validation_problems(exc, kind, str(i)))
                continue
            records[record.key if kind == "citations" else record.id] = record
    if doc.get("as_of"):
        raw.meta = DatasetMeta(as_of=doc["as_of"])
    if problems:
        raise DatasetError(problems, "JSON document")
    return KnowledgeBase(raw, "JSON document")


def agent_rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    """One flat row per agent: identity, identifiers, classes, targets and where it stands.

    ``stage_in_depression`` and ``status_in_depression`` are the furthest stage and the status in
    depressive disorder and everything narrower (empty where the agent has no record there).
    """
    rows = []
    root = kb.indications.get("depressive-disorder")
    depression = kb.indication_closure(root.id) if root else frozenset()
    for c in kb.agents:
        latest = c.latest
        in_depression = c.progress_in(depression)
        rows.append(
            {
                "id": c.id,
                "name": c.name,
                "modality": c.modality.value if c.modality else "",
                "stereo": c.stereo.value if c.stereo else "",
                "inchikey": c.inchikey or "",
                "formula": c.formula or "",
                "pubchem.compound": c.xrefs.get("pubchem.compound", ""),
                "chembl.compound": c.xrefs.get("chembl.compound", ""),
                "unii": c.xrefs.get("unii", ""),
                "cas": c.xrefs.get("cas", ""),
                "mechanisms": ";".join(c.mechanisms),
                "targets": ";".join(dict.fromkeys(t.target for t in c.targets)),
                "highest_stage": c.highest_stage.value,
                "approved": "true" if c.approved else "false",
                "stage_in_depression": in_depression.stage.value if in_depression else "",
                "status_in_depression": in_depression.status.value if in_depression else "",
                "indications": ";".join(c.indications),
                "latest_status": latest.status.value if latest else "",
                "latest_date": latest.date if latest else "",
                "latest_indication": latest.indication if latest else "",
                "citations": ";".join(c.all_citations),
            }
        )
    return rows


def export(kb: KnowledgeBase, fmt: str) -> str:
    """Return *kb* rendered in *fmt* (one of `FORMATS`).

    Raises:
        ValueError: for an unknown format.

    """
    if fmt == "json":
        return json.dumps(to_json_document(kb), indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        lines = []
        for kind in _KINDS:
            for record in getattr(kb, kind).to_records():
                lines.append(json.dumps({"kind": kind, "record": record}, ensure_ascii=False))
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        rows = agent_rows(kb)
        out = io.StringIO()
        writer = csv.DictWriter(
            out, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    if fmt == "bibtex":
        return kb.citations.to_bibtex()
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
