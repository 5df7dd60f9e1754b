"""The user guide's code runs: every Python block, in order, in one namespace."""

from __future__ import annotations

import contextlib
import doctest
import io
import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide.md"
BLOCKS = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)


def test_every_python_block_in_the_guide_runs() -> None:
    namespace: dict[str, object] = {}
    exec("import rapidad", namespace)
    ran = 0
    for block in BLOCKS:
        if "my_data" in block:  # needs the reader's own directory
            continue
        if ">>>" in block:
            test = doctest.DocTestParser().get_doctest(block, namespace, "guide", str(GUIDE), 0)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
            with contextlib.redirect_stdout(io.StringIO()) as out:
                result = runner.run(test)
            assert result.failed == 0, out.getvalue()
        else:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(block, str(GUIDE), "exec"), namespace)
        ran += 1
    assert ran >= 7
    assert {"failed", "approvals", "by_target"} <= set(namespace)
