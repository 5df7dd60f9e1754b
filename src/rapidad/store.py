"""Reading a knowledge-base directory into validated records, collecting every problem.

A knowledge base is a directory laid out like ``rapidad/data``:

=====================  ==========================================================
``compounds.json``     ``{id: Compound fields}``
``targets.json``       ``{id: Target fields}``
``mechanisms.json``    ``{id: MechanismClass fields}``
``findings.json``      ``{id: Finding fields}``
``indications.json``   ``{id: Indication fields}``
``interventions.json`` ``{id: Intervention fields}``
``references.bib``     BibTeX entries, one per citation key
``meta.json``          ``{"as_of": "YYYY-MM-DD", ...}`` (optional)
=====================  ==========================================================

Every file is optional, but a directory with none of them is an error. Nothing here checks
references between records; `rapidad.kb` does that once everything is read.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

if TYPE_CHECKING:  # only a type here; importing it at run time costs a few milliseconds
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - Python 3.10
        from importlib.abc import Traversable

from rapidad.errors import DatasetError, Problem
from rapidad.models import (
    Citation,
    Compound,
    Finding,
    Indication,
    Intervention,
    MechanismClass,
    PartialDate,
    Target,
)
from rapidad.prevalidated import construct, construct_all

__all__ = [
    "BIB_FILE",
    "META_FILE",
    "RECORD_FILES",
    "DatasetMeta",
    "RawDataset",
    "parse_bibtex",
    "read_dataset",
    "read_dataset_partial",
    "scan_bibtex_keys",
    "validation_problems",
]

M = TypeVar("M", bound=BaseModel)

RECORD_FILES: dict[str, type[BaseModel]] = {
    "compounds.json": Compound,
    "targets.json": Target,
    "mechanisms.json": MechanismClass,
    "findings.json": Finding,
    "indications.json": Indication,
    "interventions.json": Intervention,
}
BIB_FILE = "references.bib"
META_FILE = "meta.json"
# Beyond this size a file is refused rather than parsed: a knowledge base is text a person reviews.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Marks a file whose records could not be read at all (every id is then taken to exist).
ANY = "*"


class DatasetMeta(BaseModel):
    """Facts about a dataset as a whole."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    as_of: PartialDate = Field(description="Date up to which the curators looked for news.")
    title: str | None = Field(default=None, description="Name of the dataset.")
    data_license: str | None = Field(default=None, description="SPDX id of the data licence.")
    description: str | None = Field(default=None, description="What the dataset covers.")


@dataclass
class RawDataset:
    """Validated records of one directory, before cross-references are checked."""

    compounds: dict[str, Compound] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    mechanisms: dict[str, MechanismClass] = field(default_factory=dict)
    findings: dict[str, Finding] = field(default_factory=dict)
    indications: dict[str, Indication] = field(default_factory=dict)
    interventions: dict[str, Intervention] = field(default_factory=dict)
    citations: dict[str, Citation] = field(default_factory=dict)
    meta: DatasetMeta | None = None
    #: Ids (per file) of records that were present but failed validation; cross-reference checks
    #: treat them as existing so that one broken record does not cascade into many problems.
    invalid: dict[str, set[str]] = field(default_factory=dict)
    #: The raw fields (per file, per id) of records that failed validation, so that their
    #: references to other records can still be checked and reported in the same error.
    unvalidated: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    #: With ``lazy_citations``: the BibTeX text not parsed yet, and the keys it defines.
    bib_text: str | None = None
    bib_keys: frozenset[str] = frozenset()
    #: Whether the files were built without validation (see `rapidad.prevalidated`).
    prevalidated: bool = False
    #: Names of the files that were present in the directory, readable or not.
    present: frozenset[str] = frozenset()


@cache
def _adapter(model: type[BaseModel]) -> TypeAdapter[dict[str, Any]]:
    return TypeAdapter(dict[str, model])  # type: ignore[valid-type]


def _read_text(source: Traversable, name: str, problems: list[Problem]) -> str | None:
    item = source.joinpath(name)
    if not item.is_file():
        return None
    try:
        data = item.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, None, None, f"cannot read file: {exc}"))
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(Problem(name, None, None, f"file larger than {MAX_FILE_BYTES} bytes"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, None, None, f"not valid UTF-8 at byte {exc.start}"))
        return None


