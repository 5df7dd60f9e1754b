from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rapidad.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_reads_well(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "Spravato")
    assert code == 0
    assert out.startswith("Esketamine  [esketamine]")
    assert "FDA approval" in out
    assert "YQEZLKZALYSWHR-ZDUSSCGKSA-N" in out


def test_show_reference_lines_have_one_full_stop_after_the_label(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "show", "decoglurant")
    assert code == 0
    assert "[drugbank2026vocabulary] DrugBank (2026). DrugBank open data" in out
    assert ".. " not in out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "esketamine", "--json")
    assert code == 0
    assert json.loads(out)["id"] == "esketamine"


def test_unknown_agent_is_one_clean_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "esketamin")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: no record 'esketamin'; did you mean 'esketamine'")


def test_list_with_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--mechanism", "glun2b-antagonist")
    assert code == 0
    assert "traxoprodil" in out and "esketamine" not in out
    code, out, _ = run(capsys, "list", "--approved", "--json")
    assert {r["id"] for r in json.loads(out)} >= {"esketamine", "zuranolone"}


def test_list_bad_filter(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "--stage", "phase_9")
    assert code == 2
    assert "phase_9" in err


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "glutam")
    assert code == 0
    assert "mechanism" in out
    code, out, _ = run(capsys, "search", "zzzzzz")
    assert code == 1


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert "Compound" in json.loads(out)["$defs"]


def test_validate(capsys: pytest.CaptureFixture[str], data_copy: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(data_copy))
    assert code == 0 and out.startswith("ok:")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "compounds.json").write_text('{"x": {"name": "X"}}')
    code, out, _ = run(capsys, "validate", str(broken))
    assert code == 1
    assert "compounds.json: x: modality: Field required" in out
    code, out, _ = run(capsys, "validate", str(broken), "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert report["problems"][0] == {
        "file": "compounds.json",
        "record": "x",
        "field": "modality",
        "message": "Field required",
    }


def test_format_check(capsys: pytest.CaptureFixture[str], data_copy: Path) -> None:
    code, out, _ = run(capsys, "format", str(data_copy), "--check")
    assert code == 0, out
    (data_copy / "meta.json").write_text('{"as_of":"2026-01-01"}')
    code, out, _ = run(capsys, "format", str(data_copy), "--check")
    assert code == 1 and "meta.json" in out


@pytest.mark.parametrize("fmt", ["json", "bibtex"])
def test_export_text_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "export", "--format", fmt)
    assert code == 0
    assert len(out) > 1000


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "datapackage"])
def test_table_formats_need_a_directory(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, err = run(capsys, "export", "--format", fmt)
    assert code == 2 and out == ""
    assert "-o DIR" in err


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rapidad", "show", "nope-nope"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_json_export_loads_back_equal(capsys: pytest.CaptureFixture[str]) -> None:
    from rapidad.export import from_json_document
    from rapidad.kb import bundled

    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0
    again = from_json_document(json.loads(out))
    kb = bundled()
    for kind in ("agents", "targets", "mechanisms", "findings", "citations"):
        assert list(getattr(again, kind)) == list(getattr(kb, kind)), kind
    assert again.as_of == kb.as_of


def test_json_export_file_loads_with_rapidad_load(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from rapidad.kb import bundled, load

    path = tmp_path / "rapidad.json"
    assert run(capsys, "export", "--format", "json", "-o", str(path))[0] == 0
    again = load(path)
    kb = bundled()
    for kind in ("agents", "targets", "mechanisms", "indications", "interventions", "findings"):
        assert list(getattr(again, kind)) == list(getattr(kb, kind)), kind
    assert list(again.citations) == list(kb.citations)
    assert again.meta == kb.meta


def test_csv_export_writes_a_table_per_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv

    from rapidad.kb import bundled
    from rapidad.tables import TABLES

    code, out, _ = run(capsys, "export", "--format", "csv", "-o", str(tmp_path))
    assert code == 0 and f"wrote {len(TABLES)} files" in out
    assert sorted(p.stem for p in tmp_path.iterdir()) == sorted(TABLES)
    with (tmp_path / "agents.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == list(bundled().agents.ids)
    assert next(r for r in rows if r["id"] == "esketamine")["approved"] == "true"
    with (tmp_path / "xrefs.csv").open(encoding="utf-8") as fh:
        cids = {
            r["record_id"]: r["local"]
            for r in csv.DictReader(fh)
            if r["prefix"] == "pubchem.compound"
        }
    assert cids["ketamine"] == "3821"
