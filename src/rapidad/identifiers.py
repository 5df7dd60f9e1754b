"""Identifier patterns, check digits, CURIE parsing and name normalisation.

Cross-reference prefixes follow the Bioregistry (https://bioregistry.io): a compound's ``xrefs``
is a mapping from one of `XREF_PATTERNS`' prefixes to the local identifier, and a CURIE is
``prefix:local``.

>>> cas_is_valid("6740-88-1")
True
>>> parse_curie("PubChem.Compound:3821")
('pubchem.compound', '3821')
>>> normalise_name("(S)–Ketamine ")
'sketamine'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = [
    "DOI_PATTERN",
    "INCHIKEY_PATTERN",
    "INDICATION_XREF_PATTERNS",
    "NCT_PATTERN",
    "PMID_PATTERN",
    "REGISTRY_ID_PATTERNS",
    "TARGET_XREF_PATTERNS",
    "UNIPROT_PATTERN",
    "XREF_PATTERNS",
    "bare_identifiers",
    "canonical_prefix",
    "cas_is_valid",
    "check_partial_date",
    "check_xref",
    "normalise_name",
    "parse_curie",
]

INCHIKEY_PATTERN = r"^[A-Z]{14}-[A-Z]{8}[SN]A-[A-Z]$"
UNIPROT_PATTERN = r"^(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})$"
DOI_PATTERN = r"^10\.\d{4,9}/[^\s]+$"
PMID_PATTERN = r"^[1-9]\d{0,8}$"
PMCID_PATTERN = r"^PMC[1-9]\d*$"
NCT_PATTERN = r"^NCT\d{8}$"
# Trial registries a registry_record reference may name: the record id's form in each.
REGISTRY_ID_PATTERNS: dict[str, str] = {
    "ClinicalTrials.gov": NCT_PATTERN,
    "EU Clinical Trials Register": r"^\d{4}-\d{6}-\d{2}$",
    "EU Clinical Trials Information System": r"^\d{4}-\d{6}-\d{2}-\d{2}$",
    "jRCT": r"^jRCTs?\d{10}$",
    "ISRCTN": r"^ISRCTN\d{8}$",
    "ANZCTR": r"^ACTRN\d{14}$",
    "ChiCTR": r"^ChiCTR[-A-Za-z0-9]+$",
    "DRKS": r"^DRKS\d{8}$",
}
HGNC_SYMBOL_PATTERN = r"^[A-Z][A-Z0-9-]*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
RECORD_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CITATION_KEY_PATTERN = r"^[a-z0-9][a-z0-9_.:-]*$"
HILL_FORMULA_PATTERN = r"^(?:[A-Z][a-z]?\d*)+$"

#: Compound cross-reference prefixes (Bioregistry) and the pattern of their local ids.
XREF_PATTERNS: dict[str, str] = {
    "pubchem.compound": r"^[1-9]\d*$",
    "chembl.compound": r"^CHEMBL[1-9]\d*$",
    "drugbank": r"^DB\d{5}$",
    "cas": r"^[1-9]\d{1,6}-\d{2}-\d$",
    "unii": r"^[A-Z0-9]{10}$",
    "chebi": r"^[1-9]\d*$",
    "iuphar.ligand": r"^[1-9]\d*$",
    "drugcentral": r"^[1-9]\d*$",
    "kegg.drug": r"^D\d{5}$",
    "wikidata": r"^Q[1-9]\d*$",
    "inchikey": INCHIKEY_PATTERN,
}

#: Target cross-reference prefixes (Bioregistry) and the pattern of their local ids.
TARGET_XREF_PATTERNS: dict[str, str] = {
    "iuphar.receptor": r"^[1-9]\d*$",
    "iuphar.family": r"^[1-9]\d*$",
    "chembl.target": r"^CHEMBL[1-9]\d*$",
    "go": r"^\d{7}$",
    "complexportal": r"^CPX-[1-9]\d*$",
}

#: Indication cross-reference prefixes (Bioregistry) and the pattern of their local ids.
INDICATION_XREF_PATTERNS: dict[str, str] = {
    "mondo": r"^\d{7}$",
    "mesh": r"^[CD]\d{6}(?:\d{3})?$",
    "efo": r"^\d{7}$",
    "doid": r"^\d+$",
    "hp": r"^\d{7}$",
    "icd11": r"^[1-9]\d*$",
    "ncit": r"^C\d+$",
}

_PREFIX_ALIASES: dict[str, str] = {
    "pubchem": "pubchem.compound",
    "pubchem.cid": "pubchem.compound",
    "cid": "pubchem.compound",
    "chembl": "chembl.compound",
    "iuphar": "iuphar.ligand",
    "gtopdb": "iuphar.ligand",
    "cas.rn": "cas",
    "casrn": "cas",
    "fda.unii": "unii",
}

# Ontologies whose identifiers are often written with the prefix twice: MONDO:MONDO:0002009.
_BANANAS = {"mondo": "MONDO:", "efo": "EFO:", "doid": "DOID:", "hp": "HP:"}

_COMPILED: dict[str, re.Pattern[str]] = {}


def _pattern(pattern: str) -> re.Pattern[str]:
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern)
    return compiled


def matches(pattern: str, value: str) -> bool:
    """Return whether *value* matches the regular expression *pattern* (compiled once)."""
    return _pattern(pattern).match(value) is not None


def cas_is_valid(value: str) -> bool:
    """Return whether *value* is a CAS Registry Number with a correct check digit.

    The check digit is the sum of the other digits, each weighted by its position counted from the
    right, modulo 10.

    >>> cas_is_valid("7732-18-5"), cas_is_valid("7732-18-4")
    (True, False)
    """
    if not matches(XREF_PATTERNS["cas"], value):
        return False
    digits = value.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * weight for weight, d in enumerate(reversed(body), start=1))
    return total % 10 == check


def check_xref(prefix: str, local: str, patterns: dict[str, str] | None = None) -> str | None:
    """Return a problem description for ``prefix:local``, or ``None`` when it is valid."""
    table = XREF_PATTERNS if patterns is None else patterns
    pattern = table.get(prefix)
    if pattern is None:
        return f"unknown prefix {prefix!r}; expected one of: {', '.join(sorted(table))}"
    if not matches(pattern, local):
        return f"{prefix} identifier {local!r} does not match {pattern}"
    if prefix == "cas" and not cas_is_valid(local):
        return f"CAS number {local!r} has a wrong check digit"
    return None


def canonical_prefix(prefix: str) -> str:
    """The Bioregistry prefix that *prefix* (any case, or a common alias) stands for.

    >>> canonical_prefix("PubChem"), canonical_prefix("chembl")
    ('pubchem.compound', 'chembl.compound')
    """
    prefix = prefix.strip().lower()
    return _PREFIX_ALIASES.get(prefix, prefix)


# Database ids that say which database they belong to without a prefix: CHEMBL742, DB01221,
# CID3821, D003865 (MeSH), 6740-88-1 (CAS).
_BARE_IDS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^(CHEMBL[1-9]\d*)$", re.I), ("chembl.compound", "chembl.target")),
    (re.compile(r"^(DB\d{5})$", re.I), ("drugbank",)),
    (re.compile(r"^CID\s*:?\s*([1-9]\d*)$", re.I), ("pubchem.compound",)),
    (re.compile(r"^([CD]\d{6}(?:\d{3})?)$", re.I), ("mesh",)),
    (re.compile(r"^([1-9]\d{1,6}-\d{2}-\d)$"), ("cas",)),
    (re.compile(r"^MONDO[_:]?(\d{7})$", re.I), ("mondo",)),
)


def bare_identifiers(key: str) -> list[tuple[str, str]]:
    """The ``(prefix, local id)`` pairs a database id written without its prefix may mean.

    >>> bare_identifiers("CHEMBL742")
    [('chembl.compound', 'CHEMBL742'), ('chembl.target', 'CHEMBL742')]
    >>> bare_identifiers("cid 3821"), bare_identifiers("ketamine")
    ([('pubchem.compound', '3821')], [])
    """
    for pattern, prefixes in _BARE_IDS:
        found = pattern.match(key.strip())
        if found:
            local = found.group(1)
            return [(p, local if p in {"cas", "mondo"} else local.upper()) for p in prefixes]
    return []


def parse_curie(curie: str) -> tuple[str, str]:
    """Split a CURIE into a normalised ``(prefix, local id)`` pair.

    Prefixes are case-insensitive and common aliases map to their Bioregistry prefix; a ChEBI
    local id may keep its ``CHEBI:`` banana.

    Raises:
        ValueError: if *curie* has no colon.

    """
    prefix, sep, local = curie.strip().partition(":")
    if not sep or not prefix or not local:
        raise ValueError(f"not a CURIE (expected 'prefix:id'): {curie!r}")
    prefix = canonical_prefix(prefix)
    local = local.strip()
    if prefix == "chebi" and local.upper().startswith("CHEBI:"):
        local = local[6:]
    if prefix in {"chembl.compound", "chembl.target", "unii", "inchikey", "drugbank", "kegg.drug"}:
        local = local.upper()
    elif prefix in _BANANAS and local.upper().startswith(_BANANAS[prefix]):
        local = local[len(_BANANAS[prefix]) :]
    elif prefix in {"mesh", "ncit"}:
        local = local.upper()
    return prefix, local


def check_partial_date(value: str) -> str | None:
    """Return a problem description for an ISO 8601 date of the form YYYY, YYYY-MM or YYYY-MM-DD."""
    if not matches(PARTIAL_DATE_PATTERN, value):
        return f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        return f"{value!r} is not a real date: {exc}"
    return None


_DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)
# Characters that carry no identity in a name: spacing, dashes, brackets, commas, quotes, dots.
# str.translate with a deletion table runs in C, several times faster than a regex substitution.
_IGNORED = dict.fromkeys(
    map(ord, " \t\n\r\f\v\u00a0-()[]{}<>,;'\"`\u2018\u2019\u201c\u201d.\u00b7_/")
)
_OTHER_SPACE = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Return the lookup form of a name.

    Case, Unicode compatibility forms, surrounding or inner space, hyphens and dashes of every kind,
    brackets, commas, quotes and dots are ignored, so "(S)-ketamine", "S-ketamine" and "s ketamine"
    are one key.

    >>> normalise_name("(2R,6R)-Hydroxynorketamine") == normalise_name("2R 6R–hydroxynorketamine")
    True
    """
    if not name.isascii():
        name = _OTHER_SPACE.sub("", unicodedata.normalize("NFKC", name).translate(_DASHES))
    return name.casefold().translate(_IGNORED)
