"""Property-based tests: the schema, the loader, the formatter and the bundled data's invariants."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import rapidad
from conftest import DATA
from rapidad.canonical import canonical_bibtex, canonical_json, format_directory, write_dataset
from rapidad.identifiers import normalise_name
from rapidad.kb import KnowledgeBase, bundled
from rapidad.models import Citation, Compound
from rapidad.store import BIB_FILE, RawDataset, parse_bibtex
from rapidad.testing import (
    cas_numbers,
    citations,
    compounds,
    datasets,
    dois,
    findings,
    inchikeys,
    mechanism_classes,
    nct_ids,
    partial_dates,
    pmids,
    targets,
    uniprot_accessions,
)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def same_records(a: KnowledgeBase, b: KnowledgeBase) -> None:
    for kind in ("agents", "targets", "mechanisms", "findings", "citations"):
        assert list(getattr(a, kind)) == list(getattr(b, kind)), kind


# --- the schema ---------------------------------------------------------------------------


@FAST
@given(compounds())
def test_compound_json_round_trip(compound: Compound) -> None:
    assert Compound.model_validate_json(compound.model_dump_json()) == compound


@FAST
@given(st.one_of(targets(), mechanism_classes(), findings(), citations(), compounds()))
def test_every_public_strategy_gives_valid_models_that_round_trip(record: object) -> None:
    model = type(record)
    assert model.model_validate_json(record.model_dump_json()) == record  # type: ignore[attr-defined]


@FAST
@given(citations())
def test_citation_bibtex_round_trip(citation: Citation) -> None:
    parsed, problems = parse_bibtex(citation.to_bibtex())
    assert problems == []
    assert parsed[citation.key] == citation


@FAST
@given(datasets())
def test_generated_dataset_files_load_back_equal(raw: RawDataset) -> None:
    kb = KnowledgeBase(raw)
    with tempfile.TemporaryDirectory() as d:
        write_dataset(raw, d)
        again = rapidad.load(d)
        assert format_directory(d, check=True) == []  # what we write is canonical
    same_records(kb, again)
    assert again.as_of == kb.as_of


@FAST
@given(st.data())
def test_valid_identifier_strategies_validate(data: st.DataObject) -> None:
    from rapidad import identifiers as ids

    assert ids.cas_is_valid(data.draw(cas_numbers()))
    assert ids.matches(ids.INCHIKEY_PATTERN, data.draw(inchikeys()))
    assert ids.matches(ids.UNIPROT_PATTERN, data.draw(uniprot_accessions()))
    assert ids.matches(ids.DOI_PATTERN, data.draw(dois()))
    assert ids.matches(ids.PMID_PATTERN, data.draw(pmids()))
    assert ids.matches(ids.NCT_PATTERN, data.draw(nct_ids()))
    assert ids.check_partial_date(data.draw(partial_dates())) is None


_DEV = {
    "indication": "x",
    "stage": "phase_2",
    "status": "failed",
    "date": "2020",
    "date_kind": "registry",
    "citations": ["a"],
}


def _wrong_check_digit(cas: str) -> str:
    check = int(cas[-1])
    return cas[:-1] + str((check + 1) % 10)


INVALID = {
    "xrefs": st.one_of(
        cas_numbers().map(lambda c: {"cas": _wrong_check_digit(c)}),
        st.integers(0, 10**6).map(lambda n: {"pubchem.compound": f"0{n}"}),
        st.integers(1, 10**6).map(lambda n: {"chembl.compound": f"CHEMBL{n}x"}),
        st.text("abcdefghij", min_size=1, max_size=9).map(lambda s: {"unii": s}),
        st.integers(0, 9999).map(lambda n: {"drugbank": f"DB{n}"}),
        st.from_regex(r"\A[a-z]{3,8}\Z")
        .filter(lambda p: p not in {"cas", "unii", "chebi"})
        .map(lambda p: {p: "1"}),
    ),
    "inchikey": st.text(min_size=1, max_size=30).filter(lambda s: not s.isupper() or "-" not in s),
    "formula": st.from_regex(r"\A[a-z][0-9]{1,3}\Z"),
    "mechanisms": st.from_regex(r"\A[A-Z ]{1,8}\Z").map(lambda s: [s]),
    "development": st.one_of(
        st.sampled_from(["2021-02-30", "2021-13", "21-01-01", "2021/01/01", "yesterday"]).map(
            lambda d: [{**_DEV, "date": d}]
        ),
        st.integers(0, 10**7).map(lambda n: [{**_DEV, "trials": [f"NCT{n}"]}]),
    ),
    "targets": st.from_regex(r"\A[A-Z][a-z ]{0,8}\Z").map(
        lambda t: [{"target": t, "action": "agonist", "citations": ["a"]}]
    ),
}


@FAST
@given(st.sampled_from(sorted(INVALID)), st.data())
def test_every_invalid_identifier_is_rejected_naming_the_field(
    field: str, data: st.DataObject
) -> None:
    value = data.draw(INVALID[field])
    record = {"id": "x", "name": "X", "modality": "small_molecule", field: value}
    if field == "inchikey":
        record["smiles"] = "C"
    with pytest.raises(ValidationError) as info:
        Compound.model_validate(record)
    assert info.value.errors()[0]["loc"][0] == field


@FAST
@given(st.text(max_size=12))
def test_bad_uniprot_accessions_are_rejected(value: str) -> None:
    from rapidad import identifiers as ids
    from rapidad.models import TargetComponent

    assume(not ids.matches(ids.UNIPROT_PATTERN, value))
    with pytest.raises(ValidationError) as info:
        TargetComponent(gene="GRIN2B", uniprot=value)
    assert info.value.errors()[0]["loc"][0] == "uniprot"


@FAST
@given(st.one_of(st.text(max_size=12), st.integers(0, 10**10).map(str)))
def test_bad_citation_ids_are_rejected(value: str) -> None:
    from rapidad import identifiers as ids

    for field, pattern in (("doi", ids.DOI_PATTERN), ("pmid", ids.PMID_PATTERN)):
        assume(not ids.matches(pattern, value))
        with pytest.raises(ValidationError) as info:
            Citation(
                key="k",
                entry_type="misc",
                kind="news",
                title="t",
                publisher="p",
                date="2020",
                **{field: value},
            )
        assert info.value.errors()[0]["loc"][0] == field


# --- the formatter --------------------------------------------------------------------------


@FAST
@given(datasets())
def test_formatter_is_idempotent_and_lossless(raw: RawDataset) -> None:
    with tempfile.TemporaryDirectory() as d:
        write_dataset(raw, d)
        root = Path(d)
        # Scramble the layout: no indentation, keys in reverse order.
        for name in ("compounds.json", "targets.json"):
            data = json.loads((root / name).read_text())
            (root / name).write_text(json.dumps(dict(reversed(list(data.items())))))
        before = rapidad.load(d)
        format_directory(d)
        assert format_directory(d, check=True) == []
        after = rapidad.load(d)
        same_records(before, after)
        for name in ("compounds.json", "targets.json"):
            text = (root / name).read_text()
            assert canonical_json(text) == text
        bib = (root / BIB_FILE).read_text()
        assert canonical_bibtex(bib) == bib


# --- the bundled data's invariants ----------------------------------------------------------

KB = bundled()
KEYS = [(name, c.id) for c in KB.agents for name in (c.id, c.name, *(s.name for s in c.synonyms))]
CURIES = [(f"{p}:{v}", c.id) for c in KB.agents for p, v in c.xrefs.items()]


def variants(name: str) -> st.SearchStrategy[str]:
    def vary(choices: list[int]) -> str:
        out = []
        for ch, k in zip(name, choices, strict=False):
            if ch.isalpha():
                ch = ch.upper() if k % 2 else ch.lower()
            elif ch == "-":
                ch = ["-", "\u2013", "\u2010", " ", ""][k % 5]
            out.append(ch)
        return " " * (choices[0] % 3) + "".join(out) + " " * (choices[-1] % 2)

    return st.lists(st.integers(0, 9), min_size=len(name) + 1, max_size=len(name) + 1).map(vary)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(KEYS), st.data())
def test_every_lookup_key_in_any_spelling_finds_exactly_its_record(
    key: tuple[str, str], data: st.DataObject
) -> None:
    name, expected = key
    spelled = data.draw(variants(name))
    assert KB.agents[spelled].id == expected
    matching = [
        c.id
        for c in KB.agents
        if any(
            normalise_name(n) == normalise_name(spelled)
            for n in (c.id, c.name, *(s.name for s in c.synonyms))
        )
    ]
    assert matching == [expected]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CURIES), st.sampled_from([str.lower, str.upper, lambda s: s]))
def test_every_curie_finds_its_record(curie: tuple[str, str], case: object) -> None:
    text, expected = curie
    prefix, local = text.split(":", 1)
    assert KB.agents[f"{case(prefix)}:{local}"].id == expected  # type: ignore[operator]


MECH_IDS = list(KB.mechanisms.ids)
TARGET_IDS = list(KB.targets.ids)


@settings(max_examples=60, deadline=None)
@given(
    st.none() | st.sampled_from(MECH_IDS),
    st.none() | st.sampled_from(TARGET_IDS),
    st.none() | st.booleans(),
    st.none() | st.sampled_from(["failed", "active", "discontinued", "completed"]),
)
def test_filter_results_are_subsets_that_satisfy_their_predicates(
    mechanism: str | None, target: str | None, approved: bool | None, status: str | None
) -> None:
    result = KB.agents.filter(mechanism=mechanism, target=target, approved=approved, status=status)
    assert set(result.ids) <= set(KB.agents.ids)
    assert list(result.ids) == sorted(result.ids)
    for c in result:
        if mechanism:
            assert set(c.mechanisms) & KB.mechanism_closure(mechanism)
        if target:
            assert KB.acting_targets(c.id) & KB.target_closure(target)
        if approved is not None:
            assert c.approved is approved
        if status:  # the status an indication's records end in, in some indication
            assert any(p.status.value == status for p in c.progress().values())
    # and nothing that satisfies them is missing
    rest = [c for c in KB.agents if c.id not in result.ids]
    for c in rest:
        assert not (
            (mechanism is None or set(c.mechanisms) & KB.mechanism_closure(mechanism))
            and (target is None or KB.acting_targets(c.id) & KB.target_closure(target))
            and (approved is None or c.approved is approved)
            and (status is None or any(p.status.value == status for p in c.progress().values()))
        )


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(MECH_IDS))
def test_a_class_filter_contains_its_childrens(mechanism: str) -> None:
    mine = set(KB.agents.filter(mechanism=mechanism).ids)
    for child in KB.mechanisms.children(mechanism):
        assert set(KB.agents.filter(mechanism=child.id).ids) <= mine


def test_relations_symmetric_and_acyclic_in_bundled_data() -> None:
    edges: dict[str, set[tuple[str, str]]] = {}
    for c in KB.agents:
        for r in c.relations:
            edges.setdefault(r.type.value, set()).add((c.id, r.object))
    for a, b in edges["enantiomer_of"]:
        assert (b, a) in edges["enantiomer_of"]
    for kind in ("metabolite_of", "prodrug_of", "racemate_of"):
        graph: dict[str, set[str]] = {}
        for a, b in edges.get(kind, set()):
            graph.setdefault(a, set()).add(b)
        for start in graph:
            seen, stack = set(), list(graph[start])
            while stack:
                node = stack.pop()
                assert node != start, f"{kind} cycle through {start}"
                if node not in seen:
                    seen.add(node)
                    stack.extend(graph.get(node, ()))
    for m in KB.mechanisms:
        assert m.id not in {a.id for a in KB.mechanisms.ancestors(m.id)}


def test_every_citation_key_resolves_and_every_entry_round_trips() -> None:
    used = {k for c in KB.agents for k in c.all_citations}
    used |= {k for f in KB.findings for k in f.citations}
    used |= {k for m in KB.mechanisms for k in m.citations}
    assert used <= set(KB.citations.ids)
    for citation in KB.citations:
        parsed, problems = parse_bibtex(citation.to_bibtex())
        assert not problems
        assert parsed[citation.key] == citation


# --- the loader under damage ----------------------------------------------------------------

ORIGINALS = {p.name: p.read_bytes() for p in DATA.iterdir() if p.is_file()}


# Whole-file damages: the file is there but holds no records at all.
WHOLE_FILE = {"null": b"null", "string": b'"x"', "list": b"[1, 2]", "number": b"7", "empty": b""}


def mutate(data: bytes, rng: random.Random, how: str) -> bytes:
    if how in WHOLE_FILE:
        return WHOLE_FILE[how]
    if not data:
        return b"\xff"
    i = rng.randrange(len(data))
    if how == "truncate":
        return data[:i]
    if how == "flip":
        return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1 :]
    if how == "delete":
        j = min(len(data), i + rng.randrange(1, 200))
        return data[:i] + data[j:]
    if how == "duplicate":
        j = min(len(data), i + rng.randrange(1, 400))
        return data[:j] + data[i:j] + data[j:]
    return (
        data[:i]
        + rng.choice([b"{", b"}", b"[", b'"', b",", b"null", b"@misc{", b"\x00", b"\xc3"])
        + data[i:]
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(ORIGINALS)),
    st.sampled_from(["truncate", "flip", "delete", "duplicate", "insert", *WHOLE_FILE]),
    st.integers(0, 2**32 - 1),
)
def test_damaged_real_files_raise_only_dataset_error(name: str, how: str, seed: int) -> None:
    before = KB.agents["ketamine"]
    with tempfile.TemporaryDirectory() as d:
        for other, content in ORIGINALS.items():
            Path(d, other).write_bytes(content)
        Path(d, name).write_bytes(mutate(ORIGINALS[name], random.Random(seed), how))
        error: rapidad.DatasetError | None = None
        try:
            kb = rapidad.load(d)
        except rapidad.DatasetError as err:  # the only exception allowed
            error = err
        if error is None:
            assert len(kb.agents) > 0  # a harmless change (inside a string, say) loads fully
        else:
            assert error.problems
            assert all(p.file for p in error.problems)
            if how in WHOLE_FILE and name.endswith(".json") and name != "meta.json":
                # The file is the root cause: it alone is reported, nothing cascades from it.
                assert [(p.file, p.record) for p in error.problems] == [(name, None)], error
    assert bundled() is KB
    assert KB.agents["ketamine"] is before
