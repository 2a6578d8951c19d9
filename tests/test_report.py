"""Tests for slant.report: notebooks run through papermill, offline HTML, escaped index."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from slant.corpus._model import ARTICLE_COLUMNS, ISSUE_COLUMNS, OUTLET_COLUMNS, Corpus, issue
from slant.report import ReportError, build_report, export_html, save_tables, write_index

pytestmark = pytest.mark.slow

#: A code line that must never reach the HTML (inputs are hidden).
SECRET_CODE = "distinctive_code_line = 12345"
HOSTILE = "<script>alert(1)</script>"

TINY_NOTEBOOK = f'''# %% [markdown]
# # 01 · Tiny
# Does a report page show outputs and hide code?

# %% tags=["parameters"]
corpus_dir: str = ""  # folder with corpus.yml
out_dir: str = ""  # report folder

# %%
import matplotlib.pyplot as plt
import pandas as pd

{SECRET_CODE}
print("corpus_dir is", corpus_dir)

# %%
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot([1, 2, 3], [1, 4, 9])
plt.show()

# %%
pd.DataFrame({{"title": ["{HOSTILE}"]}})
'''

FAILING_NOTEBOOK = """# %% [markdown]
# # 02 · Fails

# %% tags=["parameters"]
corpus_dir: str = ""

# %%
raise RuntimeError("boom in the third cell")

# %%
print("never reached")
"""

#: A remote URL a browser would fetch by itself: src=, href= or CSS url(...).
REMOTE_URL = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)\s*(?:https?:|//)""", re.IGNORECASE
)


def write_tiny_notebook(notebooks_dir: Path, text: str = TINY_NOTEBOOK, name="01_tiny.py") -> Path:
    """Write one jupytext percent notebook into notebooks_dir."""
    notebooks_dir.mkdir(parents=True, exist_ok=True)
    path = notebooks_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def make_corpus(tmp_path: Path, *, articles=None, issues=None, target="a1") -> Corpus:
    """A hand-built corpus with hostile strings in a title, an outlet name and an issue."""
    if articles is None:
        articles = [
            ("a1", "outlet-a", "Outlet A", "camp-x", "2017-05-01", "en", True),
            ("a2", "outlet-b", f"Outlet {HOSTILE}", "camp-y", "2017-05-02", "ar", False),
            ("a3", "outlet-b", f"Outlet {HOSTILE}", "camp-y", None, "ar", False),
        ]
    rows = [
        {
            "id": id_,
            "outlet": outlet,
            "outlet_name": name,
            "camp": camp,
            "date": pd.Timestamp(date) if date else pd.NaT,
            "title": f"Title {HOSTILE}",
            "text": "A sentence we wrote.",
            "url": "",
            "language": lang,
            "words": 5,
            "is_target": is_target,
            "source": "articles:articles/",
            "wire_credit": "",
            "in_window": date is not None,
        }
        for id_, outlet, name, camp, date, lang, is_target in articles
    ]
    if issues is None:
        issues = [
            issue(
                "articles:articles/",
                "articles/bad.txt",
                3,
                f"x{HOSTILE}",
                "skipped",
                "no date line",
                "add a 'date:' line",
            ),
            issue(
                "manifest:urls.csv",
                "urls.csv",
                7,
                "https://example.org/x",
                "flagged",
                "not archived",
                "add an archive URL",
            ),
        ]
    return Corpus(
        name=f"tiny {HOSTILE}",
        description=f"Invented outlets {HOSTILE}",
        path=tmp_path / "corpus",
        articles=pd.DataFrame(rows, columns=ARTICLE_COLUMNS),
        outlets=pd.DataFrame(columns=OUTLET_COLUMNS),
        issues=pd.DataFrame(issues, columns=ISSUE_COLUMNS),
        window=(pd.Timestamp("2017-05-01"), pd.Timestamp("2017-05-31")),
        target=target,
    )


def build_tiny_report(tmp_path: Path) -> Path:
    """Build the report of the tiny notebook into tmp_path/out; return index.html."""
    notebooks_dir = tmp_path / "notebooks"
    write_tiny_notebook(notebooks_dir)
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir(exist_ok=True)
    return build_report(
        corpus_dir,
        out=tmp_path / "out",
        notebooks_dir=notebooks_dir,
        corpus=make_corpus(tmp_path),
        progress=False,
    )


@pytest.fixture(scope="module")
def tiny_report(tmp_path_factory) -> Path:
    return build_tiny_report(tmp_path_factory.mktemp("report"))


def test_pages_exist_and_link_each_other(tiny_report):
    index = tiny_report.read_text(encoding="utf-8")
    page = (tiny_report.parent / "01_tiny.html").read_text(encoding="utf-8")
    assert tiny_report.name == "index.html"
    assert '<a href="01_tiny.html">01 · Tiny</a>' in index
    assert 'href="index.html"' in page
    assert "slant report: tiny &lt;script&gt;" in page


def test_page_embeds_png(tiny_report):
    page = (tiny_report.parent / "01_tiny.html").read_text(encoding="utf-8")
    assert re.search(r'<img[^>]+src="data:image/png;base64,[A-Za-z0-9+/=]{100,}', page)


