r"""BibTeX a manuscript can use: the references as LaTeX with classic BibTeX or biblatex reads them.

``references.bib`` is the data file: every field as the document issued it, in plain text, with
rapidad's own fields (``kind``, ``identifier``, ``agency``). A manuscript needs something else:
special characters escaped, capitals that a style must not lower-case protected, name suffixes in
BibTeX's ``Last, Jr., First`` form, a year on every entry, the issuer as a corporate author when no
person wrote the document, and the locator of each kind where the standard styles print it
(``howpublished`` and ``note`` for @misc entries).

>>> from rapidad.models import Citation
>>> c = Citation(key="x", entry_type="misc", kind="press_release", title="FDA Approves X & Y",
...              publisher="Example Inc.", date="2020-03-02")
>>> print(to_manuscript_bibtex([c]))
@misc{x,
  author = {{Example Inc.}},
  title = {{FDA} {Approves} {X} \& {Y}},
  howpublished = {Press release},
  year = {2020},
  month = mar,
  note = {Issued 2020-03-02},
}
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rapidad.vocab import CitationKind

if TYPE_CHECKING:
    from rapidad.models import Citation

__all__ = ["bibtex_name", "latex_escape", "protect_title", "to_manuscript_bibtex"]

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Characters pdflatex's default UTF-8 input does not set up, and dashes and quotes in LaTeX's
# own spelling; accented Latin letters need nothing.
_UNICODE = {
    "±": r"$\pm$",
    "≥": r"$\geq$",
    "≤": r"$\leq$",
    "→": r"$\rightarrow$",
    "×": r"$\times$",
    "µ": r"$\mu$",
    "α": r"$\alpha$",
    "β": r"$\beta$",
    "γ": r"$\gamma$",
    "δ": r"$\delta$",
    "κ": r"$\kappa$",
    "μ": r"$\mu$",
    "–": "--",
    "—": "---",
    "‘": "`",
    "’": "'",
    "“": "``",
    "”": "''",
    "®": r"\textregistered{}",
    "™": r"\texttrademark{}",
    "\u00a0": "~",
    "▼": "",  # the EU's additional-monitoring mark: not part of a title's words
}
_ESCAPE = str.maketrans({**_SPECIALS, **_UNICODE})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def latex_escape(text: str) -> str:
    r"""Escape LaTeX's special characters and the Unicode pdflatex cannot typeset.

    >>> latex_escape("R&D 50% ±5")
    'R\\&D 50\\% $\\pm$5'
    """
    escaped = text.translate(_ESCAPE)
    # Past Latin Extended-A, pdflatex's default set-up has no glyph: such a character would stop
    # the build, so it is left out (the data file keeps it).
    return "".join(ch for ch in escaped if ord(ch) <= 0x17F)


def protect_title(title: str) -> str:
    """Escape a title and brace every word holding a capital, so no style lower-cases it.

    The first word is braced too when it has a capital after its first letter (``NMDA``).

    >>> protect_title("(2R,6R)-hydroxynorketamine and NMDA receptors")
    '{(2R,6R)}-hydroxynorketamine and {NMDA} receptors'
    """
    out: list[str] = []
    for token in re.split(r"(\s+)", title):
        if not token or token.isspace():
            out.append(token)
            continue
        out.append(_protect_word(token))
    return "".join(out)


def _protect_word(word: str) -> str:
    # Brace only the part that holds capitals, so a hyphenated compound keeps its hyphen outside.
    protected = []
    for part in re.split(r"(-)", word):
        core, tail = re.match(r"^(.*?)([:;,.!?]*)$", part, re.S).groups()  # type: ignore[union-attr]
        escaped = latex_escape(core)
        if any(ch.isupper() for ch in core):
            escaped = f"{{{escaped}}}"
        protected.append(escaped + tail)
    return "".join(protected)


def bibtex_name(name: str) -> str:
    """Return a 'Last, First[, Jr.]' name in BibTeX's 'Last, Jr., First' form, escaped.

    >>> bibtex_name("Zarate, Carlos A., Jr.")
    'Zarate, Jr., Carlos A.'
    >>> bibtex_name("Doe, J.")
    'Doe, J.'
    """
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 3 and parts[2].lower() in _SUFFIXES:
        parts = [parts[0], parts[2], parts[1]]
    return ", ".join(latex_escape(p) for p in parts)


def _kind_line(c: Citation) -> str:
    """The kind and the document's own number, as `howpublished` prints it."""
    label = c.kind.label.capitalize()
    if c.kind is CitationKind.REGISTRY_RECORD:
        return f"{c.publisher} record {c.identifier}"
    if c.agency is not None and c.kind in (CitationKind.REGULATORY_DOCUMENT, CitationKind.LABEL):
        label = f"{c.agency.value} {c.kind.label}"
    return f"{label} {c.identifier}" if c.identifier else label


