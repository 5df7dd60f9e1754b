"""Benchmark rapidad against the floors every user pays, in one run on one machine.

    python benchmarks/bench.py --records 10000

It builds a synthetic, valid knowledge base of N compounds in the bundled layout (deterministic),
then measures, as medians:

- ``load_s``: files -> validated, cross-checked, indexed knowledge base (``rapidad.load``);
- ``pydantic_floor_s``: pydantic's own validation of the same bytes (one ``TypeAdapter`` per file,
  ``validate_json``), the least any validating loader can cost;
- ``json_floor_s``: parsing the same bytes with ``json.loads`` and nothing else;
- ``get_us``: a warm lookup by synonym; ``filter_ms``: a typical filter (mechanism + approved);
- ``peak_mem_mb``: peak traced memory of one load;
- cold process timings (interpreter start included) of ``import rapidad``, the first agent lookup
  and the first citation lookup on the bundled data, against a cold ``from pydantic import
  BaseModel``, with their ratios.

The last line printed is one JSON object with all of these keys.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

MECHANISMS = {
    "glutamatergic-modulator": {"name": "Glutamatergic modulator"},
    "nmda-receptor-antagonist": {
        "name": "NMDA receptor antagonist",
        "parent": "glutamatergic-modulator",
    },
    "nmda-channel-blocker": {
        "name": "NMDA receptor channel blocker",
        "parent": "nmda-receptor-antagonist",
    },
    "mglu5-nam": {
        "name": "mGlu5 negative allosteric modulator",
        "parent": "glutamatergic-modulator",
    },
}
TARGETS = {
    "nmda-receptor": {
        "name": "NMDA receptor",
        "kind": "complex",
        "components": [
            {"gene": "GRIN1", "uniprot": "Q05586"},
            {"gene": "GRIN2B", "uniprot": "Q13224"},
        ],
    },
    "grin2b": {
        "name": "GluN2B",
        "kind": "protein",
        "components": [{"gene": "GRIN2B", "uniprot": "Q13224"}],
    },
    "mglu5": {
        "name": "mGlu5",
        "kind": "protein",
        "components": [{"gene": "GRM5", "uniprot": "P41594"}],
    },
}
INDICATIONS = {
    "depressive-disorder": {"name": "Depressive disorder", "xrefs": {"mondo": "0002050"}},
    "major-depressive-disorder": {
        "name": "Major depressive disorder",
        "abbreviations": ["MDD"],
        "parents": ["depressive-disorder"],
    },
    "treatment-resistant-depression": {
        "name": "Treatment-resistant depression",
        "abbreviations": ["TRD"],
        "parents": ["major-depressive-disorder"],
    },
}
N_REFS = 50


def cas(body: int) -> str:
    digits = str(body)
    check = sum(int(d) * w for w, d in enumerate(reversed(digits), start=1)) % 10
    return f"{digits[:-2]}-{digits[-2:]}-{check}"


def compound(i: int) -> dict[str, Any]:
    ref = [f"ref{i % N_REFS}"]
    mech = list(MECHANISMS)[i % len(MECHANISMS)]
    return {
        "name": f"Agent {i}",
        "modality": "small_molecule",
        "stereo": "single_stereoisomer",
        "synonyms": [
            {"name": f"AG-{i}", "kind": "code"},
            {"name": f"Brand{i}", "kind": "brand"},
            {"name": f"agentumab {i}", "kind": "inn"},
        ],
        "xrefs": {
            "pubchem.compound": str(i + 1),
            "chembl.compound": f"CHEMBL{i + 1}",
            "cas": cas(10000 + i),
        },
        "mechanisms": [mech],
        "targets": [
            {
                "target": "nmda-receptor",
                "action": "channel_blocker",
                "qualifiers": ["trapping"],
                "citations": ref,
            },
            {
                "target": "grin2b",
                "action": "negative_allosteric_modulator",
                "affinities": [
                    {
                        "measure": "Ki",
                        "value": 1.5 + i % 7,
                        "unit": "uM",
                        "species": "human",
                        "citations": ref,
                    }
                ],
                "citations": ref,
            },
        ],
        "development": [
            {
                "indication": "treatment-resistant-depression",
                "stage": "phase_2",
                "status": ["active", "failed", "discontinued"][i % 3],
                **({"end_reason": "lack_of_efficacy"} if i % 3 else {}),
                "date": f"{2000 + i % 25}-0{1 + i % 9}-1{i % 9}",
                "date_kind": "announcement",
                "trials": [f"NCT{i:08d}"],
                "citations": ref,
            }
        ],
        "regulatory_events": [
            {
                "agency": "FDA",
                "date": "2019-03-05",
                "indication": "major-depressive-disorder",
                "citations": ref,
            }
        ]
        if i % 10 == 0
        else [],
        "citations": ref,
    }


def build(root: Path, n: int) -> None:
    """Write a synthetic knowledge base of *n* compounds to *root* (deterministic)."""
    from rapidad.canonical import dump_json

    root.mkdir(parents=True, exist_ok=True)
    (root / "compounds.json").write_text(dump_json({f"agent-{i}": compound(i) for i in range(n)}))
    (root / "targets.json").write_text(dump_json(TARGETS))
    (root / "mechanisms.json").write_text(dump_json(MECHANISMS))
    (root / "findings.json").write_text(dump_json({}))
    (root / "indications.json").write_text(dump_json(INDICATIONS))
    (root / "meta.json").write_text(dump_json({"as_of": "2026-11-27"}))
    bib = "\n\n".join(
        f"@article{{ref{k},\n  kind = {{article}},\n  title = {{Synthetic reference {k}}},\n  year = {{2020}},\n  doi = {{10.1000/ref{k}}},\n}}"
        for k in range(N_REFS)
    )
    (root / "references.bib").write_text(bib + "\n")


def median_time(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        # Start each run from the same clean heap: the previous run's result is cyclic garbage
        # (a knowledge base and its collections refer to each other), and collecting it is no
        # part of what is measured. Left alone, 1.3 GB of it skewed the 100,000-record runs.
        gc.collect()
        start = time.perf_counter()
        kept = fn()  # keep the result: freeing it is not part of what is measured
        times.append(time.perf_counter() - start)
        del kept
    return statistics.median(times)


def floors(root: Path) -> tuple[float, float]:
    """Return (pydantic floor, json floor) for the record files in *root*."""
    from pydantic import TypeAdapter

    from rapidad.models import Compound, Finding, MechanismClass, Target

    # The same models, but with the id optional: in the files the id is the key, not a field.
    class CompoundRecord(Compound):
        id: str | None = None  # type: ignore[assignment]

    class TargetRecord(Target):
        id: str | None = None  # type: ignore[assignment]

    class MechanismRecord(MechanismClass):
        id: str | None = None  # type: ignore[assignment]

    class FindingRecord(Finding):
        id: str | None = None  # type: ignore[assignment]

    files = {
        "compounds.json": CompoundRecord,
        "targets.json": TargetRecord,
        "mechanisms.json": MechanismRecord,
        "findings.json": FindingRecord,
    }
    data = {name: (root / name).read_bytes() for name in files}
    adapters = {name: TypeAdapter(dict[str, model]) for name, model in files.items()}  # type: ignore[valid-type]
    for name, adapter in adapters.items():
        adapter.validate_json(data[name])  # build and warm
    pyd = median_time(lambda: [adapters[n].validate_json(data[n]) for n in files], 5)
    js = median_time(lambda: [json.loads(data[n]) for n in files], 5)
    return pyd, js


def cold(code: str, repeat: int) -> float:
    """Median wall time of a fresh interpreter running *code* (start-up included).

    Each child may write bytecode, and one untimed run goes first: an installed package has its
    ``.pyc`` files (pip compiles them, as it did pydantic's), so a shell that sets
    ``PYTHONDONTWRITEBYTECODE`` must not make every timed run recompile rapidad's modules.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_load(n: int, repeat: int) -> dict[str, Any]:
    """Measure loading, the floors, lookups, filters and memory on a synthetic dataset of *n*."""
    import rapidad

    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as d:
        root = Path(d) / "kb"
        build(root, n)
        result["bytes"] = sum(p.stat().st_size for p in root.iterdir())
        rapidad.load(root)  # warm the validators, as a long-running process would be
        result["load_s"] = median_time(lambda: rapidad.load(root), repeat)
        result["pydantic_floor_s"], result["json_floor_s"] = floors(root)
        tracemalloc.start()
        kb = rapidad.load(root)
        result["peak_mem_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
        lookups = 20000
        # A synonym spelled differently from the file, so the lookup has to normalise it.
        start = time.perf_counter()
        for _ in range(lookups):
            kb.agents.get("AGENTUMAB-7")
        result["get_us"] = (time.perf_counter() - start) / lookups * 1e6
        start = time.perf_counter()
        for _ in range(lookups):
            kb.agents.get("Brand7")
        result["get_exact_us"] = (time.perf_counter() - start) / lookups * 1e6
        start = time.perf_counter()
        for _ in range(10):
            kb.agents.filter(mechanism="NMDA receptor antagonist", approved=True)
        result["filter_ms"] = (time.perf_counter() - start) / 10 * 1e3
    result["load_per_record_us"] = result["load_s"] / n * 1e6
    result["load_vs_pydantic"] = result["load_s"] / result["pydantic_floor_s"]
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records",
        type=int,
        nargs="+",
        default=[10000],
        help="synthetic compounds to load; give two sizes (e.g. 10000 100000) to measure scaling",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument(
        "--cold-repeat", type=int, default=11, help="fresh processes per cold timing"
    )
    args = parser.parse_args(argv)

    from rapidad.kb import bundled

    result: dict[str, Any] = {"records": args.records[0], "python": sys.version.split()[0]}
    result.update(measure_load(args.records[0], args.repeat))
    for n in args.records[1:]:
        other = measure_load(n, max(3, args.repeat // 2))
        result[f"load_s_{n}"] = other["load_s"]
        result[f"load_vs_pydantic_{n}"] = other["load_vs_pydantic"]
        result[f"peak_mem_mb_{n}"] = other["peak_mem_mb"]
        result[f"scaling_{n}_vs_{args.records[0]}"] = other["load_s"] / result["load_s"]

    bundled()
    r = args.cold_repeat
    result["cold_floor_s"] = cold("from pydantic import BaseModel", r)
    result["cold_import_s"] = cold("import rapidad", r)
    result["cold_first_agent_s"] = cold("from rapidad import agents; agents['ketamine']", r)
    result["cold_first_citation_s"] = cold(
        "from rapidad import citations; citations['zarate2022glutamate']", r
    )
    for key in ("import", "first_agent", "first_citation"):
        result[f"{key}_vs_floor"] = result[f"cold_{key}_s"] / result["cold_floor_s"]
    result = {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}
    for key, value in result.items():
        print(f"{key:>28}: {value}")
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