#: What `_parse_json` returns for text that is not JSON (``None`` is the JSON value null).
_UNREADABLE: Any = object()


def _parse_json(text: str, name: str, problems: list[Problem]) -> Any:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):  # rare: find which keys repeat
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    duplicates.append(key)
                seen.add(key)
        return result

    if not text.strip():
        problems.append(Problem(name, None, None, "the file is empty"))
        return _UNREADABLE
    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(
                name, None, None, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            )
        )
        return _UNREADABLE
    except RecursionError:
        problems.append(Problem(name, None, None, "JSON nested too deeply"))
        return _UNREADABLE
    problems.extend(Problem(name, None, None, f"duplicate key {key!r}") for key in duplicates)
    return data


def validation_problems(
    exc: ValidationError, file: str, record: str | None = None, *, keyed: bool = False
) -> list[Problem]:
    """Turn a pydantic error into problems.

    With *keyed*, the data was a mapping of id to record and each error's first location part is
    the record id; otherwise every error is about *record*.
    """
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if keyed:
            rid, path = _error_location(loc)
        else:
            rid, path = record, ".".join(str(part) for part in loc) or None
        problems.append(Problem(file, rid, path, error["msg"]))
    return problems


def _error_location(loc: tuple[int | str, ...]) -> tuple[str | None, str | None]:
    record = str(loc[0]) if loc else None
    path = ".".join(str(part) for part in loc[1:] if part != "[key]") or None
    return record, path


def _file_shape_problem(data: Any, name: str) -> Problem | None:
    """The problem with a record file's top level, if it is not an object keyed by id.

    Such a file's records cannot be read at all, so it is the root cause of whatever else refers
    into it; the caller marks the whole file as unreadable.
    """
    if isinstance(data, dict):
        return None
    if data is None:
        found = "null"
    elif isinstance(data, list):
        found = "a list"
    elif isinstance(data, bool):
        found = "a boolean"
    elif isinstance(data, str):
        found = "a string"
    else:
        found = "a number"
    return Problem(
        name, None, None, f"holds {found}; expected a JSON object mapping ids to records"
    )


def _validate(
    data: Any,
    model: type[M],
    name: str,
    problems: list[Problem],
    keyed: bool = True,
    invalid: set[str] | None = None,
    unvalidated: dict[str, dict[str, Any]] | None = None,
) -> dict[str, M]:
    if not isinstance(data, dict):
        problems.append(
            Problem(
                name, None, None, f"expected a JSON object keyed by id, got {type(data).__name__}"
            )
        )
        return {}
    prepared: dict[str, Any] = data
    if keyed:
        # The parsed data is ours alone, so the ids go in place rather than into copies.
        prepared = {}
        for key, value in data.items():
            if isinstance(value, dict):
                if "id" in value:
                    problems.append(
                        Problem(name, key, "id", "the id is the record's key; remove the field")
                    )
                    continue
                value["id"] = key
            prepared[key] = value
    try:
        return _adapter(model).validate_python(prepared)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, name, keyed=True))
        # Keep the records that did validate so cross-reference problems can be reported too.
        good: dict[str, M] = {}
        bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        if invalid is not None:
            invalid.update(bad)
        if unvalidated is not None:
            unvalidated.update(
                (k, v) for k, v in prepared.items() if k in bad and isinstance(v, dict)
            )
        for key, value in prepared.items():
            if key not in bad:
                with contextlib.suppress(ValidationError):
                    good[key] = model.model_validate(value)
        return good
    except RecursionError:
        problems.append(Problem(name, None, None, "records nested too deeply"))
        return {}


def _construct_file(model: type[M], data: Any, id_field: str | None = "id") -> dict[str, M] | None:
    """Build a pre-validated file's records, or None if the data is not what validation passed.

    None sends the file through validation, so that damaged installed data still ends in a
    `DatasetError` naming the problem rather than in an unexplained exception.
    """
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return None
    try:
        if id_field is None:
            return construct_all(model, data)
        return {key: construct(model, {**value, id_field: key}) for key, value in data.items()}
    except (TypeError, ValueError, KeyError):
        return None


_LAYOUT_SPACE = re.compile(r"[ \t\r\n]+")


