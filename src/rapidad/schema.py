"""The JSON Schema of rapidad's records, generated from the models and shipped in the package."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

__all__ = ["SCHEMA_RESOURCE", "generate_schema", "render_schema", "shipped_schema"]

SCHEMA_RESOURCE = "schema.json"


def generate_schema() -> dict[str, Any]:
    """Build the JSON Schema of every record model from the pydantic models."""
    from pydantic import BaseModel
    from pydantic.json_schema import models_json_schema

    import rapidad
    from rapidad.models import Citation, Compound, Finding, Indication, MechanismClass, Target
    from rapidad.store import DatasetMeta

    models: list[type[BaseModel]] = [
        Compound,
        Target,
        MechanismClass,
        Indication,
        Finding,
        Citation,
        DatasetMeta,
    ]
    _, schema = models_json_schema(
        [(m, "validation") for m in models],
        title="rapidad knowledge base records",
        description=(
            "Records of the rapidad knowledge base. In the data files each of compounds.json, "
            "targets.json, mechanisms.json, indications.json and findings.json is an object "
            "mapping a record id to "
            "the record's other fields; references.bib holds the citations."
        ),
    )
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
