"""The NMDA receptor antagonists compared: how far each got, what became of it, how fast it acts.

The review's point is that ketamine's rapid, sustained effect has proved hard to reproduce with
other NMDA receptor antagonists; this table shows the record behind that statement.
"""

from rapidad import agents, findings, mechanisms

antagonists = agents.filter(mechanism="nmda-receptor-antagonist")
rows = []
for agent in antagonists:
    latest = agent.latest
    effect = agent.antidepressant_effect
    classes = ", ".join(
        mechanisms[m].name for m in agent.mechanisms if m.startswith(("nmda", "glun2b"))
    )
    rows.append(
        (
            agent.name,
            classes or "-",
            agent.highest_stage.value,
            f"{latest.status.value} {latest.date}" if latest else "-",
            (effect.onset or "-")[:50] if effect else "-",
        )
    )

headers = ("agent", "class", "furthest stage", "latest status", "onset")
widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
for row in [headers, tuple("-" * w for w in widths), *rows]:
    print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())

print()
claim = findings["other-nmda-antagonists-lack-ketamine-profile"]
print(f"Finding ({claim.evidence.value}): {claim.statement}")
for reason in (
    "explanation-subunit-selectivity",
    "explanation-combined-mechanisms",
    "explanation-untranslatable-models",
):
    print(f"  - possible reason ({findings[reason].evidence.value}): {findings[reason].statement}")
