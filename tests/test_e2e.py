"""End to end: `slant report` on the default corpus with the ../shared mirror."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from slant.cli import main

DEFAULT_CORPUS = ROOT / "corpus" / "mayadin-2017"
TARGET_FIRST_SENTENCE = ("The Syrian army has advanced deeper into the Daesh-held eastern city of "
                         "al-Mayadin, pushing the Takfiri terror outfit on the verge of total defeat")


# session scope: under pytest-xdist a worker may run another module's test between two of
# this module's, and pytest tears a module fixture down then; built once per worker instead
@pytest.fixture(scope="session")
def default_report(tmp_path_factory):
    shared = ROOT.parent / "shared"
    if not (shared / "corpora" / "fa-kes" / "FA-KES-Dataset.csv").is_file():
        pytest.skip(f"needs ../shared (the FA-KES mirror) beside the checkout: {shared} not found")
    out = tmp_path_factory.mktemp("report")
    code = main(["report", str(DEFAULT_CORPUS), "--out", str(out), "--mirror", str(shared / "corpora")])
    assert code == 0
    return out


@pytest.mark.slow
def test_default_report_pages_link_each_other(default_report):
    index = (default_report / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.name for p in default_report.glob("[0-9][0-9]_*.html"))
    assert pages and all(f'href="{p}"' in index for p in pages)
    for page in pages:
        assert 'href="index.html"' in (default_report / page).read_text(encoding="utf-8")


@pytest.mark.slow
def test_default_report_shows_target_and_fakes(default_report):
    index = (default_report / "index.html").read_text(encoding="utf-8")
    page = (default_report / "01_corpus.html").read_text(encoding="utf-8")
    assert TARGET_FIRST_SENTENCE in page
    # FA-KES: 804 rows read, 792 analysed, 12 repeated ids skipped: in the index and the page
    assert re.search(r"dataset:fa-kes</td><td class=\"num\">804</td><td class=\"num\">792</td>"
                     r"<td class=\"num\">12</td>", index)
    # the page's load table is a whole, filterable table (charts.full_table)
    assert re.search(r">dataset:fa-kes</t[dh]>\s*<td[^>]*>804</td>\s*<td[^>]*>792</td>\s*<td[^>]*>12</td>", page)
    assert "presstv-2017-10-12 (loaded)" in index
    assert "not fetched" in index  # the manifest's URLs, offline


@pytest.mark.slow
def test_default_report_is_offline_and_small(default_report):
    total = 0
    for path in default_report.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        total += path.stat().st_size
        fetched = re.findall(r"""(?:src|srcset|poster)\s*=\s*["']?\s*(?:https?:)?//""", text, re.IGNORECASE)
        css = re.findall(r"""url\(\s*["']?\s*(?:https?:)?//|@import""", text, re.IGNORECASE)
        assert not fetched and not css, path.name
        assert not re.search(r"<script[^>]+src=", text, re.IGNORECASE), path.name
    # whole tables (every hit in context, every outlet and source) are part of the pages now
    assert total < 8 * 2**20
