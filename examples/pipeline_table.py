"""A pandas table of the pipeline: every agent, its class, how far it got and where it stands."""

import pandas as pd

from rapidad import agents

rows = []
for agent in agents:
    latest = agent.latest
    rows.append(
        {
            "agent": agent.name,
            "mechanism": agent.mechanisms[0] if agent.mechanisms else None,
            "furthest_stage": agent.highest_stage.value,
            "approved": agent.approved,
            "latest_status": latest.status.value if latest else None,
            "latest_date": latest.date if latest else None,
            "sponsor": latest.sponsor if latest else None,
        }
    )
table = pd.DataFrame(rows).sort_values(
    ["approved", "furthest_stage", "agent"], ascending=[False, True, True]
)
pd.set_option("display.width", 160)
print(table.to_string(index=False))

print("\nAgents per furthest stage:")
print(table.groupby("furthest_stage")["agent"].count().to_string())

# The same records, flattened by the library itself:
frame = agents.filter(approved=True).to_dataframe()
print("\nApproved, as exported by to_dataframe():", ", ".join(frame["name"]))
