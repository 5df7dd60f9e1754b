"""The three tables analysts ask for first, from the long tables, and a saved data package."""

import sys
import tempfile
from pathlib import Path

import pandas as pd

import rapidad
from rapidad.export import write_tables

t = rapidad.to_dataframes()
dev, reg, acts = t["development"], t["regulatory_events"], t["interactions"]
pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 40)

# 1. Every failed programme, with its date and why it ended.
failed = dev[dev.status == "failed"].sort_values("date")
print("Failed programmes:")
print(
    failed[["agent", "indication", "stage", "date", "date_precision", "end_reason"]].to_string(
        index=False
    )
)

# 2. Every approval since 2018, by agency.
approvals = reg[reg.event.isin(["approval", "supplemental_approval"]) & (reg.date >= "2018")]
print("\nApprovals since 2018:")
print(
    approvals[["date", "agency", "agent", "indication", "brand"]]
    .sort_values("date")
    .to_string(index=False)
)

# 3. Agents by target.
by_target = acts.groupby("target", observed=True)["agent"].agg(", ".join)
print("\nAgents by target:")
print(by_target.to_string())

# A Frictionless data package: the CSV tables and a datapackage.json describing them.
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
files = write_tables(rapidad.knowledge_base(), "datapackage", out)
print(f"\nwrote a data package of {len(files) - 1} tables to {out}")
