"""Quickstart: look agents up by any name, filter them, and print where each stands."""

from rapidad import agents, citations

esketamine = agents["(S)-ketamine"]
print(f"{esketamine.name}: {esketamine.formula}, InChIKey {esketamine.inchikey}")
for approval in esketamine.approvals:
    print(
        f"  {approval.date}  {approval.agency.value} {approval.event.value}: {approval.indication}"
    )

print("\nNMDA receptor antagonists and where they stand:")
for agent in agents.filter(mechanism="NMDA receptor antagonist"):
    latest = agent.latest
    status = f"{latest.status.value} ({latest.date})" if latest else "no clinical record"
    print(f"  {agent.name:<22} {agent.highest_stage.value:<12} {status}")

print("\nThe review behind the scope:")
print(citations.to_bibtex(["zarate2022glutamate"]))