def _bib_entry_fields(entry: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"key": entry.key, "entry_type": entry.entry_type.lower()}
    for f in entry.fields:
        _add_bib_field(values, f.key.lower(), f.value if isinstance(f.value, str) else str(f.value))
    return values


def _add_bib_field(values: dict[str, Any], name: str, value: str) -> None:
    """Add one BibTeX field to an entry's raw fields, as the models expect them."""
    # Line breaks inside a BibTeX value are layout, not content.
    value = _LAYOUT_SPACE.sub(" ", value).strip(" ")
    if name == "author":
        values["authors"] = [a.strip() for a in value.split(" and ") if a.strip()]
    else:
        values[name] = value


def parse_bibtex(
    text: str,
    name: str = BIB_FILE,
    invalid: set[str] | None = None,
    *,
    prevalidated: bool = False,
) -> tuple[dict[str, Citation], list[Problem]]:
    """Parse BibTeX text into citations keyed by BibTeX key, and the problems found.

    Keys of entries that fail validation are added to *invalid* when it is given. With
    *prevalidated* the entries are built without validation (`rapidad.prevalidated`).
    """
    if prevalidated:
        canonical = _canonical_entries(text)
        built = _construct_file(Citation, canonical, id_field=None) if canonical else None
        if built is not None:
            return built, []
    import bibtexparser  # deferred: it is only needed once references are used

    problems: list[Problem] = []
    try:
        with _quiet_bibtexparser():
            library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    except Exception as exc:  # bibtexparser raises assorted errors on damaged input
        reason = str(exc) or type(exc).__name__
        return {}, [Problem(name, None, None, f"cannot parse BibTeX: {reason}")]
    for block in library.failed_blocks:
        line = getattr(block, "start_line", None)
        key = getattr(block, "key", None)
        kind = type(block).__name__
        if kind == "DuplicateBlockKeyBlock":
            message = f"duplicate BibTeX key {key!r}"
        else:
            error = getattr(block, "error", None)
            # The parser's reason is on the exception's abort_reason; str() of it is empty.
            reason = getattr(error, "abort_reason", None) or str(error or "") or kind
            message = f"unparsable BibTeX block at line {line + 1 if line is not None else '?'}: "
            message += reason.strip()
        problems.append(Problem(name, key, None, message))
    raw: dict[str, Any] = {}
    for entry in library.entries:
        raw[entry.key] = _bib_entry_fields(entry)
    if library.strings or library.preambles:
        problems.append(Problem(name, None, None, "@string and @preamble blocks are not supported"))
    built = _construct_file(Citation, raw, id_field=None) if prevalidated else None
    if built is not None:
        return built, problems
    citations = _validate(raw, Citation, name, problems, keyed=False, invalid=invalid)
    return citations, problems


_CANONICAL_START = re.compile(r"@([a-z]+)\{([^,\s{}]+),")
_CANONICAL_FIELD = re.compile(r"  ([a-z]+) = \{(.*)\},")


def _canonical_entries(text: str) -> dict[str, dict[str, Any]] | None:
    """The raw fields of BibTeX in the formatter's canonical layout, or None if it is not that.

    The bundled ``references.bib`` is canonical (a test fails otherwise), so its entries can be
    read line by line without bibtexparser, which costs more than the rest of a first citation
    lookup. Anything else (a comment, a field over two lines, a repeated key) returns None and
    goes through bibtexparser; a test proves both readings give the same citations.
    """
    raw: dict[str, dict[str, Any]] = {}
    values: dict[str, Any] | None = None
    seen: set[str] = set()  # field names of the current entry, as written
    for line in text.split("\n"):
        if values is None:
            start = _CANONICAL_START.fullmatch(line)
            if start is not None:
                key = start.group(2)
                if key in raw:
                    return None
                values = raw[key] = {"key": key, "entry_type": start.group(1)}
                seen = set()
            elif line:
                return None
        elif line == "}":
            values = None
        else:
            field = _CANONICAL_FIELD.fullmatch(line)
            if field is None or field.group(1) in seen:
                return None
            seen.add(field.group(1))
            _add_bib_field(values, *field.groups())
    return raw if values is None else None


@contextlib.contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    """Keep bibtexparser's log messages off stderr: its findings become problems instead."""
    import logging

    # Its modules log through child loggers that inherit this level.
    log = logging.getLogger("bibtexparser")
    before = log.level
    log.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        log.setLevel(before)


