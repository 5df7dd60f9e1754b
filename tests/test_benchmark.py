"""The benchmark script works (its numbers are measured by running it, never by a test)."""

from __future__ import annotations

import sys
from pathlib import Path

import rapidad

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench


def test_synthetic_dataset_is_valid_and_deterministic(tmp_path: Path) -> None:
    bench.build(tmp_path / "a", 30)
    bench.build(tmp_path / "b", 30)
    for name in ("compounds.json", "references.bib"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    kb = rapidad.load(tmp_path / "a")
    assert len(kb.agents) == 30
    assert kb.agents["AGENTUMAB-7"].id == "agent-7"


def test_measure_load_reports_every_key() -> None:
    result = bench.measure_load(40, repeat=1)
    for key in ("load_s", "pydantic_floor_s", "json_floor_s", "get_us", "filter_ms", "peak_mem_mb"):
        assert result[key] > 0, key
