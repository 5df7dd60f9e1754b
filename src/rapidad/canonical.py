"""The canonical form of the data files, so that every curator's change reads as a clean diff.

JSON files are written with sorted keys, two-space indent, UTF-8 characters as they are and a final
newline; ``references.bib`` has its entries sorted by key and their fields in a fixed order.
``python -m rapidad format PATH`` rewrites a directory; ``--check`` only reports.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rapidad.errors import DatasetError, Problem
from rapidad.store import BIB_FILE, META_FILE, RECORD_FILES, RawDataset, parse_bibtex

__all__ = ["canonical_bibtex", "canonical_json", "dump_json", "format_directory", "write_dataset"]

JSON_FILES = (*RECORD_FILES, META_FILE)


def dump_json(data: Any) -> str:
    """Serialise *data* in the canonical JSON layout."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def canonical_json(text: str) -> str:
    r"""Return the canonical form of a JSON document.

    >>> canonical_json('{"b": 1, "a": [2, 1]}')
    '{\n  "a": [\n    2,\n    1\n  ],\n  "b": 1\n}\n'
    """
    return dump_json(json.loads(text))


def canonical_bibtex(text: str, name: str = BIB_FILE) -> str:
    """Return the canonical form of a BibTeX file.

    Raises:
        DatasetError: if the file does not parse into valid citations.

    """
    citations, problems = parse_bibtex(text, name)
    if problems:
        raise DatasetError(problems, name)
    entries = [citations[key].to_bibtex() for key in sorted(citations)]
    return "\n\n".join(entries) + "\n" if entries else ""


def format_directory(path: str | Path, *, check: bool = False) -> list[str]:
    """Rewrite the data files of *path* canonically; return the names of files that were not.

    With ``check=True`` nothing is written.

    Raises:
        DatasetError: if a file cannot be parsed (nothing is written then).

    """
    root = Path(path)
    changed: dict[Path, str] = {}
    problems: list[Problem] = []
    for name in (*JSON_FILES, BIB_FILE):
        file = root / name
        if not file.is_file():
            continue
        text = file.read_text(encoding="utf-8")
        try:
            new = canonical_bibtex(text) if name == BIB_FILE else canonical_json(text)
        except json.JSONDecodeError as exc:
            problems.append(Problem(name, None, None, f"invalid JSON: {exc}"))
            continue
        except DatasetError as exc:
            problems.extend(exc.problems)
            continue
        if new != text:
            changed[file] = new
    if problems:
        raise DatasetError(problems, str(root))
    if not check:
        for file, new in changed.items():
            file.write_text(new, encoding="utf-8")
    return sorted(f.name for f in changed)


def write_dataset(raw: RawDataset, path: str | Path) -> None:
    """Write *raw* as a knowledge-base directory in canonical form (the inverse of loading).

    Fields equal to their defaults are left out, as curators write them.
    """
    root = Path(path)
    root.mkdir(parents=True, exist_ok=True)
    for name in RECORD_FILES:
        records = getattr(raw, name.removesuffix(".json"))
        data = {
            rid: record.model_dump(mode="json", exclude={"id"}, exclude_defaults=True)
            for rid, record in records.items()
        }
        (root / name).write_text(dump_json(data), encoding="utf-8")
    if raw.meta is not None:
        meta = raw.meta.model_dump(mode="json", exclude_defaults=True)
        (root / META_FILE).write_text(dump_json(meta), encoding="utf-8")
    bib = "\n\n".join(raw.citations[k].to_bibtex() for k in sorted(raw.citations))
    (root / BIB_FILE).write_text(bib + "\n" if bib else "", encoding="utf-8")
