"""The bundled data is built without validation at run time; prove that changes nothing.

`rapidad.prevalidated.construct` must build, from canonical files, exactly what pydantic's
validators build: the same values of the same types, nested models included. These tests are
what licenses skipping validation for the bundled knowledge base.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel

from rapidad.canonical import write_dataset
from rapidad.frozen import FrozenMap
from rapidad.kb import bundled, bundled_data_path, load
from rapidad.models import Affinity, Citation, Compound, Synonym
from rapidad.prevalidated import construct
from rapidad.store import RawDataset, read_dataset_partial
from rapidad.testing import datasets
from rapidad.vocab import CitationKind


def assert_identical(built: Any, validated: Any, where: str = "") -> None:
    """Equal values of identical types all the way down (``1 == 1.0`` is not enough)."""
    assert type(built) is type(validated), f"{where}: {type(built)} != {type(validated)}"
    if isinstance(validated, BaseModel):
        assert built.model_fields_set == validated.model_fields_set, where
        assert built.__pydantic_extra__ == validated.__pydantic_extra__, where
        assert built.__pydantic_private__ == validated.__pydantic_private__, where
        assert list(vars(built)) == list(vars(validated)), f"{where}: field order"
        for name, value in vars(validated).items():
            assert_identical(getattr(built, name), value, f"{where}.{name}")
    elif isinstance(validated, tuple):
        assert len(built) == len(validated), where
        for i, (b, v) in enumerate(zip(built, validated, strict=True)):
            assert_identical(b, v, f"{where}[{i}]")
    elif isinstance(validated, (dict, FrozenMap)):
        assert list(built) == list(validated), where
        for key, value in validated.items():
            assert_identical(built[key], value, f"{where}[{key!r}]")
    else:
        assert built == validated, where


def assert_same_dataset(built: RawDataset, validated: RawDataset) -> None:
    for part in ("compounds", "targets", "mechanisms", "findings", "citations"):
        assert_identical(getattr(built, part), getattr(validated, part), part)
    assert_identical(built.meta, validated.meta, "meta")


def test_bundled_files_build_as_validation_would() -> None:
    validated, problems = read_dataset_partial(bundled_data_path())
    assert problems == []
    built, problems = read_dataset_partial(bundled_data_path(), prevalidated=True)
    assert problems == []
    assert built.prevalidated and not validated.prevalidated
    assert_same_dataset(built, validated)


def test_bundled_knowledge_base_equals_a_validated_load() -> None:
    kb, checked = bundled(), load(bundled_data_path())
    for part in ("agents", "targets", "mechanisms", "findings", "citations"):
        assert_identical(tuple(getattr(kb, part)), tuple(getattr(checked, part)), part)
    assert kb.as_of == checked.as_of


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_any_canonical_dataset_builds_as_validation_would(raw: RawDataset) -> None:
    with tempfile.TemporaryDirectory() as d:
        write_dataset(raw, d)
        validated, problems = read_dataset_partial(Path(d))
        assert problems == []
        built, problems = read_dataset_partial(Path(d), prevalidated=True)
        assert problems == []
    assert_same_dataset(built, validated)


def test_conversions_match_pydantic() -> None:
    affinity = {"measure": "Ki", "value": 2, "citations": ["a2020"]}
    assert_identical(construct(Affinity, affinity), Affinity.model_validate(affinity))
    entry = {
        "key": "a2020",
        "entry_type": "misc",
        "kind": "news",
        "title": "T",
        "publisher": "P",
        "agency": "FDA",
        "year": "2020",
        "date": "2020-01",
        "url": "u",
    }
    assert_identical(construct(Citation, entry), Citation.model_validate(entry))
    assert construct(Citation, entry).year == 2020
    assert construct(Citation, entry).kind is CitationKind.NEWS


def test_defaults_are_fresh_and_unset_fields_are_not_in_the_fields_set() -> None:
    first = construct(Compound, {"id": "x", "name": "X", "modality": None})
    second = construct(Compound, {"id": "y", "name": "Y", "modality": None})
    assert first.xrefs == {} and first.synonyms == ()
    assert first.model_fields_set == {"id", "name", "modality"}
    assert first.xrefs is not second.xrefs  # a default factory runs per instance


def test_construct_checks_nothing() -> None:
    # The price of speed, and why only test-validated data may take this path.
    synonym = construct(Synonym, {"name": "", "kind": "brand"})
    assert synonym.name == ""
    with pytest.raises(ValueError, match="not a kind"):
        construct(Synonym, {"name": "x", "kind": "not a kind"})  # enums still convert


def test_damaged_prevalidated_files_fall_back_to_validation_and_name_the_problem(
    data_copy: Path,
) -> None:
    # An installed copy could be damaged; it must still end in problems, never a stray exception.
    compounds = json.loads((data_copy / "compounds.json").read_text(encoding="utf-8"))
    compounds["ketamine"]["modality"] = "not a modality"
    compounds["esketamine"] = ["not", "a", "record"]
    (data_copy / "compounds.json").write_text(json.dumps(compounds), encoding="utf-8")
    (data_copy / "meta.json").write_text('["not", "an", "object"]', encoding="utf-8")
    bib = (data_copy / "references.bib").read_text(encoding="utf-8")
    (data_copy / "references.bib").write_text(bib + "\n@misc{broken2020,\n  year = {soon},\n}\n")
    built, problems = read_dataset_partial(data_copy, prevalidated=True)
    where = {(p.file, p.record, p.field) for p in problems}
    assert ("compounds.json", "ketamine", "modality") in where
    assert ("compounds.json", "esketamine", None) in where
    assert any(p.file == "meta.json" for p in problems)
    assert any(p.file == "references.bib" and p.record == "broken2020" for p in problems)
    assert "ketamine" not in built.compounds and "norketamine" in built.compounds


def test_canonical_bibtex_is_read_without_bibtexparser_and_anything_else_falls_back() -> None:
    import subprocess
    import sys

    from rapidad.store import _canonical_entries, parse_bibtex

    text = (bundled_data_path() / "references.bib").read_text(encoding="utf-8")
    assert _canonical_entries(text) is not None
    first = text[: text.index("\n}\n") + 3]
    for damaged in (
        "% a comment\n" + text,
        text + "\n" + first,  # a repeated key
        text.replace("},\n}", "}\n}", 1),  # a last field without its comma
        text.replace("  title = {", "  title = {A\n", 1),  # a value over two lines
    ):
        assert _canonical_entries(damaged) is None
    built, problems = parse_bibtex("% a comment\n" + text, prevalidated=True)
    assert problems == []
    assert_identical(built, parse_bibtex(text)[0], "citations")
    code = (
        "import sys, rapidad; rapidad.citations['zarate2022glutamate']; "
        "print('bibtexparser' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
