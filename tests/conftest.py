"""Shared fixtures."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The checkout under test."""
    return ROOT


@pytest.fixture(scope="session")
def corpus():
    """The raw corpus, loaded through the manifest (checksums verified)."""
    from dtanalysis.corpus import load_corpus

    return load_corpus(ROOT / "data" / "raw")
