"""A figure of the development and approval timeline by mechanism class, written to a PNG.

python examples/timeline_figure.py [OUTPUT.png]
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no screen needed
import matplotlib.pyplot as plt

from rapidad import agents, mechanisms

out = Path(sys.argv[1] if len(sys.argv) > 1 else "rapidad-timeline.png")


def row_of(agent):
    """The class an agent is shown under: the one below 'glutamatergic modulator', else a root."""
    for mid in agent.mechanisms:
        chain = [mechanisms[mid], *mechanisms.ancestors(mid)]
        root = chain[-1]
        if root.id == "glutamatergic-modulator" and len(chain) > 1:
            return chain[-2].name
        if root.id != "glutamatergic-modulator":
            return root.name
    return None


def year(date: str) -> float:
    parts = [int(p) for p in date.split("-")]
    return parts[0] + ((parts[1] - 1) / 12 if len(parts) > 1 else 0.5)


markers = {
    "approval": ("*", "tab:green"),
    "failed": ("x", "tab:red"),
    "discontinued": ("v", "tab:orange"),
    "withdrawn": ("v", "tab:purple"),
    "active": ("o", "tab:blue"),
}
fig, ax = plt.subplots(figsize=(11, 6))
rows = {}
labelled = []
for agent in agents:
    name = row_of(agent)
    if name is None:
        continue
    y = rows.setdefault(name, len(rows))
    for d in agent.development:
        marker, colour = markers.get(d.status.value, (".", "grey"))
        ax.scatter(year(d.date), y, marker=marker, color=colour, s=50, alpha=0.8)
    for i, a in enumerate(sorted(agent.approvals, key=lambda a: a.date)):
        marker, colour = (
            markers["approval"] if a.event.value != "withdrawal" else markers["withdrawn"]
        )
        ax.scatter(year(a.date), y, marker=marker, color=colour, s=140)
        if i == 0:  # name each approved agent once, at its first approval
            ax.annotate(
                agent.name.split(" (")[0],
                (year(a.date), y),
                textcoords="offset points",
                xytext=(-10, 8 + 8 * (len(labelled) % 3)),
                fontsize=7,
            )
            labelled.append(agent.id)
ax.set_yticks(list(rows.values()), list(rows.keys()), fontsize=8)
ax.set_xlabel("year")
ax.set_title("Rapid-acting antidepressants: development and regulatory events by mechanism class")
handles = [
    plt.Line2D([], [], marker=m, color=c, linestyle="", label=k) for k, (m, c) in markers.items()
]
ax.legend(handles=handles, loc="lower left", fontsize=8)
fig.tight_layout()
fig.savefig(out, dpi=120)
print(f"wrote {out} ({len(rows)} classes)")
