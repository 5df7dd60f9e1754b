"""The JSON Schema of rapidad's records, generated from the models and shipped in the package."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

__all__ = [
    "FILE_KINDS",
    "SCHEMA_RESOURCE",
    "file_schema",
    "generate_schema",
    "render_schema",
    "shipped_schema",
]

SCHEMA_RESOURCE = "schema.json"

#: The data files that `file_schema` describes, by kind: (file name, record model).
FILE_KINDS: dict[str, tuple[str, str]] = {
    "compounds": ("compounds.json", "Compound"),
    "targets": ("targets.json", "Target"),
    "mechanisms": ("mechanisms.json", "MechanismClass"),
    "findings": ("findings.json", "Finding"),
    "indications": ("indications.json", "Indication"),
    "interventions": ("interventions.json", "Intervention"),
    "meta": ("meta.json", "DatasetMeta"),
}
_RECORD_MODELS = (
    "Compound",
    "Target",
    "MechanismClass",
    "Indication",
    "Intervention",
    "Finding",
    "Citation",
)


def generate_schema() -> dict[str, Any]:
    """Build the JSON Schema of every record model from the pydantic models."""
    from pydantic import BaseModel
    from pydantic.json_schema import models_json_schema

    import rapidad
    from rapidad.models import (
        Citation,
        Compound,
        Finding,
        Indication,
        Intervention,
        MechanismClass,
        Target,
    )
    from rapidad.store import DatasetMeta

    models: list[type[BaseModel]] = [
        Compound,
        Target,
        MechanismClass,
        Indication,
        Intervention,
        Finding,
        Citation,
        DatasetMeta,
    ]
    _, schema = models_json_schema(
        [(m, "validation") for m in models],
        title="rapidad knowledge base records",
        description=(
            "Records of the rapidad knowledge base. In the data files each of compounds.json, "
            "targets.json, mechanisms.json, indications.json, interventions.json and findings.json "
            "is an object "
            "mapping a record id to "
            "the record's other fields; references.bib holds the citations. "
            "`python -m rapidad schema KIND` prints the schema of one such file."
        ),
    )
    # At the top: one record of any kind, so that the document is a usable schema by itself.
    schema["anyOf"] = [{"$ref": f"#/$defs/{name}"} for name in _RECORD_MODELS]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://rapidad.invalid/schema/{rapidad.SCHEMA_VERSION}/records.json"
    schema["x-schema-version"] = rapidad.SCHEMA_VERSION
    return schema


def render_schema(schema: dict[str, Any]) -> str:
    """Serialise a schema the way it is shipped."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def shipped_schema() -> str:
    """Return the text of the JSON Schema shipped with the package."""
    return files("rapidad").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")


def file_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one data file as it is on disk, derived from the shipped schema.

    A record file is an object mapping each id to the record's other fields (the id is the key,
    never a field); ``meta`` is the one ``meta.json`` object.

    >>> schema = file_schema("compounds")
    >>> schema["type"], schema["additionalProperties"]
    ('object', {'$ref': '#/$defs/CompoundEntry'})

    Raises:
        KeyError: if *kind* is not one of `FILE_KINDS`.

    """
    try:
        file, model = FILE_KINDS[kind]
    except KeyError:
        raise KeyError(f"no data file kind {kind!r}; kinds: {', '.join(FILE_KINDS)}") from None
    records = json.loads(shipped_schema())
    defs: dict[str, Any] = records["$defs"]
    schema: dict[str, Any] = {
        "$schema": records["$schema"],
        "$id": records["$id"].replace("records.json", file),
        "title": f"rapidad {file}",
        "x-schema-version": records["x-schema-version"],
        "$defs": defs,
    }
    if model == "DatasetMeta":
        schema["description"] = "Facts about the dataset as a whole."
        schema["$ref"] = f"#/$defs/{model}"
        return schema
    record = defs[model]
    entry = {
        **record,
        "properties": {k: v for k, v in record["properties"].items() if k != "id"},
        "required": [k for k in record.get("required", []) if k != "id"],
    }
    defs[f"{model}Entry"] = entry
    schema["description"] = (
        f"An object mapping each record id to the {model} record's other fields."
    )
    schema["type"] = "object"
    schema["propertyNames"] = {"minLength": 1}
    schema["additionalProperties"] = {"$ref": f"#/$defs/{model}Entry"}
    return schema
