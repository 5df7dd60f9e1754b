"""A downstream package validating its own records against rapidad's schema.

A lab keeps its in-house compounds in rapidad's layout, layered over the bundled knowledge base:
its records may refer to rapidad's classes, targets and references, and every problem is reported
at once, with file, record and field, before anything is used.
"""

import json
import tempfile
from pathlib import Path

import rapidad

records = {
    "lab-compound-1": {
        "name": "LAB-001",
        "modality": "small_molecule",
        "mechanisms": ["glun2b-antagonist"],
        "targets": [
            {
                "target": "glun1-glun2b-receptor",
                "action": "negative_allosteric_modulator",
                "citations": ["lab2026notebook"],
            }
        ],
        "citations": ["lab2026notebook"],
    },
    "lab-compound-2": {
        "name": "LAB-002",
        "modality": "small_molecule",
        "mechanisms": ["no-such-class"],  # a mistake the check must catch
        "citations": ["lab2026notebook"],
    },
    "lab-compound-3": {
        "name": "LAB-003",
        "modality": "small_molecule",
        "xrefs": {"cas": "50-00-1"},  # and a wrong CAS check digit
        "citations": ["lab2026notebok"],  # and a misspelt citation key
    },
}
bib = (
    "@misc{lab2026notebook,\n  kind = {dataset},\n  title = {Lab notebook 12},\n"
    "  publisher = {Our lab},\n  identifier = {notebook 12},\n  date = {2026-01},\n}\n"
)

with tempfile.TemporaryDirectory() as folder:
    root = Path(folder)
    (root / "compounds.json").write_text(json.dumps(records))
    (root / "references.bib").write_text(bib)
    try:
        rapidad.load(root, layer=True)
    except rapidad.DatasetError as err:
        print(f"rejected, {len(err.problems)} problems:")
        for problem in err.problems:
            print(f"  {problem}")

    # Fix the mistakes and load again: the lab's records now sit beside rapidad's.
    records["lab-compound-2"]["mechanisms"] = ["mglu5-nam"]
    records["lab-compound-3"]["xrefs"] = {"cas": "50-00-0"}
    records["lab-compound-3"]["citations"] = ["lab2026notebook"]
    (root / "compounds.json").write_text(json.dumps(records))
    kb = rapidad.load(root, layer=True)
    print("\naccepted:", kb)
    print("GluN2B antagonists now:", ", ".join(kb.agents.filter(mechanism="glun2b-antagonist").ids))
    print("and the bundled knowledge base is unchanged:", "lab-compound-1" not in rapidad.agents)
