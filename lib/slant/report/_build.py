"""Report stage: run the notebooks on a corpus and write an offline HTML report.

Input: a corpus folder and jupytext percent notebooks ``NN_name.py``, run in name order
with papermill. Output, in ``out``: ``<stem>.ipynb`` (executed), ``<stem>.html`` (inputs
hidden, images inlined, nothing loaded from another host), ``index.html`` (corpus summary,
what could not be loaded, page links) and ``load-report.csv`` (the full load report).
"""

from __future__ import annotations

import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import jinja2
import jupytext
import nbformat
import pandas as pd
import papermill
from nbconvert import HTMLExporter
from papermill.exceptions import PapermillExecutionError

import slant

from ..common import find_remote_fetches
from ..corpus import ISSUE_COLUMNS, Corpus, group_issues, source_table
from ..findings import read_findings

__all__ = [
    "TEMPLATES_DIR",
    "ReportError",
    "build_report",
    "export_html",
    "save_tables",
    "write_index",
]

#: The nbconvert template ``slant`` (the lab template minus CDN scripts) and index.html.
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "data" / "templates"

#: Notebook file names: two-digit run order, then a name (STYLE §6).
NOTEBOOK_NAME = re.compile(r"^\d{2}_\w+\.py$")

#: The index page's template, in TEMPLATES_DIR.
INDEX_TEMPLATE = "report_index.html.j2"

#: Rows of the load report shown on the index page; the rest go to load-report.csv only.
MAX_ISSUE_ROWS = 50

#: HTMLExporter traits that point at a CDN by default. The ``slant`` template drops the
#: blocks that use them; blanking them as well keeps a stray block from fetching anything.
CDN_TRAITS = (
    "require_js_url",
    "mathjax_url",
    "mermaid_js_url",
    "mermaid_layout_elk_js_url",
    "jquery_url",
    "jupyter_widgets_base_url",
    "widget_renderer_url",
)


class ReportError(ValueError):
    """A notebook failed, or the report cannot be built; the message names the file and fix."""


