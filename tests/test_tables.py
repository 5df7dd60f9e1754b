"""The long tables, their exports and the data package: columns, types, keys and round trips."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import rapidad
from rapidad.export import datapackage_descriptor, to_json_document, write_tables
from rapidad.kb import KnowledgeBase, bundled
from rapidad.store import RawDataset
from rapidad.tables import DATE_PRECISIONS, STAGE_ORDER, TABLES, table_rows, to_dataframes
from rapidad.testing import datasets
from rapidad.vocab import ClinicalStage

_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "datetime64",
}


def assert_typed(tables: dict[str, pd.DataFrame]) -> None:
    """Every table has its documented columns, in order, with the documented types."""
    assert list(tables) == list(TABLES)
    for name, df in tables.items():
        spec = TABLES[name]
        assert tuple(df.columns) == spec.column_names, name
        for col in spec.columns:
            dtype = df[col.name].dtype
            where = f"{name}.{col.name}"
            if col.values:
                assert isinstance(dtype, pd.CategoricalDtype), where
                assert tuple(dtype.categories) == col.values, where
                assert dtype.ordered is (col.type == "stage"), where
            else:
                assert str(dtype).startswith(_DTYPES[col.type]), (where, dtype)
            if col.required:
                assert not df[col.name].isna().any(), where
        if spec.primary_key:
            assert not df.duplicated(list(spec.primary_key)).any(), name


def assert_keys_resolve(tables: dict[str, pd.DataFrame]) -> None:
    for name, spec in TABLES.items():
        for fields, ref, ref_fields in spec.foreign_keys:
            values = tables[name][list(fields)].dropna()
            known = set(map(tuple, tables[ref][list(ref_fields)].to_numpy().tolist()))
            missing = set(map(tuple, values.to_numpy().tolist())) - known
            assert not missing, (name, fields, missing)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return rapidad.to_dataframes()


def test_bundled_tables_have_their_documented_columns_and_types(
    tables: dict[str, pd.DataFrame],
) -> None:
    assert_typed(tables)
    assert_keys_resolve(tables)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_generated_tables_have_their_documented_columns_and_types(raw: RawDataset) -> None:
    kb = KnowledgeBase(raw)
    tables = to_dataframes(kb)
    assert_typed(tables)
    assert_keys_resolve(tables)
    assert len(tables["agents"]) == len(kb.agents)
    assert len(tables["development"]) == sum(len(c.development) for c in kb.agents)


def test_stages_sort_in_clinical_order(tables: dict[str, pd.DataFrame]) -> None:
    ranks = [ClinicalStage(s).rank for s in STAGE_ORDER]
    assert ranks == sorted(ranks)
    stages = tables["development"]["stage"].sort_values()
    assert [ClinicalStage(s).rank for s in stages] == sorted(ClinicalStage(s).rank for s in stages)
    assert tables["development"]["stage"].max() == "phase_3"


def test_partial_dates_are_real_dates_with_their_precision(
    tables: dict[str, pd.DataFrame],
) -> None:
    kb = bundled()
    written = [d.date for c in kb.agents for d in c.development]
    dev = tables["development"]
    assert dev["date"].notna().all()
    for date, (when, precision) in zip(
        written, dev[["date", "date_precision"]].itertuples(index=False), strict=True
    ):
        assert precision == DATE_PRECISIONS[date.count("-")]
        shown = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[precision]
        assert when.strftime(shown) == date
    assert {"year", "month", "day"} <= set(dev["date_precision"])


def test_identifiers_stay_text(tables: dict[str, pd.DataFrame]) -> None:
    xrefs = tables["xrefs"].set_index(["record_id", "prefix"])["local"]
    assert xrefs[("ketamine", "pubchem.compound")] == "3821"
    assert tables["citations"]["pmid"].dtype == "string"


@pytest.mark.parametrize(
    ("collection", "table"),
    [
        ("agents", "agents"),
        ("targets", "targets"),
        ("mechanisms", "mechanisms"),
        ("indications", "indications"),
        ("interventions", "interventions"),
        ("findings", "findings"),
        ("citations", "citations"),
    ],
)
def test_collection_to_dataframe_is_its_long_table(
    tables: dict[str, pd.DataFrame], collection: str, table: str
) -> None:
    pd.testing.assert_frame_equal(getattr(rapidad, collection).to_dataframe(), tables[table])


def test_a_filtered_collection_gives_its_own_rows(tables: dict[str, pd.DataFrame]) -> None:
    approved = rapidad.agents.filter(approved=True)
    frame = approved.to_dataframe()
    assert list(frame["id"]) == list(approved.ids)
    events = approved.to_dataframes()["regulatory_events"]
    whole = tables["regulatory_events"]
    expected = whole[whole["agent"].isin(approved.ids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(events, expected)


def test_the_analysts_first_three_tables_are_one_line_each(
    tables: dict[str, pd.DataFrame],
) -> None:
    dev, reg = tables["development"], tables["regulatory_events"]
    failed = dev[dev.status == "failed"].sort_values("date")
    assert {"lanicemine", "rislenemdaz"} <= set(failed.agent)
    approvals = reg[reg.event.isin(["approval", "supplemental_approval"]) & (reg.date >= "2018")]
    assert {"esketamine", "brexanolone", "zuranolone"} <= set(approvals.agent)
    by_target = tables["interactions"].groupby("target", observed=True)["agent"].agg(sorted)
    assert "eliprodil" in by_target["glun1-glun2b-receptor"]


def _rows_as_text(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        return str(v)

    return [{k: cell(v) for k, v in row.items()} for row in rows]


def test_csv_tables_round_trip(tmp_path: Path) -> None:
    kb = bundled()
    write_tables(kb, "csv", tmp_path)
    for name, rows in table_rows(kb).items():
        df = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(df.columns) == list(TABLES[name].column_names)
        assert df.to_dict("records") == _rows_as_text(rows), name


def test_jsonl_tables_round_trip(tmp_path: Path) -> None:
    kb = bundled()
    write_tables(kb, "jsonl", tmp_path)
    for name, rows in table_rows(kb).items():
        path = tmp_path / f"{name}.jsonl"
        assert [json.loads(line) for line in path.read_text("utf-8").splitlines()] == rows
        if rows:
            df = pd.read_json(path, lines=True, dtype=False)
            assert len(df) == len(rows) and list(df.columns) == list(rows[0]), name


def test_json_export_reads_back_with_load_and_its_tables_with_pandas(tmp_path: Path) -> None:
    kb = bundled()
    path = tmp_path / "rapidad.json"
    path.write_text(json.dumps(to_json_document(kb)), "utf-8")
    again = rapidad.load(path)
    assert list(again.agents) == list(kb.agents)
    doc = json.loads(path.read_text("utf-8"))
    for kind in ("agents", "targets", "mechanisms", "indications", "interventions", "findings"):
        df = pd.read_json(io.StringIO(json.dumps(doc[kind])), orient="records", dtype=False)
        assert list(df["id"]) == list(getattr(kb, kind).ids), kind


def test_a_file_that_is_not_an_export_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "compounds.json"
    path.write_text("{}", "utf-8")
    with pytest.raises(rapidad.DatasetError) as err:
        rapidad.load(path)
    assert len(err.value.problems) == 1
    assert "not a rapidad JSON export" in err.value.problems[0].message


def test_datapackage_describes_every_table(tmp_path: Path) -> None:
    kb = bundled()
    descriptor = datapackage_descriptor(kb)
    assert descriptor["licenses"] == [{"name": "CC-BY-4.0"}]
    assert descriptor["version"] == rapidad.__version__
    assert descriptor["rapidad"] == {"schema_version": rapidad.SCHEMA_VERSION, "as_of": kb.as_of}
    names = [r["name"] for r in descriptor["resources"]]
    assert names == list(TABLES)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_a_package_claims_no_licence_its_dataset_does_not_state(raw: RawDataset) -> None:
    assert raw.meta is not None and raw.meta.data_license is None
    assert "licenses" not in datapackage_descriptor(KnowledgeBase(raw))


def _validate_package(directory: Path) -> Any:
    frictionless = pytest.importorskip("frictionless")
    return frictionless.validate(str(directory / "datapackage.json"))


def test_bundled_datapackage_validates_with_frictionless(tmp_path: Path) -> None:
    write_tables(bundled(), "datapackage", tmp_path)
    report = _validate_package(tmp_path)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:10]


def test_frictionless_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    write_tables(bundled(), "datapackage", tmp_path)
    dev = tmp_path / "development.csv"
    lines = dev.read_text("utf-8").splitlines()
    lines[1] = "no-such-agent" + lines[1][lines[1].index(",") :]
    dev.write_text("\n".join(lines) + "\n", "utf-8")
    report = _validate_package(tmp_path)
    assert not report.valid
    assert "foreign-key" in {e.type for task in report.tasks for e in task.errors}


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_generated_datapackages_validate(raw: RawDataset) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        write_tables(KnowledgeBase(raw), "datapackage", d)
        report = _validate_package(Path(d))
        assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])
