"""Every kind of record can be shown, listed, found and displayed in a notebook; lookups forgive."""

from __future__ import annotations

import html
import re

import pytest

import rapidad
from rapidad.cli import main
from rapidad.kb import bundled, holder
from rapidad.render import KINDS, table_view, text, view


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("key", "first_line", "expected"),
    [
        ("GRIN2B", "GluN2B  [grin2b]", "Eliprodil [eliprodil]"),
        ("nmda-channel-blocker", "NMDA receptor channel blocker", "Memantine [memantine]"),
        ("PPD", "Postpartum depression  [postpartum-depression]", "zuranolone"),
        ("iTBS", "Intermittent theta-burst stimulation  [itbs]", "FDA"),
        ("zarate2022glutamate", "Zarate 2022  [zarate2022glutamate]", "Eliprodil [eliprodil]"),
    ],
)
def test_show_every_kind_with_what_points_at_it(
    capsys: pytest.CaptureFixture[str], key: str, first_line: str, expected: str
) -> None:
    code, out, _ = run(capsys, "show", key)
    assert code == 0
    assert out.startswith(first_line)
    assert expected in out


def test_show_a_finding(capsys: pytest.CaptureFixture[str]) -> None:
    finding = bundled().findings.ids[0]
    code, out, _ = run(capsys, "show", finding)
    assert code == 0 and out.startswith(f"{finding}  [{finding}]")
    assert "statement" in out and "references" in out


@pytest.mark.parametrize("kind", KINDS)
def test_list_every_kind(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    code, out, _ = run(capsys, "list", kind)
    assert code == 0
    first = getattr(bundled(), kind).ids[0]
    assert first in out
    n = len(getattr(bundled(), kind))
    assert f"\n{n} " in out


def test_list_filters_apply_to_agents_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "targets", "--mechanism", "ssri")
    assert code == 2 and "--mechanism filter agents, not targets" in err


def test_every_search_result_can_be_passed_to_show(capsys: pytest.CaptureFixture[str]) -> None:
    for term in ("ketamine", "gaba", "depress", "stimulation"):
        code, out, _ = run(capsys, "search", term)
        assert code == 0
        hits = [line.split()[:2] for line in out.splitlines() if line[:1].isalpha()]
        hits = [h for h in hits if len(h) == 2 and h[0] in {k[:-1] for k in KINDS}]
        assert hits, term
        for kind, rid in hits:
            code, shown, _ = run(capsys, "show", rid)
            assert code == 0, rid
            assert f"[{rid}]" in shown.splitlines()[0], (kind, rid)


def test_show_kind_looks_among_one_kind_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "--kind", "targets", "esketamine")
    assert code == 2 and out == ""
    assert err.startswith("error: no target 'esketamine'")
    code, out, _ = run(capsys, "show", "--kind", "agents", "esketamine")
    assert code == 0 and out.startswith("Esketamine  [esketamine]")


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


@pytest.mark.parametrize("kind", KINDS)
def test_notebook_display_shows_what_the_command_line_shows(kind: str) -> None:
    kb = bundled()
    collection = getattr(kb, kind)
    record = next(iter(collection))
    shown = view(kb, record)
    markup = record._repr_html_()
    words = _plain(markup).split()
    assert holder(record) is kb
    for label, body in shown.lines:
        assert " ".join(body.split()) in " ".join(words), (label, body)
    listed = table_view(kb, kind, collection)
    table_words = " ".join(_plain(collection._repr_html_()).split())
    for row in listed.rows:
        for cell in row:
            assert " ".join(str(cell).split()) in table_words


def test_text_reprs_say_what_a_record_is() -> None:
    shown = repr(rapidad.agents["Spravato"])
    assert shown.startswith(
        "Compound(id='esketamine', name='Esketamine', modality='small_molecule', "
        "mechanisms=('nmda-channel-blocker',"
    )
    assert shown.endswith("highest_stage='approval', approved=True)")
    assert "kind='protein'" in repr(rapidad.targets["GRIN2B"])
    assert "<AgentCollection: " in repr(rapidad.agents)


def test_a_record_outside_any_knowledge_base_still_displays() -> None:
    record = rapidad.agents["esketamine"].model_copy()
    assert holder(record) is None
    assert "nmda-channel-blocker" in record._repr_html_()
    assert text(view(None, record)).startswith("Esketamine  [esketamine]")


@pytest.mark.parametrize(
    ("key", "record_id"),
    [
        ("CHEMBL742", "ketamine"),
        ("chembl742", "ketamine"),
        ("DB01221", "ketamine"),
        ("CID3821", "ketamine"),
        ("CID 3821", "ketamine"),
        ("cid:3821", "ketamine"),
        ("6740-88-1", "ketamine"),
        ("chembl.compound:CHEMBL742", "ketamine"),
    ],
)
def test_bare_database_ids_find_their_agent(key: str, record_id: str) -> None:
    assert rapidad.agents[key].id == record_id


def test_bare_ontology_ids_find_their_indication() -> None:
    assert rapidad.indications["D003865"].id == "major-depressive-disorder"


def test_xrefs_accept_the_prefix_aliases_lookups_accept() -> None:
    xrefs = rapidad.agents["ketamine"].xrefs
    assert xrefs["chembl"] == xrefs["ChEMBL.compound"] == "CHEMBL742"
    assert xrefs.get("pubchem") == xrefs.get("cid") == "3821"
    assert "PubChem" in xrefs and "nonsense" not in xrefs
    from rapidad.models import Compound

    made = Compound.model_validate(
        {"id": "x", "name": "X", "modality": None, "xrefs": {"PubChem": "1", "chembl": "CHEMBL1"}}
    )
    assert dict(made.xrefs) == {"chembl.compound": "CHEMBL1", "pubchem.compound": "1"}
    with pytest.raises(ValueError, match=r"both mean 'pubchem\.compound'"):
        Compound.model_validate(
            {"id": "x", "name": "X", "modality": None, "xrefs": {"pubchem": "1", "cid": "2"}}
        )


@pytest.mark.parametrize(
    ("argument", "value", "valid"),
    [
        ("status", "Failed", None),
        ("stage", "phase 3", None),
        ("stage", "Phase-3", None),
        ("status", "finished", "active, completed, failed"),
        ("stage", "phase 4", "approval, phase_3"),
        ("modality", "pill", "small_molecule"),
    ],
)
def test_vocabulary_arguments_forgive_spelling_and_list_valid_values(
    argument: str, value: str, valid: str | None
) -> None:
    if valid is None:
        assert rapidad.agents.filter(**{argument: value})
    else:
        with pytest.raises(ValueError, match=f"valid values: .*{valid}"):
            rapidad.agents.filter(**{argument: value})


def test_citation_kinds_forgive_spelling_too() -> None:
    assert rapidad.citations.filter(kind="Registry record") == rapidad.citations.filter(
        kind="registry_record"
    )


def test_to_bibtex_takes_one_key() -> None:
    one = rapidad.citations.to_bibtex("zarate2022glutamate")
    assert one.count("@") == 1 and "zarate2022glutamate" in one