def build_report(
    corpus_dir: str | Path,
    *,
    out: str | Path,
    notebooks_dir: str | Path | None = None,
    parameters: dict | None = None,
    corpus: Corpus | None = None,
    progress: bool = True,
    kernel_name: str = "python3",
) -> Path:
    """Run every notebook on a corpus and write the HTML report.

    Parameters
    ----------
    corpus_dir : str or Path
        Corpus folder (with ``corpus.yml``), passed to each notebook as ``corpus_dir``.
    out : str or Path
        Output folder, created if missing; passed to each notebook as ``out_dir``.
    notebooks_dir : str or Path, optional
        Folder of ``NN_name.py`` notebooks; default the repository's ``notebooks/``.
        Notebooks run with its parent folder as working directory.
    parameters : dict, optional
        Extra notebook parameters. Each notebook receives only the names its
        ``parameters`` cell declares; values keep their Python types. They override the
        corpus's own (``parameters:`` in corpus.yml), which override the notebooks' defaults.
    corpus : Corpus, optional
        The loaded corpus, for the index page; default ``load_corpus(corpus_dir)``.
    progress : bool, default True
        Print one line per notebook and show papermill's cell progress bar.
    kernel_name : str, default "python3"
        Jupyter kernel the notebooks run in.

    Returns
    -------
    Path
        ``out/index.html``.

    Raises
    ------
    ReportError
        When no notebook is found, a parameter is declared by no notebook, or a notebook
        fails. On failure the partial page and the index are still written.
    """
    corpus_dir, out = Path(corpus_dir).resolve(), Path(out).resolve()
    notebooks_dir = Path(notebooks_dir) if notebooks_dir else _default_notebooks_dir()
    paths = _find_notebooks(notebooks_dir)
    if corpus is None:
        from slant.corpus import load_corpus  # lazy: report sits on top of the corpus stage

        # the mirror the notebooks get, so the index counts what they load
        corpus = load_corpus(corpus_dir, mirror=(parameters or {}).get("mirror") or None)
    out.mkdir(parents=True, exist_ok=True)
    from_corpus = dict((corpus.config or {}).get("parameters") or {})
    values = {"corpus_dir": str(corpus_dir), "out_dir": str(out), **from_corpus, **(parameters or {})}
    notebooks = [(path, _read_notebook(path, kernel_name)) for path in paths]
    declared = {path: set(papermill.inspect_notebook(nb)) for path, nb in notebooks}
    known = ", ".join(sorted(set().union(*declared.values()))) or "none"
    for given, where in ((from_corpus, f"{corpus_dir / 'corpus.yml'}: parameters:"),
                         (parameters or {}, f"{notebooks_dir}:")):
        unknown = sorted(set(given) - set().union(*declared.values()))
        if unknown:
            raise ReportError(
                f"{where} no notebook declares parameter(s) {', '.join(unknown)}; "
                f"check the spelling (declared: {known})"
            )

    # the notebooks' own folder, as in JupyterLab, so their relative defaults mean the same
    cwd = notebooks_dir
    run = {"kernel_name": kernel_name, "language": "python", "cwd": cwd, "progress_bar": progress}
    pages = []
    for number, (path, nb) in enumerate(notebooks, start=1):
        if progress:
            print(f"[{number}/{len(notebooks)}] {path.name}", file=sys.stderr, flush=True)
        title, ipynb = _title(nb, path.stem), out / f"{path.stem}.ipynb"
        passed = {name: value for name, value in values.items() if name in declared[path]}
        failure = None
        started = time.perf_counter()
        try:
            executed = papermill.execute_notebook(nb, ipynb, parameters=passed, **run)
        except PapermillExecutionError as exc:  # papermill saved the notebook, error included
            executed, failure = nbformat.read(ipynb, as_version=4), exc
        export_html(executed, out / f"{path.stem}.html", corpus_name=corpus.name, title=title)
        if progress:
            print(f"      {path.stem}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
        pages.append((f"{title} (failed)" if failure else title, f"{path.stem}.html"))
        if failure:
            write_index(out, corpus=corpus, pages=pages, built_at=datetime.now(timezone.utc))
            raise ReportError(_failure_message(path, nb, failure, passed, out)) from failure
    return write_index(out, corpus=corpus, pages=pages, built_at=datetime.now(timezone.utc))


def export_html(nb, dest: str | Path, *, corpus_name: str, title: str = "") -> Path:
    """Write one executed notebook as an offline HTML page, inputs and prompts hidden.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Executed notebook.
    dest : str or Path
        HTML file to write.
    corpus_name : str
        Shown (escaped) in the bar that links back to ``index.html``.
    title : str, optional
        Page title; default the file stem.

    Returns
    -------
    Path
        ``dest``.

    Raises
    ------
    ReportError
        When an output would make the browser fetch something from another host.
    """
    dest = Path(dest)
    exporter = HTMLExporter(
        template_name="slant",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,  # markdown images become data: URIs
        **dict.fromkeys(CDN_TRAITS, ""),
    )
    resources = {"metadata": {"name": title or dest.stem}, "slant_corpus_name": corpus_name}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    remote = find_remote_fetches(body)
    if remote:
        raise ReportError(
            f"{dest.name}: an output would load {', '.join(remote[:3])} from another host; "
            "embed the data in the notebook output (e.g. a PNG) instead of linking it"
        )
    dest.write_text(body, encoding="utf-8")
    return dest


def write_index(
    out: str | Path, *, corpus: Corpus, pages: list[tuple[str, str]], built_at: datetime
) -> Path:
    """Write ``out/index.html``: the findings first (:func:`slant.findings.read_findings` on the
    tables in ``out``), then the pages, the corpus summary and what could not be loaded.

    Rendered from ``report_index.html.j2`` with autoescape on, so every corpus-derived
    string is escaped; the page has inline CSS only.

    Parameters
    ----------
    out : str or Path
        Report folder.
    corpus : Corpus
        The loaded corpus.
    pages : list of (str, str)
        ``(title, filename)`` of each notebook page, in run order.
    built_at : datetime
        When the report was built; naive values are taken as UTC.

    Returns
    -------
    Path
        The index file. ``load-report.csv`` is written next to it when there are issues.
    """
    out = Path(out)
    if built_at.tzinfo is None:
        built_at = built_at.replace(tzinfo=timezone.utc)
    issues = corpus.issues
    if issues is None or issues.empty:
        issues = pd.DataFrame(columns=ISSUE_COLUMNS)
    else:
        issues.to_csv(out / "load-report.csv", index=False)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # corpus names, titles and reasons may hold markup
        trim_blocks=True,
        lstrip_blocks=True,
    )
    page = env.get_template(INDEX_TEMPLATE).render(
        corpus=corpus,
        findings=_findings(out, pages),
        pages=pages,
        built=built_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        version=slant.__version__,
        **_corpus_facts(corpus),
        **_issue_tables(issues),
    )
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def save_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path | None) -> list[Path]:
    """Write each table to ``<out_dir>/<name>.csv``, for a notebook's last cell.

    Parameters
    ----------
    tables : dict of str to DataFrame
        File stem (e.g. ``"articles"``) to table.
    out_dir : str or Path or None
        Report folder, created if missing; ``""`` or None writes nothing.

    Returns
    -------
    list of Path
        The files written, in name order.
    """
    if not out_dir:
        return []
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(tables):
        if Path(name).name != name or not name:
            raise ReportError(f"save_tables: {name!r} is not a file name; use e.g. 'articles'")
        tables[name].to_csv(out_dir / f"{name}.csv", index=False)
        written.append(out_dir / f"{name}.csv")
    return written


