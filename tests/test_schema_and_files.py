from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA
from rapidad.canonical import canonical_bibtex, canonical_json, format_directory
from rapidad.schema import generate_schema, render_schema, shipped_schema
from rapidad.store import BIB_FILE, META_FILE, RECORD_FILES


def test_shipped_schema_is_fresh() -> None:
    assert shipped_schema() == render_schema(generate_schema()), (
        "the shipped JSON Schema is stale: regenerate it with "
        'python -c \'from rapidad.schema import *; open("src/rapidad/schema.json","w").write(render_schema(generate_schema()))\''
    )


def test_schema_documents_every_field() -> None:
    schema = json.loads(shipped_schema())
    for name in ("Compound", "Target", "MechanismClass", "Finding", "Citation"):
        definition = schema["$defs"][name]
        assert definition["additionalProperties"] is False
        for field, spec in definition["properties"].items():
            assert spec.get("description"), f"{name}.{field} has no description"


def test_schema_validates_bundled_records_shape() -> None:
    schema = json.loads(shipped_schema())
    assert set(schema["$defs"]["Compound"]["required"]) == {"id", "name", "modality"}
    assert schema["x-schema-version"]


@pytest.mark.parametrize("name", [*RECORD_FILES, META_FILE, BIB_FILE])
def test_bundled_files_are_canonical(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    canonical = canonical_bibtex(text) if name == BIB_FILE else canonical_json(text)
    assert text == canonical, f"{name} is not canonical: run `python -m rapidad format`"


def test_format_directory_rewrites_and_checks(data_copy: Path) -> None:
    target = data_copy / "targets.json"
    target.write_text(json.dumps(json.loads(target.read_text())))
    assert format_directory(data_copy, check=True) == ["targets.json"]
    assert format_directory(data_copy) == ["targets.json"]
    assert format_directory(data_copy, check=True) == []
