"""Evidence a scientist can cite: typed references, their locators, the hosts they point at,
user-facing record text, and BibTeX that builds a manuscript."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from conftest import DATA
from rapidad import DatasetError, load
from rapidad.cli import main
from rapidad.kb import KnowledgeBase
from rapidad.manuscript import bibtex_name, protect_title, to_manuscript_bibtex
from rapidad.models import BIBTEX_TYPES, Citation
from rapidad.store import BIB_FILE, parse_bibtex
from rapidad.testing import citations
from rapidad.vocab import CitationKind

HOSTS_FILE = Path(__file__).with_name("reference_hosts.txt")
CURATION = Path(__file__).resolve().parents[1] / "docs" / "curation.md"


def allowed_hosts() -> dict[str, str]:
    """Host -> who it belongs to, from the reviewed allow-list."""
    hosts = {}
    for line in HOSTS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            host, _, owner = line.partition(" ")
            hosts[host] = owner.strip()
    return hosts


# --- the locator each kind must carry -----------------------------------------------------

VALID: dict[CitationKind, dict[str, object]] = {
    CitationKind.ARTICLE: {"journal": "J", "year": 2020, "doi": "10.1000/x"},
    CitationKind.REVIEW: {"journal": "J", "year": 2020, "pmid": "123"},
    CitationKind.BOOK_CHAPTER: {"booktitle": "B", "publisher": "P", "year": 2020},
    CitationKind.CONFERENCE_ABSTRACT: {"booktitle": "M", "url": "https://m.org/a", "year": 2020},
    CitationKind.REGULATORY_DOCUMENT: {"agency": "FDA", "identifier": "NDA 1", "date": "2020"},
    CitationKind.LABEL: {"agency": "FDA", "identifier": "set-id", "date": "2020-01"},
    CitationKind.REGISTRY_RECORD: {
        "publisher": "ClinicalTrials.gov",
        "identifier": "NCT01234567",
        "urldate": "2020-01-02",
    },
    CitationKind.PRESS_RELEASE: {"publisher": "Acme Inc.", "date": "2020-01-02"},
    CitationKind.REGULATORY_FILING: {"publisher": "Acme Inc.", "date": "2020-01-02"},
    CitationKind.DATABASE_RECORD: {"publisher": "DrugBank", "identifier": "DB1", "urldate": "2026"},
    CitationKind.DATASET: {"publisher": "DrugBank", "identifier": "5.1", "date": "2020"},
    CitationKind.NEWS: {"publisher": "Outlet", "date": "2020-01-02", "url": "https://o.org/n"},
}
# The field whose absence each kind must reject, and words the error must contain.
LOCATOR: dict[CitationKind, tuple[str, str]] = {
    CitationKind.ARTICLE: ("doi", "doi or a pmid (or a pmcid)"),
    CitationKind.REVIEW: ("pmid", "doi or a pmid (or a pmcid)"),
    CitationKind.BOOK_CHAPTER: ("publisher", "booktitle and publisher"),
    CitationKind.CONFERENCE_ABSTRACT: ("url", "doi, pmid or url"),
    CitationKind.REGULATORY_DOCUMENT: ("agency", "needs its agency"),
    CitationKind.LABEL: ("identifier", "own number or a url"),
    CitationKind.REGISTRY_RECORD: ("identifier", "ClinicalTrials.gov id"),
    CitationKind.PRESS_RELEASE: ("date", "issuer and date"),
    CitationKind.REGULATORY_FILING: ("publisher", "issuer and date"),
    CitationKind.DATABASE_RECORD: ("identifier", "database (publisher) and identifier"),
    CitationKind.DATASET: ("publisher", "database (publisher) and identifier"),
    CitationKind.NEWS: ("date", "publisher and date"),
}


def build(kind: CitationKind, **changes: object) -> Citation:
    fields: dict[str, object] = {
        "key": "k",
        "entry_type": BIBTEX_TYPES.get(kind, "misc"),
        "kind": kind,
        "title": "T",
        **VALID[kind],
        **changes,
    }
    return Citation.model_validate({k: v for k, v in fields.items() if v is not None})


def test_every_kind_has_a_locator_case() -> None:
    assert set(VALID) == set(CitationKind) == set(LOCATOR)


@pytest.mark.parametrize("kind", list(CitationKind))
def test_each_kind_validates_with_its_locator_and_fails_without(kind: CitationKind) -> None:
    assert build(kind).kind is kind
    field, words = LOCATOR[kind]
    with pytest.raises(ValidationError, match=re.escape(words)):
        build(kind, **{field: None})


def test_a_registry_record_needs_a_known_registry_and_its_id_form() -> None:
    with pytest.raises(ValidationError, match="names its registry"):
        build(CitationKind.REGISTRY_RECORD, publisher="Some scraper")
    with pytest.raises(ValidationError, match=re.escape("ClinicalTrials.gov id")):
        build(CitationKind.REGISTRY_RECORD, identifier="NCT123")
    eu = build(
        CitationKind.REGISTRY_RECORD,
        publisher="EU Clinical Trials Register",
        identifier="2021-001352-33",
    )
    assert eu.identifier == "2021-001352-33"


def test_entry_type_follows_the_kind_and_every_reference_has_a_year() -> None:
    with pytest.raises(ValidationError, match="is a @article entry"):
        build(CitationKind.ARTICLE, entry_type="misc")
    with pytest.raises(ValidationError, match="needs a year"):
        build(CitationKind.DATASET, date=None)
    assert build(CitationKind.DATABASE_RECORD).issued_year == 2026


@settings(max_examples=60)
@given(citations())
def test_generated_citations_of_every_kind_round_trip_through_bibtex(citation: Citation) -> None:
    parsed, problems = parse_bibtex(citation.to_bibtex())
    assert not problems
    assert parsed[citation.key] == citation


# --- the bundled references ------------------------------------------------------------


def test_every_bundled_reference_points_at_an_allowed_host(kb: KnowledgeBase) -> None:
    hosts = allowed_hosts()
    offenders = []
    for c in kb.citations:
        if c.url and urlsplit(c.url).hostname not in hosts:
            offenders.append(f"{c.key}: {c.url}")
    assert not offenders, (
        "These references point at a host that is not the issuer, regulator, registry, database "
        "or a DOI/PubMed resolver. Cite the document as issued instead: the article by DOI and "
        "PMID, the registry record by its id (https://clinicaltrials.gov/study/<NCT id>), the "
        "company's own release or its SEC filing, the regulator's page; or, if the host really "
        f"is the issuer, add it to {HOSTS_FILE.name} with its owner.\n" + "\n".join(offenders)
    )


def test_allow_list_names_an_owner_for_every_host_and_every_host_is_used(
    kb: KnowledgeBase,
) -> None:
    hosts = allowed_hosts()
    assert all(hosts.values()), "every allowed host names who it belongs to"
    used = {urlsplit(c.url).hostname for c in kb.citations if c.url}
    resolvers = {"doi.org", "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov"}
    assert set(hosts) - used - resolvers == set(), "remove hosts no reference uses"


def test_bundled_articles_carry_doi_and_pmid(kb: KnowledgeBase) -> None:
    scholarly = [c for c in kb.citations if c.kind.scholarly]
    assert scholarly
    missing = [c.key for c in scholarly if not (c.doi and c.pmid)]
    # Each exception is explained in the curation record (docs/curation.md, "Evidence").
    curation = CURATION.read_text(encoding="utf-8")
    unexplained = [k for k in missing if f"`{k}`" not in curation]
    assert not unexplained, f"articles without DOI and PMID and no word why: {unexplained}"


# Words that describe how curation was done, or the copies that were read; they belong in
# docs/curation.md, never in what users read.
PROCESS_WORDS = re.compile(
    r"stored (page|source)|\bmirror|infobox|wikipedia|\bvia [a-z0-9-]+\.[a-z]{2,}|\.md\b|"
    r"not (found|seen|verified|confirmed) in|no stored|second source|\bcurat|\bsearch(ed)?\b|"
    r"github|vendor page|\bscraper|(could|was) not (be )?(found|seen|confirmed)",
    re.IGNORECASE,
)


def _texts(value: object, path: str):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in ("citations", "smiles", "inchikey"):
                yield from _texts(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


@pytest.mark.parametrize(
    "name", ["compounds.json", "targets.json", "mechanisms.json", "findings.json"]
)
def test_record_text_speaks_to_users_not_about_curation(name: str) -> None:
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    offenders = [
        f"{path}: {text}" for path, text in _texts(data, name) if PROCESS_WORDS.search(text)
    ]
    assert not offenders, "move these to docs/curation.md:\n" + "\n".join(offenders)


def test_reference_fields_name_the_document_not_the_copy(kb: KnowledgeBase) -> None:
    offenders = []
    for c in kb.citations:
        # Titles are as issued ("an elusive search" is a title); the fields rapidad writes are not.
        for field in ("publisher", "note", "howpublished", "institution"):
            text = getattr(c, field)
            if text and PROCESS_WORDS.search(text):
                offenders.append(f"{c.key}.{field}: {text}")
    assert not offenders


# --- evidence in the API and the command line --------------------------------------------


def test_citations_filter_and_group_by_kind(kb: KnowledgeBase) -> None:
    groups = kb.citations.by_kind()
    assert sum(len(v) for v in groups.values()) == len(kb.citations)
    for kind, refs in groups.items():
        assert set(kb.citations.filter(kind=kind.value).ids) == {r.key for r in refs}
    assert list(groups) == [k for k in CitationKind if k in groups]
    with pytest.raises(ValueError, match="valid values: article, review"):
        kb.citations.filter(kind="blog")


def test_a_records_references_group_by_kind(kb: KnowledgeBase) -> None:
    esk = kb.agents["esketamine"]
    groups = kb.citations.by_kind(esk.all_citations)
    assert {r.key for refs in groups.values() for r in refs} == set(esk.all_citations)
    assert CitationKind.ARTICLE in groups


def test_show_prints_references_grouped_and_citable(
    capsys: pytest.CaptureFixture[str], kb: KnowledgeBase
) -> None:
    assert main(["show", "esketamine"]) == 0
    out = capsys.readouterr().out
    refs = out.split("\nreferences\n", 1)[1]
    assert refs.startswith("  articles\n") or "\n  articles\n" in refs
    article = next(c for c in kb.citations.filter(kind="article") if c.key in refs)
    assert article.citable.split(". ")[0] in refs.replace("\n    ", " ")
    for c in kb.citations.by_kind(kb.agents["esketamine"].all_citations).get(
        CitationKind.REGISTRY_RECORD, ()
    ):
        assert c.identifier in refs


def test_citable_form_holds_who_when_what_and_locators(kb: KnowledgeBase) -> None:
    for c in kb.citations:
        text = c.citable
        assert str(c.issued_year or "n.d.") in text
        assert c.title[:20] in text
        for locator in c.locators:
            assert locator in text
        if c.journal and c.pages and "--" in c.pages:
            assert c.pages.replace("--", "\u2013") in text  # a range reads with an en dash
            assert "--" not in text.split(" doi:")[0]


# --- BibTeX a manuscript can use ----------------------------------------------------------


def test_manuscript_bibtex_escapes_protects_and_dates_every_entry(kb: KnowledgeBase) -> None:
    text = kb.citations.to_bibtex()
    entries = re.findall(r"^@(\w+)\{([^,]+),\n(.*?)\n\}", text, re.S | re.M)
    assert len(entries) == len(kb.citations)
    for entry_type, key, body in entries:
        dated = re.search(r"^  year = \{\d{4}\},$", body, re.M)
        assert dated or kb.citations[key].issued_year is None, f"{key} has no year"
        fields = dict(re.findall(r"^  (\w+) = \{(.*)\},$", body, re.M))
        for name in ("title", "author", "journal", "howpublished", "note"):
            value = fields.get(name, "")
            assert not re.search(r"(?<!\\)[&%#_]", value), f"{key}.{name} unescaped: {value}"
        assert entry_type in {"article", "incollection", "inproceedings", "misc"}
        ref = kb.citations[key]
        if ref.authors or not ref.kind.scholarly:
            assert "author" in fields, f"{key} has neither a person nor an issuer as author"
    assert "Zarate, Jr., Carlos A." in text or "Zarate, Jr., C." in text
    assert "{NMDA}" in text
    assert "{(2R,6R)}" in text


def test_name_suffix_title_protection_and_single_key() -> None:
    assert bibtex_name("Zarate, C. A., Jr.") == "Zarate, Jr., C. A."
    assert protect_title("Ketamine & FDA: a 5% rise") == "{Ketamine} \\& {FDA}: a 5\\% rise"
    c = build(CitationKind.PRESS_RELEASE)
    assert to_manuscript_bibtex([c]).count("@misc{k,") == 1


def test_to_bibtex_accepts_a_single_key(kb: KnowledgeBase) -> None:
    one = kb.citations.to_bibtex("zarate2022glutamate")
    assert one == kb.citations.to_bibtex(["zarate2022glutamate"])
    assert one.count("@") == 1


LATEX = shutil.which("pdflatex") and shutil.which("bibtex")


def citable_keys(kb: KnowledgeBase) -> list[str]:
    """Every reference but articles whose authors are not known (listed in the curation record)."""
    curation = CURATION.read_text(encoding="utf-8")
    gaps = [c.key for c in kb.citations if c.kind.scholarly and not c.authors]
    assert all(f"`{k}`" in curation for k in gaps)
    return [c.key for c in kb.citations if c.key not in gaps]


def _latex(tmp: Path, bib: str, keys: list[str], *, biblatex: bool) -> str:
    (tmp / "refs.bib").write_text(bib, encoding="utf-8")
    cites = ",".join(keys)
    if biblatex:
        head = "\\usepackage[backend=biber,style=numeric]{biblatex}\n\\addbibresource{refs.bib}\n"
        tail = "\\printbibliography\n"
    else:
        head, tail = "\\usepackage{url}\n", "\\bibliographystyle{plain}\n\\bibliography{refs}\n"
    (tmp / "paper.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n"
        + head
        + f"\\begin{{document}}\n\\nocite{{{cites}}}\n"
        + tail
        + "\\end{document}\n",
        encoding="utf-8",
    )
    log = []
    steps = [["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper"]]
    steps.append(["biber", "paper"] if biblatex else ["bibtex", "paper"])
    steps += [steps[0], steps[0]]
    for step in steps:
        run = subprocess.run(
            step, cwd=tmp, capture_output=True, text=True, errors="replace", timeout=120
        )
        log.append(run.stdout + run.stderr)
        assert run.returncode == 0, f"{' '.join(step)} failed:\n{log[-1][-3000:]}"
    return log[-1]  # the last run: every citation resolved


@pytest.mark.skipif(not LATEX, reason="no LaTeX toolchain installed")
def test_exported_bibtex_builds_a_manuscript_with_classic_bibtex(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    log = _latex(tmp_path, kb.citations.to_bibtex(), citable_keys(kb), biblatex=False)
    blg = (tmp_path / "paper.blg").read_text(encoding="utf-8", errors="replace")
    assert "Warning--" not in blg, blg
    assert "error message" not in blg, blg
    assert "undefined" not in log


@pytest.mark.skipif(not (LATEX and shutil.which("biber")), reason="no biblatex toolchain installed")
def test_exported_bibtex_builds_a_manuscript_with_biblatex(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    _latex(tmp_path, kb.citations.to_bibtex(), citable_keys(kb), biblatex=True)
    blg = (tmp_path / "paper.blg").read_text(encoding="utf-8", errors="replace")
    assert "WARN" not in blg and "ERROR" not in blg, blg


# --- a broken references.bib is named first ----------------------------------------------


@pytest.mark.parametrize("damage", ["missing", "empty", "garbage"])
def test_broken_bibliography_is_reported_first_without_a_cascade(
    data_copy: Path, damage: str
) -> None:
    bib = data_copy / BIB_FILE
    if damage == "missing":
        bib.unlink()
    elif damage == "empty":
        bib.write_text("", encoding="utf-8")
    else:
        bib.write_text("@misc{broken,\n  title = {unterminated\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        load(data_copy)
    problems = info.value.problems
    assert problems[0].file == BIB_FILE and problems[0].record is None
    assert not [p for p in problems if "unknown citation key" in p.message]
    assert len(problems) <= 3
