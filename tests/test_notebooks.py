"""Every notebook runs top to bottom on the tiny corpus, as `slant report` runs it."""

from __future__ import annotations

import ast

import jupytext
import papermill
import pytest

from conftest import FIXTURES, ROOT, TINY_CORPUS

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))
#: The tiny corpus is too small for the default minimum counts; the sentence classifier trains on
#: the fixture sentences (not BABE, which the tests do not have), with folds its 12 articles allow.
EXTRA_PARAMETERS = {"03_contrast_outlets": {"min_count": 1, "sentence_cv_folds": 3,
                                            "sentence_training": str(FIXTURES / "sentences" / "training.csv")},
                    "04_framing": {"map_min_articles": 1, "rewrite_threshold": 0.4}}


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_corpus.py"]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, tmp_path):
    nb = jupytext.read(path)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    out = papermill.execute_notebook(
        nb, str(tmp_path / f"{path.stem}.ipynb"), kernel_name="python3", language="python",
        cwd=str(ROOT / "notebooks"), progress_bar=False,
        parameters={"corpus_dir": str(TINY_CORPUS), "out_dir": str(tmp_path / "tables"),
                    **EXTRA_PARAMETERS.get(path.stem, {})})
    text = "\n".join(str(o.get("data", {}).get("text/html", "")) + str(o.get("text", ""))
                     for c in out.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "Traceback" not in text
    # a report page shows no stderr block: warnings are fixed, not shown to readers
    stderr = [o["text"] for c in out.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("name") == "stderr"]
    assert stderr == []
    if path.stem == "01_corpus":
        # the target article in full, escaped, and the tables written
        assert "The army liberated the town of Qaryat from the terrorists." in text
        assert "no headline survives" in text
        assert (tmp_path / "tables" / "articles.csv").is_file()
        assert (tmp_path / "tables" / "load-report.csv").is_file()
        images = sum("image/png" in o.get("data", {}) for c in out.cells for o in c.get("outputs", []))
        assert images == 5  # camps, two timelines, lengths, languages scored or not
    if path.stem == "03_contrast_outlets":
        assert (tmp_path / "tables" / "suggestions.csv").is_file()
        import pandas as pd

        target_terms = pd.read_csv(tmp_path / "tables" / "contrast_target.csv")
        assert len(target_terms) > 5 and target_terms["z"].is_monotonic_decreasing
        assert abs(target_terms.set_index("term").loc["the", "z"]) < 2  # the prior keeps it near 0
        camp_scores = pd.read_csv(tmp_path / "tables" / "camp_classifier_scores.csv")
        assert set(camp_scores["scheme"]) >= {"leave-one-outlet-out"}
        assert pd.read_csv(tmp_path / "tables" / "target_camp.csv")["probability"].gt(0).any()
        # the sentence classifier ran on the fixture training set: evaluated, applied, shared out
        assert "Model: fitted on training.csv" in text and "No sentence model" not in text
        results = pd.read_csv(tmp_path / "tables" / "sentence_cv_results.csv")
        assert results["model"].tolist() == ["majority", "any-lexicon-hit", "tfidf-lr", "combined-lr",
                                             "marked-words-lr"]
        assert results["sentences"].eq(48).all() and results["folds"].eq(3).all()
        predictions = pd.read_csv(tmp_path / "tables" / "sentence_predictions.csv")
        assert len(predictions) == 9  # every sentence of the 6 articles kept (wire copy left out)
        proba = predictions.set_index("text")["probability"]
        loaded = proba[["Regime forces shelled Qaryat and killed four civilians, activists said.",
                        "The army liberated the town of Qaryat from the terrorists."]]
        neutral = proba[["Fighting continued on the outskirts.",
                         "Aid convoys reached Qaryat two days after the fighting ended."]]
        assert loaded.min() > neutral.max()
        assert loaded.iloc[0] > 0.5 > neutral.iloc[0]
        shares = pd.read_csv(tmp_path / "tables" / "sentence_outlet_shares.csv")
        assert sorted(shares["group"]) == ["outlet-a", "outlet-b", "outlet-c", "outlet-d"]
        assert shares["sentences"].sum() == 9
        assert (tmp_path / "tables" / "sentence_camp_shares.csv").is_file()
        assert "title='loaded: " in text  # the target's sentences marked
    # the tables' paths are not shown to the reader
    assert "PosixPath" not in text
    if path.stem == "04_framing":
        import pandas as pd

        # the tiny target rewrites outlet-b's report: one sentence rewritten, "captured" relabelled
        edits = pd.read_csv(tmp_path / "tables" / "rewrite_edits.csv").fillna("")
        assert ["government forces captured", "the army liberated", True] in \
            edits[["source_words", "target_words", "same_referent"]].values.tolist()
        assert "referent: taking-territory" in text
        for name in ("stories", "story_clusters", "uncovered_camps", "outlet_map", "outlet_map_terms"):
            assert (tmp_path / "tables" / f"{name}.csv").is_file()
    if path.stem == "02_loaded_terms":
        # the target highlighted: its loaded terms marked, the text escaped
        assert "<mark title='liberated · taking-territory · legitimising · own'" in text
        assert "&quot;We are free,&quot; one resident said." in text
        assert (tmp_path / "tables" / "hits.csv").is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_defaults_point_at_the_default_corpus(path):
    """Opened in JupyterLab (working folder notebooks/), the defaults must find the corpus."""
    params = papermill.inspect_notebook(jupytext.read(path))
    default = params["corpus_dir"]["default"].strip("\"'")
    assert (ROOT / "notebooks" / default / "corpus.yml").is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_form(path):
    """STYLE §3: a tagged parameters cell of literals; no def, class or sys.path in a notebook."""
    nb = jupytext.read(path)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for node in ast.parse(params[0].source).body:
        assert isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Constant), ast.dump(node)
    names = {n.target.id for n in ast.parse(params[0].source).body}
    assert {"corpus_dir", "out_dir"} <= names
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    tree = ast.parse(code)
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))]
    assert "sys.path" not in code and "filterwarnings" not in code and "rcParams" not in code
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith(f"# {path.stem[:2]} · ")