def test_page_hides_code(tiny_report):
    page = (tiny_report.parent / "01_tiny.html").read_text(encoding="utf-8")
    assert SECRET_CODE not in page
    assert "plt.subplots" not in page
    assert 'class="jp-InputPrompt' not in page and 'class="jp-OutputPrompt' not in page


def test_parameters_reach_notebook(tiny_report):
    page = (tiny_report.parent / "01_tiny.html").read_text(encoding="utf-8")
    assert f"corpus_dir is {tiny_report.parent.parent / 'corpus'}" in page


def test_no_remote_urls_in_written_files(tiny_report):
    written = sorted(tiny_report.parent.iterdir())
    assert {p.name for p in written} >= {"index.html", "01_tiny.html", "01_tiny.ipynb"}
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert not REMOTE_URL.search(text), (path.name, REMOTE_URL.search(text))
        assert "cdn" not in text.lower(), path.name
        assert "<script src" not in text.lower(), path.name


def test_hostile_strings_escaped(tiny_report):
    for name in ["index.html", "01_tiny.html"]:
        text = (tiny_report.parent / name).read_text(encoding="utf-8")
        assert HOSTILE not in text, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, name


def test_page_is_small(tiny_report):
    # the lab CSS (~300 kB) plus one small PNG; a runaway (e.g. inlined fonts) would show.
    assert (tiny_report.parent / "01_tiny.html").stat().st_size < 600_000
    assert tiny_report.stat().st_size < 30_000


def test_index_summarises_corpus_and_issues(tiny_report):
    index = tiny_report.read_text(encoding="utf-8")
    assert "<title>slant report: tiny &lt;script&gt;" in index
    assert "Invented outlets &lt;script&gt;" in index
    assert re.search(r"Built \d{4}-\d\d-\d\d \d\d:\d\d UTC with slant \d", index)
    assert '<td>Articles</td><td class="num">3</td>' in index
    assert '<td>Outlets with articles</td><td class="num">2</td>' in index
    assert "<td>Languages</td><td>ar, en</td>" in index
    assert "2017-05-01 to 2017-05-02 (1 without a date)" in index
    assert '<tr><td>camp-y</td><td class="num">2</td></tr>' in index
    assert "a1 (loaded)" in index
    assert "What could not be loaded" in index
    assert "<strong>2 items</strong>" in index
    assert "no date line" in index and "add an archive URL" in index
    assert (tiny_report.parent / "load-report.csv").exists()


def test_index_says_when_only_target_loaded(tmp_path):
    corpus = make_corpus(
        tmp_path, articles=[("a1", "outlet-a", "Outlet A", "camp-x", "2017-05-01", "en", True)]
    )
    index = write_index(tmp_path, corpus=corpus, pages=[], built_at=datetime(2024, 1, 2, 3, 4))
    text = index.read_text(encoding="utf-8")
    assert "Only the target article (a1) was loaded" in text
    assert "Built 2024-01-02 03:04 UTC" in text


def test_index_says_when_nothing_loaded(tmp_path):
    corpus = make_corpus(tmp_path, articles=[], issues=[])
    text = write_index(
        tmp_path, corpus=corpus, pages=[], built_at=datetime.now(timezone.utc)
    ).read_text(encoding="utf-8")
    assert "Nothing was loaded." in text
    assert "The target article (a1) did not load" in text
    assert "Nothing: every item loaded" in text


def test_index_shows_first_rows_of_many_issues(tmp_path):
    issues = [
        issue("s", "f.csv", n, f"item-{n}", "skipped", "bad row", "fix it") for n in range(1, 121)
    ]
    text = write_index(
        tmp_path,
        corpus=make_corpus(tmp_path, issues=issues),
        pages=[],
        built_at=datetime.now(timezone.utc),
    ).read_text(encoding="utf-8")
    assert "The first 50 of 120" in text
    assert '<td class="id">item-50</td>' in text and "item-51<" not in text
    assert "<td>f.csv:50</td>" in text
    assert '<td>bad row</td><td class="num">120</td>' in text


def test_failing_notebook_raises_report_error(tmp_path):
    notebooks_dir = tmp_path / "notebooks"
    write_tiny_notebook(notebooks_dir, FAILING_NOTEBOOK, name="02_fails.py")
    out = tmp_path / "out"
    where = r"02_fails\.py: cell 3 \(line 8: raise RuntimeError"
    with pytest.raises(ReportError, match=where) as info:
        build_report(
            tmp_path,
            out=out,
            notebooks_dir=notebooks_dir,
            corpus=make_corpus(tmp_path),
            progress=False,
        )
    message = str(info.value)
    assert "RuntimeError: boom in the third cell" in message
    assert "open " in message and "in JupyterLab and run it with corpus_dir=" in message
    page = (out / "02_fails.html").read_text(encoding="utf-8")
    assert "boom in the third cell" in page  # the partial page shows the error
    assert "02 · Fails (failed)" in (out / "index.html").read_text(encoding="utf-8")


