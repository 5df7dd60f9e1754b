"""The one error a broken dataset raises, and the problems it lists."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["DatasetError", "Problem"]


# A NamedTuple rather than a dataclass: importing dataclasses costs more than rapidad's whole
# import, and a problem is a plain immutable record.
class Problem(NamedTuple):
    """One problem in a dataset: where it is (file, record id, field path) and what is wrong."""

    file: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f": {self.record}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"

    def sort_key(self) -> tuple[bool, str, str, str, str]:
        """Order problems: a file's own problems (no record) first, then by file, record, field.

        A file that cannot be read is the root cause of what follows, so it leads.
        """
        return (
            self.record is not None,
            self.file,
            self.record or "",
            self.field or "",
            self.message,
        )

    def to_dict(self) -> dict[str, str | None]:
        """The problem as a JSON-ready dict."""
        return dict(self._asdict())


class DatasetError(ValueError):
    """A dataset could not be loaded; `problems` lists every problem found.

    >>> err = DatasetError([Problem("compounds.json", "x", "name", "missing")])
    >>> print(err)
    1 problem in dataset:
      compounds.json: x: name: missing
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], source: str | None = None):
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in dataset"
        if self.source:
            head += f" {self.source}"
        return head + ":\n" + "\n".join(f"  {p}" for p in self.problems)
