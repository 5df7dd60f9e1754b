"""Every agent's furthest stage in depression (and what is narrower), and what became of it."""

from rapidad import agents, indications

depression = indications["depressive disorder"]
rows = []
for agent_id, p in agents.progress(depression.id).items():
    agent = agents[agent_id]
    where = sorted(
        {indications[r.indication].name for r in p.development}
        | {indications[e.indication].name for e in p.regulatory_events}
    )
    rows.append(
        (
            -p.stage.rank,
            agent.name,
            p.stage.value,
            p.status.value + (f" ({p.end_reason.value})" if p.end_reason else ""),
            p.date,
            "; ".join(where),
        )
    )

print(f"Furthest stage in {depression.name.lower()} and its fate\n")
print(f"{'agent':<40} {'stage':<10} {'status':<34} {'as of':<10}  indications")
for _, name, stage, status, date, where in sorted(rows):
    print(f"{name:<40} {stage:<10} {status:<34} {date:<10}  {where}")