def test_parameters_only_where_declared(tmp_path):
    notebooks_dir = tmp_path / "notebooks"
    write_tiny_notebook(notebooks_dir)
    write_tiny_notebook(
        notebooks_dir,
        '# %% tags=["parameters"]\nmirror: str = ""\n\n# %%\nprint("mirror", repr(mirror))\n',
        name="02_mirror.py",
    )
    build_report(
        tmp_path,
        out=tmp_path / "out",
        notebooks_dir=notebooks_dir,
        parameters={"mirror": "007"},
        corpus=make_corpus(tmp_path),
        progress=False,
    )
    page = (tmp_path / "out" / "02_mirror.html").read_text(encoding="utf-8")
    assert "mirror &#x27;007&#x27;" in page or "mirror '007'" in page  # a str stays a str


def test_unknown_parameter_is_an_error(tmp_path):
    notebooks_dir = tmp_path / "notebooks"
    write_tiny_notebook(notebooks_dir)
    with pytest.raises(ReportError, match="no notebook declares parameter.*mirorr"):
        build_report(
            tmp_path,
            out=tmp_path / "out",
            notebooks_dir=notebooks_dir,
            parameters={"mirorr": "x"},
            corpus=make_corpus(tmp_path),
            progress=False,
        )


def test_empty_notebooks_dir_is_an_error(tmp_path):
    with pytest.raises(ReportError, match="no notebook named NN_name.py"):
        build_report(
            tmp_path,
            out=tmp_path / "out",
            notebooks_dir=tmp_path,
            corpus=make_corpus(tmp_path),
            progress=False,
        )


def _notebook_with_html_output(markup: str):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": markup})]
    nb.cells = [nbformat.v4.new_markdown_cell("# 09 · Outputs"), cell]
    return nb


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="https://example.invalid/x.png">',
        '<script src="//cdn.example.invalid/x.js"></script>',
        '<link rel="stylesheet" href="http://example.invalid/a.css">',
        "<style>@import url('https://example.invalid/font.css');</style>",
        '<div style="background: url(https://example.invalid/bg.png)">x</div>',
    ],
    ids=["img-src", "protocol-relative-script", "stylesheet-link", "css-import", "inline-style"],
)
def test_output_loading_from_a_host_is_refused(markup, tmp_path):
    with pytest.raises(ReportError, match=r"09_out\.html: an output would load .*example\.invalid"):
        export_html(_notebook_with_html_output(markup), tmp_path / "09_out.html", corpus_name="c")
    assert not (tmp_path / "09_out.html").exists()


def test_links_and_quoted_urls_are_allowed(tmp_path):
    markup = (
        '<a href="https://example.org/source">source</a>'
        "<pre>&lt;img src=&quot;https://example.org/x.png&quot;&gt; src=https://x</pre>"
    )
    page = export_html(
        _notebook_with_html_output(markup), tmp_path / "09_out.html", corpus_name="c"
    )
    assert 'href="https://example.org/source"' in page.read_text(encoding="utf-8")


def test_missing_default_notebooks_dir_says_pass_notebooks_dir(tmp_path, monkeypatch):
    import slant

    monkeypatch.setattr(slant, "__file__", str(tmp_path / "site" / "slant" / "__init__.py"))
    with pytest.raises(ReportError, match="not found.*pass notebooks_dir="):
        build_report(tmp_path, out=tmp_path / "out", corpus=make_corpus(tmp_path), progress=False)


@pytest.mark.parametrize(
    "corpus_name, articles, issues",
    [("tiny", "7", "Nothing: every item loaded"), ("bad", "12", "23 items")],
    ids=["clean-corpus", "corpus-with-defects"],
)
def test_index_loads_the_corpus_when_not_given(corpus_name, articles, issues, tmp_path):
    fixtures = Path(__file__).parent / "fixtures"
    notebooks_dir = tmp_path / "notebooks"
    write_tiny_notebook(notebooks_dir)
    corpus_dir = fixtures / ("tiny_corpus" if corpus_name == "tiny" else "bad")
    index = build_report(
        corpus_dir, out=tmp_path / "out", notebooks_dir=notebooks_dir, progress=False
    )
    text = index.read_text(encoding="utf-8")
    assert f"<title>slant report: {corpus_name}</title>" in text
    assert f'<td>Articles</td><td class="num">{articles}</td>' in text
    assert issues in text


def test_save_tables_writes_csv_per_table(tmp_path):
    tables = {"outlets": pd.DataFrame({"id": ["b", "a"]}), "articles": pd.DataFrame({"n": [1]})}
    written = save_tables(tables, tmp_path / "out")
    assert [p.name for p in written] == ["articles.csv", "outlets.csv"]
    assert (tmp_path / "out" / "outlets.csv").read_text().splitlines() == ["id", "b", "a"]
    assert save_tables(tables, "") == []


def test_save_tables_refuses_paths(tmp_path):
    with pytest.raises(ReportError, match="'../x' is not a file name"):
        save_tables({"../x": pd.DataFrame()}, tmp_path)
