from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import rapidad
from rapidad import DatasetError
from rapidad.kb import KnowledgeBase, bundled


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_import_reads_no_data_and_defers_dependencies() -> None:
    out = run_python(
        "import sys, rapidad\n"
        "heavy = [m for m in ('pydantic', 'bibtexparser', 'rapidad.kb', 'rapidad.models') if m in sys.modules]\n"
        "print(heavy, rapidad.SCHEMA_VERSION, rapidad.__version__)"
    )
    assert out.startswith("[] ")


def test_sixteen_threads_racing_the_first_load_get_the_same_objects() -> None:
    code = (
        "import threading, rapidad.kb as kb\n"
        "barrier = threading.Barrier(16); seen = []\n"
        "def work():\n"
        "    barrier.wait(); seen.append(kb.bundled())\n"
        "threads = [threading.Thread(target=work) for _ in range(16)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(len(seen), len({id(x) for x in seen}), len({id(x.agents['ketamine']) for x in seen}))"
    )
    assert run_python(code) == "16 1 1"


def test_bundled_loads_once(kb: KnowledgeBase) -> None:
    assert bundled() is kb
    assert rapidad.knowledge_base() is kb
    assert kb.as_of is not None


def test_load_directory_equals_bundled(kb: KnowledgeBase, data_copy: Path) -> None:
    other = rapidad.load(data_copy)
    assert other is not kb
    assert other.agents.ids == kb.agents.ids
    assert list(other.agents) == list(kb.agents)
    assert list(other.citations) == list(kb.citations)


def test_layer_adds_and_replaces_without_touching_bundled(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    before = kb.agents["ketamine"]
    (tmp_path / "compounds.json").write_text(
        json.dumps(
            {
                "ketamine": {
                    "name": "Ketamine (local)",
                    "modality": "small_molecule",
                    "citations": ["local2024"],
                },
                "newdrug": {
                    "name": "Newdrug",
                    "modality": "small_molecule",
                    "mechanisms": ["nmda-channel-blocker"],
                    "citations": ["local2024"],
                },
            }
        )
    )
    (tmp_path / "references.bib").write_text(
        "@misc{local2024,\n  kind = {press_release},\n  title = {Local note},\n  publisher = {Local Lab},\n  date = {2024-01-02},\n}\n"
    )
    with pytest.raises(DatasetError, match=r"ketamine: already in the bundled .* replace=True"):
        rapidad.load(tmp_path, layer=True)
    layered = rapidad.load(tmp_path, layer=True, replace=True)
    assert layered.agents["newdrug"].mechanisms == ("nmda-channel-blocker",)
    assert layered.agents["ketamine"].name == "Ketamine (local)"
    assert "newdrug" in layered.agents.filter(mechanism="NMDA receptor antagonist")
    assert kb.agents["ketamine"] is before
    assert "newdrug" not in kb.agents


def write(path: Path, name: str, text: str | bytes) -> None:
    if isinstance(text, bytes):
        (path / name).write_bytes(text)
    else:
        (path / name).write_text(text, encoding="utf-8")


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DatasetError) as info:
        rapidad.load(path)
    err = info.value
    assert err.problems, "a DatasetError lists at least one problem"
    return [str(p) for p in err.problems]


