from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import rapidad
from rapidad.kb import KnowledgeBase, bundled, bundled_data_path

DATA = Path(str(bundled_data_path()))


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return bundled()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def pytest_report_header() -> str:
    return f"rapidad {rapidad.__version__}, schema {rapidad.SCHEMA_VERSION}, data {DATA}"