def _entry(c: Citation) -> str:
    fields: dict[str, str] = {}
    raw: dict[str, str] = {}  # fields written without braces (month macros)
    if c.authors:
        fields["author"] = " and ".join(bibtex_name(a) for a in c.authors)
    elif c.issuer:
        fields["author"] = "{" + latex_escape(c.issuer) + "}"
    fields["title"] = protect_title(c.title)
    if c.journal:
        fields["journal"] = latex_escape(c.journal)
    if c.booktitle:
        fields["booktitle"] = protect_title(c.booktitle)
    if c.kind.scholarly and c.publisher and not c.journal:
        fields["publisher"] = latex_escape(c.publisher)
    if not c.kind.scholarly:
        fields["howpublished"] = latex_escape(_kind_line(c))
    year = c.issued_year
    if year is not None:  # only an undated registry record has none
        fields["year"] = str(year)
    when = c.date if c.year is None or (c.date and c.date[:4] == str(c.year)) else None
    if when and len(when) >= 7:
        raw["month"] = _MONTHS[int(when[5:7]) - 1]
    for name in ("volume", "number", "pages"):
        value = getattr(c, name)
        if name == "number" and not c.volume:
            continue  # an issue number without a volume makes classic styles warn
        if value:
            fields[name] = latex_escape(value).replace("--", "-").replace("-", "--")
    if c.doi:
        fields["doi"] = c.doi
    if c.pmid:
        fields["pmid"] = c.pmid
    if c.pmcid:
        fields["pmcid"] = c.pmcid
    if c.url and not c.doi:
        fields["url"] = c.url
    notes = []
    if not c.kind.scholarly and c.date and len(c.date) == 10:
        notes.append(f"Issued {c.date}")
    if c.kind is CitationKind.REGISTRY_RECORD and c.urldate:
        notes.append(f"version of {c.urldate}")
    if c.pmid:
        notes.append(f"PMID {c.pmid}")
    if notes:
        fields["note"] = "; ".join(notes)
    entry_type = c.entry_type
    lines = [f"@{entry_type}{{{c.key},"]
    for name in ("author", "title", "journal", "booktitle", "publisher", "howpublished"):
        if name in fields:
            lines.append(f"  {name} = {{{fields[name]}}},")
    if "year" in fields:
        lines.append(f"  year = {{{fields['year']}}},")
    if "month" in raw:
        lines.append(f"  month = {raw['month']},")
    for name in ("volume", "number", "pages", "doi", "pmid", "pmcid", "url", "note"):
        if name in fields:
            lines.append(f"  {name} = {{{fields[name]}}},")
    lines.append("}")
    return "\n".join(lines)


def to_manuscript_bibtex(citations: Iterable[Citation]) -> str:
    """Return *citations* as BibTeX for a LaTeX manuscript, sorted by key."""
    return "\n\n".join(_entry(c) for c in sorted(citations, key=lambda c: c.key)) + "\n"
