"""The BibTeX of every reference behind the GluN2B-selective NMDA receptor antagonists."""

from rapidad import agents, citations, mechanisms

group = mechanisms["GluN2B-selective NMDA receptor antagonist"]
members = agents.filter(mechanism=group.id)
keys = list(dict.fromkeys(key for agent in members for key in agent.all_citations))
keys += [key for key in group.citations if key not in keys]

print(
    f"% {len(keys)} references behind {len(members)} agents: {', '.join(a.name for a in members)}"
)
print(citations.to_bibtex(keys))