_BIB_KEY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*\{[ \t]*([^,\s]+)[ \t]*,", re.M)


def scan_bibtex_keys(text: str) -> frozenset[str]:
    """Return the entry keys of BibTeX *text* without parsing it (cheap; for lazy loading)."""
    return frozenset(
        key for kind, key in _BIB_KEY.findall(text) if kind.lower() not in _NON_ENTRIES
    )


_NON_ENTRIES = frozenset({"string", "preamble", "comment"})


def read_dataset(source: Traversable | Path | str, label: str | None = None) -> RawDataset:
    """Read and validate every file of a knowledge-base directory.

    Raises:
        DatasetError: listing every problem found in every file.

    """
    raw, problems = read_dataset_partial(source)
    if problems:
        raise DatasetError(problems, label or str(source))
    return raw


def read_dataset_partial(
    source: Traversable | Path | str,
    *,
    lazy_citations: bool = False,
    prevalidated: bool = False,
) -> tuple[RawDataset, list[Problem]]:
    """Read a knowledge-base directory; return the records that validated and every problem.

    This never raises for bad data: `read_dataset` and `rapidad.load` turn the
    problems into one `rapidad.errors.DatasetError`. With *lazy_citations* the BibTeX
    file is only scanned for its keys; the knowledge base parses it when citations are first used.
    With *prevalidated* the records are built without validation (`rapidad.prevalidated`): only
    for data the test suite has validated, which is what the bundled knowledge base does.
    """
    root: Traversable = Path(source) if isinstance(source, str) else source
    problems: list[Problem] = []
    raw = RawDataset(prevalidated=prevalidated)
    if not root.is_dir():
        return raw, [Problem(str(source), None, None, "no such directory")]
    raw.present = frozenset(
        name for name in (*RECORD_FILES, BIB_FILE, META_FILE) if root.joinpath(name).is_file()
    )
    for name, model in RECORD_FILES.items():
        text = _read_text(root, name, problems)
        if text is None:
            if name in raw.present:  # unreadable: references into it cannot be judged
                raw.invalid[name] = {ANY}
            continue
        data = _parse_json(text, name, problems)
        shape = None if data is _UNREADABLE else _file_shape_problem(data, name)
        if shape is not None:
            problems.append(shape)
        if data is _UNREADABLE or shape is not None:
            raw.invalid[name] = {ANY}
            continue
        records = _construct_file(model, data) if prevalidated else None
        if records is None:
            records = _validate(
                data,
                model,
                name,
                problems,
                invalid=raw.invalid.setdefault(name, set()),
                unvalidated=raw.unvalidated.setdefault(name, {}),
            )
        setattr(raw, name.removesuffix(".json"), records)
    bib = _read_text(root, BIB_FILE, problems)
    if bib is None and BIB_FILE in raw.present:
        raw.invalid[BIB_FILE] = {ANY}
    elif bib is not None and lazy_citations:
        raw.bib_text = bib
        raw.bib_keys = scan_bibtex_keys(bib)
    elif bib is not None:
        invalid = raw.invalid.setdefault(BIB_FILE, set())
        raw.citations, bib_problems = parse_bibtex(bib, invalid=invalid, prevalidated=prevalidated)
        if not raw.citations and not bib_problems:
            bib_problems = [Problem(BIB_FILE, None, None, "holds no BibTeX entries")]
        problems.extend(bib_problems)
        if bib_problems and not raw.citations:
            invalid.add(ANY)
    meta_text = _read_text(root, META_FILE, problems)
    if meta_text is not None:
        meta = _parse_json(meta_text, META_FILE, problems)
        if prevalidated and isinstance(meta, dict):
            with contextlib.suppress(TypeError, ValueError):
                raw.meta = construct(DatasetMeta, meta)
        if raw.meta is None and meta is not _UNREADABLE:
            try:
                raw.meta = DatasetMeta.model_validate(meta)
            except ValidationError as exc:
                problems.extend(validation_problems(exc, META_FILE))
    if not raw.present - {META_FILE}:
        problems.append(
            Problem(
                str(source),
                None,
                None,
                "no knowledge-base files (compounds.json, references.bib, ...)",
            )
        )
    return raw, problems
