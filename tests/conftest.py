"""Shared fixtures: paths to the tiny corpus, the bad corpus, and ../shared when present; a
builder of small article tables from sentences we write."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TINY_CORPUS = FIXTURES / "tiny_corpus"
BAD_CORPUS = FIXTURES / "bad"
#: ../shared beside the checkout: the local mirror of third-party data (absent on most machines).
SHARED = ROOT.parent / "shared"


def make_articles(rows, **columns) -> pd.DataFrame:
    """Articles from (outlet, camp, text) rows, ids a0, a1, ...; columns adds constant columns.

    Their language is stated, English unless ``language=`` says otherwise: a fixture sentence is
    too short for the detector, and an article of unknown language is not scored."""
    columns.setdefault("language", "en")
    return pd.DataFrame({"id": [f"a{i}" for i in range(len(rows))], "outlet": [r[0] for r in rows],
                         "camp": [r[1] for r in rows], "text": [r[2] for r in rows], **columns})


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared mirror; skips the test where it is absent."""
    if not (SHARED / "corpora" / "fa-kes" / "FA-KES-Dataset.csv").is_file():
        pytest.skip(f"needs ../shared (the FA-KES mirror) beside the checkout: {SHARED} not found")
    return SHARED


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch):
    """Every test gets an empty fetch cache and no mirror unless it sets one."""
    monkeypatch.setenv("SLANT_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("SLANT_MIRROR", raising=False)