def _find_notebooks(notebooks_dir: Path) -> list[Path]:
    """The ``NN_name.py`` files in notebooks_dir, in name (= run) order."""
    notebooks_dir = Path(notebooks_dir)
    if not notebooks_dir.is_dir():
        raise ReportError(
            f"{notebooks_dir}: no notebooks folder here; pass notebooks_dir= the folder "
            "holding the NN_name.py notebooks (the repository's notebooks/)"
        )
    paths = sorted(p for p in notebooks_dir.iterdir() if NOTEBOOK_NAME.match(p.name))
    if not paths:
        raise ReportError(
            f"{notebooks_dir}: no notebook named NN_name.py (e.g. 01_load_corpus.py); "
            "pass notebooks_dir= the folder that holds them"
        )
    return paths


def _default_notebooks_dir() -> Path:
    folder = Path(slant.__file__).resolve().parents[2] / "notebooks"
    if not folder.is_dir():
        raise ReportError(
            f"{folder}: not found (slant is not run from a repository checkout); "
            "pass notebooks_dir= the folder holding the NN_name.py notebooks"
        )
    return folder


def _read_notebook(path: Path, kernel_name: str):
    nb = jupytext.read(path)
    nb.metadata["kernelspec"] = {
        "name": kernel_name,
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def _title(nb, default: str) -> str:
    """The notebook's first markdown heading, without the leading #s."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return default


def _failure_message(path: Path, nb, exc: PapermillExecutionError, passed: dict, out: Path) -> str:
    """Name the notebook, the cell (as numbered in the .py/JupyterLab) and the fix."""
    sources = [cell.source for cell in nb.cells]
    # papermill's cell_index counts its injected parameters cell; match the source instead.
    number = sources.index(exc.source) + 1 if exc.source in sources else exc.cell_index + 1
    first = next((line for line in exc.source.splitlines() if line.strip()), "")
    text = path.read_text(encoding="utf-8")
    where = text.find(exc.source) if exc.source else -1
    line = f"line {text.count(chr(10), 0, where) + 1}: " if where >= 0 else ""
    args = ", ".join(f"{name}={value!r}" for name, value in passed.items())
    return (
        f"{path}: cell {number} ({line}{first.strip()}) raised {exc.ename}: {exc.evalue}. "
        f"The partial page is {out / (path.stem + '.html')}. "
        f"Fix: open {path} in JupyterLab and run it with {args or 'its defaults'}."
    )


def _corpus_facts(corpus: Corpus) -> dict:
    """Counts, languages, date range, window, target and articles per camp."""
    articles = corpus.articles
    dates = pd.to_datetime(articles["date"], errors="coerce").dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "none known"
    if len(articles) > len(dates):
        span += f" ({len(articles) - len(dates)} without a date)"
    window = corpus.window and f"{corpus.window[0]:%Y-%m-%d} to {corpus.window[1]:%Y-%m-%d}"
    loaded = corpus.target_article is not None
    target = "none named"
    if corpus.target is not None:
        target = f"{corpus.target} ({'loaded' if loaded else 'NOT loaded'})"
    languages = sorted({str(code) for code in articles["language"].dropna()} - {""})
    camps = articles["camp"].fillna("").astype(str).replace("", "(no camp)")
    return {
        "n_articles": len(articles),
        "target_loaded": loaded,
        "facts": [
            ("Articles", len(articles)),
            ("Outlets with articles", int(articles["outlet"].nunique())),
            ("Outlets in the registry", len(corpus.outlets)),
            ("Languages", ", ".join(languages) or "none known"),
            ("Dates", span),
            ("Window", window or "none"),
            ("Target article", target),
        ],
        "per_camp": [(camp, int(n)) for camp, n in camps.value_counts().sort_index().items()],
        "per_source": [(src, *map(int, row)) for src, row in source_table(corpus).iterrows()],
    }


def heading_anchor(heading: str) -> str:
    """The id nbconvert gives a markdown heading (``nbconvert.filters.strings._convert_header_id``
    in nbconvert 7): spaces to hyphens, then URL-quoted except the fragment-safe characters."""
    return quote(heading.replace(" ", "-"), safe="?/:@!$&'()*+,;=")


def _findings(out: Path, pages: list[tuple[str, str]]) -> list[dict]:
    """The findings of the report folder, each with its link (page#section) when the page was
    written."""
    written = {filename for _, filename in pages}
    rows = []
    for row in read_findings(out).itertuples(index=False):
        link = f"{row.page}#{heading_anchor(row.section)}" if row.page in written else ""
        rows.append({"finding": row.finding, "text": row.text, "articles": row.articles,
                     "section": row.section, "link": link})
    return rows


def _issue_tables(issues: pd.DataFrame) -> dict:
    """The load report summarised: counts by action and by reason, the first rows."""
    per_reason = group_issues(issues).reset_index()
    first = issues.head(MAX_ISSUE_ROWS)
    where = [f"{Path(f).name}:{line}" if line else Path(f).name for f, line in zip(first["file"], first["line"])]
    return {
        "n_issues": len(issues),
        "per_action": list(issues["action"].value_counts().sort_index().items()),
        "per_reason": [(r.source, r.action, r.reason, int(r.items)) for r in per_reason.itertuples()],
        "first_issues": [(w, r.item, r.action, r.reason, r.fix)
                         for w, r in zip(where, first.itertuples(index=False))],
    }
