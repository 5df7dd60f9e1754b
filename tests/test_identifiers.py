from __future__ import annotations

import pytest

from rapidad import identifiers as ids


@pytest.mark.parametrize(
    ("cas", "ok"),
    [
        ("6740-88-1", True),  # ketamine
        ("7732-18-5", True),  # water
        ("7732-18-4", False),  # wrong check digit
        ("33643-46-8", True),
        ("33643-46-9", False),
        ("0-00-0", False),
        ("6740881", False),
    ],
)
def test_cas_check_digit(cas: str, ok: bool) -> None:
    assert ids.cas_is_valid(cas) is ok


@pytest.mark.parametrize(
    ("prefix", "local", "ok"),
    [
        ("pubchem.compound", "3821", True),
        ("pubchem.compound", "03821", False),
        ("chembl.compound", "CHEMBL742", True),
        ("chembl.compound", "chembl742", False),
        ("drugbank", "DB01221", True),
        ("drugbank", "DB1221", False),
        ("unii", "690G0D6V8H", True),
        ("unii", "690G0D6V8", False),
        ("chebi", "6121", True),
        ("chebi", "CHEBI:6121", False),
        ("cas", "6740-88-1", True),
        ("cas", "6740-88-2", False),
        ("iuphar.ligand", "4233", True),
        ("nonsense", "1", False),
    ],
)
def test_check_xref(prefix: str, local: str, ok: bool) -> None:
    assert (ids.check_xref(prefix, local) is None) is ok


@pytest.mark.parametrize(
    ("curie", "expected"),
    [
        ("pubchem.compound:182137", ("pubchem.compound", "182137")),
        ("PubChem:182137", ("pubchem.compound", "182137")),
        (" chembl.compound:chembl395091 ", ("chembl.compound", "CHEMBL395091")),
        ("chebi:CHEBI:4470", ("chebi", "4470")),
    ],
)
def test_parse_curie(curie: str, expected: tuple[str, str]) -> None:
    assert ids.parse_curie(curie) == expected


@pytest.mark.parametrize("bad", ["", "nocolon", ":x", "x:"])
def test_parse_curie_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="CURIE"):
        ids.parse_curie(bad)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2019-03-05", True),
        ("2019-03", True),
        ("2019", True),
        ("2019-02-30", False),
        ("2019-13", False),
        ("19-03-05", False),
        ("2019/03/05", False),
    ],
)
def test_partial_dates(value: str, ok: bool) -> None:
    assert (ids.check_partial_date(value) is None) is ok


@pytest.mark.parametrize(
    ("pattern", "value", "ok"),
    [
        (ids.INCHIKEY_PATTERN, "YQEZLKZALYSWHR-ZDUSSCGKSA-N", True),
        (ids.INCHIKEY_PATTERN, "YQEZLKZALYSWHR-ZDUSSCGKSA", False),
        (ids.INCHIKEY_PATTERN, "yqezlkzalyswhr-zdusscgksa-n", False),
        (ids.UNIPROT_PATTERN, "Q13224", True),
        (ids.UNIPROT_PATTERN, "A0A024R161", True),
        (ids.UNIPROT_PATTERN, "Q1322", False),
        (ids.UNIPROT_PATTERN, "GRIN2B", False),
        (ids.DOI_PATTERN, "10.1016/j.euroneuro.2021.09.005", True),
        (ids.DOI_PATTERN, "doi:10.1016/x", False),
        (ids.PMID_PATTERN, "34391028", True),
        (ids.PMID_PATTERN, "034391028", False),
        (ids.NCT_PATTERN, "NCT04711005", True),
        (ids.NCT_PATTERN, "NCT4711005", False),
    ],
)
def test_patterns(pattern: str, value: str, ok: bool) -> None:
    assert ids.matches(pattern, value) is ok


@pytest.mark.parametrize(
    "variant",
    [
        "(S)-ketamine",
        "S-ketamine",
        "s ketamine",
        "(S)\u2013Ketamine",
        " (s)-KETAMINE ",
        "[S]-ketamine",
        "(S)\u2010ketamine",
    ],
)
def test_normalise_name_variants(variant: str) -> None:
    assert ids.normalise_name(variant) == "sketamine"


def test_normalise_keeps_distinct_names_distinct() -> None:
    assert ids.normalise_name("(R)-ketamine") != ids.normalise_name("(S)-ketamine")
    assert ids.normalise_name("(2R,6R)-HNK") != ids.normalise_name("(2S,6S)-HNK")