def test_every_problem_is_reported_with_file_record_and_field(data_copy: Path) -> None:
    compounds = json.loads((data_copy / "compounds.json").read_text())
    compounds["ketamine"]["modality"] = "liquid"
    compounds["esketamine"]["xrefs"]["cas"] = "33643-46-9"
    compounds["arketamine"]["mechanisms"] = ["no-such-class"]
    del compounds["norketamine"]["name"]
    compounds["lanicemine"]["bogus"] = True
    write(data_copy, "compounds.json", json.dumps(compounds))
    found = problems_of(data_copy)
    text = "\n".join(found)
    assert "compounds.json: ketamine: modality" in text
    assert "compounds.json: esketamine: xrefs" in text and "check digit" in text
    assert "compounds.json: norketamine: name" in text
    assert "compounds.json: lanicemine: bogus" in text
    # cross-reference problems of the records that did validate are reported in the same error
    assert (
        "compounds.json: arketamine: mechanisms.0: unknown mechanism class 'no-such-class'" in text
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("compounds.json", b'{"a": {', "invalid JSON at line 1"),
        ("compounds.json", b"[]", "compounds.json: holds a list; expected a JSON object"),
        ("compounds.json", b"\xff\xfe{}", "not valid UTF-8"),
        (
            "compounds.json",
            b'{"a": {"name": "A", "modality": "gas"}, "a": {"name": "B", "modality": "gas"}}',
            "duplicate key 'a'",
        ),
        (
            "compounds.json",
            b'{"a": {"id": "a", "name": "A", "modality": "gas"}}',
            "the id is the record's key",
        ),
        (
            "compounds.json",
            b'{"Bad Id": {"name": "A", "modality": "gas"}}',
            "not a valid record id",
        ),
        ("compounds.json", ("[" * 100000 + "]" * 100000).encode(), "JSON"),
        (
            "mechanisms.json",
            b'{"a": {"name": "A", "parent": "b"}, "b": {"name": "B", "parent": "a"}}',
            "cycle",
        ),
        ("mechanisms.json", b'{"a": {"name": "Same"}, "b": {"name": "same"}}', "also names 'a'"),
        (
            "references.bib",
            b"@article{x,\n title = {T},\n doi = {10.1/x}\n}\n@article{x,\n title = {U},\n doi = {10.1/y}\n}\n",
            "duplicate BibTeX key",
        ),
        (
            "references.bib",
            b"@article{x,\n kind = {article},\n title = {T},\n year = {2020}\n}\n",
            "an article needs a doi or a pmid",
        ),
        (
            "references.bib",
            b"@article{x,\n title = {T},\n doi = {10.1/x},\n colour = {red}\n}\n",
            "colour",
        ),
        ("meta.json", b'{"as_of": "yesterday"}', "meta.json: as_of"),
    ],
)
def test_damaged_files_raise_one_dataset_error(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    write(tmp_path, name, content)
    found = problems_of(tmp_path)
    assert any(expected in p for p in found), found


def test_very_large_files_are_refused_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapidad import store

    monkeypatch.setattr(store, "MAX_FILE_BYTES", 1000)
    write(
        tmp_path,
        "compounds.json",
        json.dumps({f"x{i}": {"name": f"X{i}", "modality": "gas"} for i in range(100)}),
    )
    assert any("file larger than 1000 bytes" in p for p in problems_of(tmp_path))


def test_missing_and_empty_directories(tmp_path: Path) -> None:
    assert any("no such directory" in p for p in problems_of(tmp_path / "absent"))
    assert any("no knowledge-base files" in p for p in problems_of(tmp_path))


def test_dangling_references_and_asymmetric_enantiomers(data_copy: Path) -> None:
    compounds = json.loads((data_copy / "compounds.json").read_text())
    compounds["esketamine"]["relations"] = [
        r for r in compounds["esketamine"]["relations"] if r["type"] != "enantiomer_of"
    ]
    compounds["ketamine"]["relations"].append({"type": "metabolite_of", "object": "ghost"})
    compounds["ketamine"]["targets"][0]["citations"] = ["no-such-ref"]
    write(data_copy, "compounds.json", json.dumps(compounds))
    text = "\n".join(problems_of(data_copy))
    assert "arketamine: relations" in text and "inverse is not recorded" in text
    assert "unknown compound 'ghost'" in text
    assert "unknown citation key 'no-such-ref'" in text


def test_error_is_a_valueerror_with_a_readable_message(tmp_path: Path) -> None:
    write(tmp_path, "compounds.json", b"{")
    with pytest.raises(
        ValueError, match=r"1 problem in dataset .*\n  compounds.json: invalid JSON"
    ):
        rapidad.load(tmp_path)


def test_an_unreadable_file_does_not_cascade(data_copy: Path) -> None:
    (data_copy / "references.bib").write_bytes(b"\xff\xfe@misc{")
    found = problems_of(data_copy)
    assert len(found) == 1, found
    assert "references.bib" in found[0]
    assert "not valid UTF-8" in found[0]
