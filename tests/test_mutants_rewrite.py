"""Tests found missing by mutation testing of slant.framing._rewrite (`make mutate
MODULES=rewrite`, docs/mutation.md): the empty results, their messages and ids, and
wire_reuse without a wire or without anything else."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from slant.framing import ALIGNMENT_COLUMNS, EDIT_COLUMNS, REUSE_COLUMNS, rewrite_diff, wire_reuse

ARTICLES = pd.DataFrame({"id": ["a0", "a1"], "outlet": ["outlet-a", "outlet-b"],
                         "text": ["Gunmen shelled the market.", "Gunmen shelled a market."],
                         "date": pd.to_datetime(["2017-10-12", "2017-10-12"])})


def _corpus(**config):
    return SimpleNamespace(path=Path("corpus/corpus-a"), target="a1", config=config,
                           articles=ARTICLES)


def _is_empty(diff):
    assert diff.empty and diff.edits.empty
    assert list(diff.alignment.columns) == ALIGNMENT_COLUMNS
    assert list(diff.edits.columns) == EDIT_COLUMNS


def test_no_source_named():
    diff = rewrite_diff(_corpus())
    _is_empty(diff)
    assert diff.message == (
        "corpus/corpus-a/corpus.yml: no target_source: named, so no rewrite diff; "
        "add `target_source: <article id>` naming the text the target rewrites")
    assert (diff.source_id, diff.target_id) == ("", "a1")


def test_no_target_and_no_source():
    diff = rewrite_diff(SimpleNamespace(path=Path("c"), target=None, config={},
                                        articles=ARTICLES))
    assert (diff.source_id, diff.target_id) == ("", "")


def test_an_article_that_did_not_load():
    diff = rewrite_diff(_corpus(target_source="a9"))
    _is_empty(diff)
    assert diff.message == (
        "The source article 'a9' did not load, so there is no rewrite diff "
        "(see the load report in notebook 01; `slant fetch` hydrates manifest URLs).")
    assert (diff.source_id, diff.target_id) == ("a9", "a1")
    missing = rewrite_diff(_corpus(target_source="a0"), target="a8")
    assert missing.message.startswith("The target article 'a8' did not load")
    assert (missing.source_id, missing.target_id) == ("a0", "a8")


def test_wire_reuse_needs_a_wire_and_something_else():
    for outlets in (["outlet-a", "outlet-b"], ["reuters", "afp"]):
        out = wire_reuse(ARTICLES.assign(outlet=outlets))
        assert out.empty and list(out.columns) == REUSE_COLUMNS
