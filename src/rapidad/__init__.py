"""rapidad: a curated, cited, validated knowledge base of rapid-acting antidepressants.

Importing rapidad reads no data; the bundled knowledge base loads on first use, once.

>>> from rapidad import agents, targets, mechanisms, indications, citations
>>> agents["Spravato"].id
'esketamine'
>>> targets["GRIN2B"].components[0].name
'GluN2B'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
#: Version of the data schema (semver): a major bump means a breaking change for downstream code.
SCHEMA_VERSION = "3.3.0"

__all__ = [
    "SCHEMA_VERSION",
    "DatasetError",
    "KnowledgeBase",
    "__version__",
    "agents",
    "citations",
    "findings",
    "indications",
    "interventions",
    "knowledge_base",
    "load",
    "mechanisms",
    "targets",
    "to_dataframes",
]

if TYPE_CHECKING:
    from rapidad.errors import DatasetError
    from rapidad.kb import KnowledgeBase, load
    from rapidad.query import (
        AgentCollection,
        CitationCollection,
        FindingCollection,
        IndicationCollection,
        InterventionCollection,
        MechanismCollection,
        TargetCollection,
    )

    agents: AgentCollection
    targets: TargetCollection
    mechanisms: MechanismCollection
    findings: FindingCollection
    indications: IndicationCollection
    interventions: InterventionCollection
    citations: CitationCollection

_COLLECTIONS = frozenset(
    {"agents", "targets", "mechanisms", "findings", "indications", "interventions", "citations"}
)


def knowledge_base() -> KnowledgeBase:
    """Return the bundled knowledge base (loaded on first call, then shared)."""
    from rapidad.kb import bundled

    return bundled()


def to_dataframes() -> dict[str, Any]:
    """The bundled knowledge base as tidy long tables: typed pandas DataFrames, by table name.

    One row per fact (`rapidad.tables` documents every table and column); needs pandas.

    >>> import rapidad
    >>> dev = rapidad.to_dataframes()["development"]
    >>> list(dev["stage"].cat.categories[:3])
    ['unknown', 'preclinical', 'early_phase_1']
    """
    return knowledge_base().to_dataframes()


def __getattr__(name: str) -> Any:
    # Everything heavier than this module is imported on first access, so `import rapidad` is cheap.
    if name in _COLLECTIONS:
        return getattr(knowledge_base(), name)
    if name == "DatasetError":
        from rapidad.errors import DatasetError

        return DatasetError
    if name in {"KnowledgeBase", "load"}:
        from rapidad import kb

        return getattr(kb, name)
    raise AttributeError(f"module 'rapidad' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
