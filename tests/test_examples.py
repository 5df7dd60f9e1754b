"""Every example runs offline, in seconds, and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

EXPECTED = {
    "quickstart.py": ["Esketamine: C13H16ClNO", "@article{zarate2022glutamate,"],
    "nmda_antagonists_compared.py": ["Lanicemine", "failed", "possible reason"],
    "glun2b_bibliography.py": ["references behind 7 agents", "@article{preskorn2008innovative,"],
    "pipeline_table.py": ["Esketamine", "Agents per furthest stage", "to_dataframe()"],
    "downstream_validation.py": [
        "rejected, 3 problems",
        "unknown mechanism class 'no-such-class'",
        "check digit",
        "unknown citation key 'lab2026notebok'",
        "unchanged: True",
    ],
    "timeline_figure.py": ["wrote"],
    "analyst_tables.py": [
        "Failed programmes:",
        "lanicemine",
        "Approvals since 2018:",
        "Agents by target:",
        "wrote a data package of 20 tables",
    ],
    "depression_fates.py": [
        "Furthest stage in depressive disorder",
        "Brexanolone                              withdrawal withdrawn",
        "Ketamine                                 phase_3",
    ],
}


def test_every_example_is_tested() -> None:
    assert {p.name for p in EXAMPLES.glob("*.py")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs(name: str, tmp_path: Path) -> None:
    args = [sys.executable, str(EXAMPLES / name)]
    if name == "timeline_figure.py":
        args.append(str(tmp_path / "timeline.png"))
    if name == "analyst_tables.py":
        args.append(str(tmp_path / "package"))
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for text in EXPECTED[name]:
        assert text in result.stdout, f"{name} did not print {text!r}"
    if name == "analyst_tables.py":
        assert (tmp_path / "package" / "datapackage.json").is_file()
    if name == "timeline_figure.py":
        png = (tmp_path / "timeline.png").read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000
