"""Any corpus a user brings: defaults come from the loaded corpus, and a report builds on corpora
unlike the default one (another conflict, left and right, every outlet unknown, no target, one
outlet, one camp, the target alone, two articles), each section showing its result or saying in
one line why it cannot. The corpora are in ``tests/fixtures/corpora/``: sentences we wrote,
attributed to invented outlets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, ROOT, make_articles
from slant.contrast import compare_groups, compare_sides, compare_target, count_terms
from slant.corpus import CorpusError, choose_sides, load_corpus

CORPORA = FIXTURES / "corpora"
PAGES = ["01_corpus", "02_loaded_terms", "03_contrast_outlets", "04_framing", "05_frames_roles"]
#: The cheapest sentence model: the fixture training set, not BABE (which the tests do not have).
CHEAP = {"sentence_training": str(FIXTURES / "sentences" / "training.csv"), "sentence_cv_folds": 3}


def articles_of(rows, target=None):
    """Articles from (outlet, camp, text) rows, with ``is_target`` set on row ``target``."""
    table = make_articles(rows)
    table["is_target"] = table.index == target if target is not None else False
    return table


# --- the defaults: which sides a comparison takes --------------------------------------------

@pytest.mark.parametrize(
    "rows, target, expected",
    [([("n1", "northern", "x"), ("n2", "northern", "x"), ("s1", "southern", "x")], 2,
      ("camp", "southern", "camp 'southern' (the target's) against every other article")),
     ([("n1", "northern", "x"), ("n2", "northern", "x"), ("s1", "southern", "x")], None,
      ("camp", "northern", "camp 'northern' (the largest) against every other article")),
     ([("l1", "left", "x"), ("r1", "right", "x")], None,
      ("camp", "left", "camp 'left' (the largest) against every other article")),
     ([("p1", "unknown", "x"), ("p1", "unknown", "x"), ("p2", "unknown", "x")], 2,
      ("outlet", "p2", ("every article's camp is unknown, so by outlet: outlet 'p2' (the target's) "
                       "against every other article"))),
     ([("a", "other", "x"), ("b", "other", "x"), ("b", "other", "x")], None,
      ("outlet", "b", ("every article is in camp 'other', so by outlet: outlet 'b' (the largest) "
                      "against every other article"))),
     ([("a", "other", "x"), ("b", "unknown", "x")], 0,
      ("outlet", "a", ("only one camp ('other') besides unknown, so by outlet: outlet 'a' (the "
                      "target's) against every other article"))),
     ([("a", "unknown", "x"), ("b", "pro-government", "x"), ("c", "opposition", "x")], 0,
      ("camp", "opposition", "camp 'opposition' (the largest) against every other article"))],
    ids=["target-camp", "largest-camp", "tie-goes-to-first-name", "all-unknown-by-outlet",
         "one-camp-by-largest-outlet", "one-camp-and-unknown", "target-camp-unknown"],
)
def test_choose_sides_from_the_corpus(rows, target, expected):
    sides = choose_sides(articles_of(rows, target))
    assert (sides.by, sides.a, sides.note) == expected
    assert sides.available and sides.b is None and sides.names == (expected[1], "the rest")


@pytest.mark.parametrize(
    "rows, target, kw, reason",
    [([("a", "other", "x"), ("a", "other", "x")], 0, {},
      "All 2 articles are from one outlet (a), so there are no two sides to compare."),
     ([("a", "pro-government", "x")], 0, {},
      "The corpus holds one article (a0), so there are no two sides to compare."),
     ([("a", "left", "x"), ("b", "right", "x")], None, {"a": "pro-government"},
      ("No article has camp 'pro-government'; the camps present are left, right: name one, or leave "
      "it empty to choose from the corpus.")),
     ([("a", "left", "x"), ("b", "left", "x")], None, {"a": "left"},
      "Every article has camp 'left', so there is no other side to compare it with."),
     ([("a", "left", "x"), ("b", "left", "x")], None, {"by": "outlet", "a": "a", "b": "a"},
      "Both sides are outlet 'a': name two different values."),
     ([("a", "left", "x")], None, {"by": "section"},
      "The articles have no column 'section': compare by one of camp, outlet.")],
    ids=["one-outlet", "one-article", "syrian-camp-on-another-corpus", "given-camp-holds-all",
         "same-value-twice", "no-such-column"],
)
def test_choose_sides_says_why_not(rows, target, kw, reason):
    sides = choose_sides(articles_of(rows, target), **kw)
    assert not sides.available and sides.reason == reason


def test_choose_sides_keeps_what_the_parameters_name():
    articles = articles_of([("a", "left", "x"), ("b", "right", "x"), ("c", "centre", "x")], 0)
    sides = choose_sides(articles, a="right", b="centre")
    assert (sides.by, sides.a, sides.b, sides.names) == ("camp", "right", "centre", ("right", "centre"))
    assert choose_sides(articles, by="outlet").a == "a"  # the target's outlet


# --- the contrast sections: a result or a reason ---------------------------------------------

TEXTS = [("a", "left", "The senator slammed the reckless budget bill again."),
         ("a", "left", "The reckless budget bill was slammed by the senator."),
         ("b", "right", "Taxpayers praised the careful budget bill today."),
         ("b", "right", "The careful budget bill pleased taxpayers today.")]


def test_compare_target_reasons():
    alone = articles_of(TEXTS[:1], 0)
    assert compare_target(alone, count_terms(alone, min_df=1)).reason == (
        "The target is the only article: there is no rest of the corpus to compare it with.")
    none = articles_of(TEXTS)
    assert compare_target(none, count_terms(none, min_df=1)).reason == (
        "No target article: corpus.yml names none, or it did not load (see 01).")


def test_compare_sides_result_and_min_count_reason():
    articles = articles_of(TEXTS, 0)
    counts = count_terms(articles, min_df=1)
    sides = choose_sides(articles)
    shown = compare_sides(articles, counts, sides, min_count=2)
    assert shown.available and shown.note == "Compared: camp 'left' (the target's) against every other article."
    assert shown.terms.iloc[0]["term"] in {"reckless", "senator", "slammed"}
    assert shown.sizes == ((2, 17), (2, 14))  # 8 + 9 words against 7 + 7
    none = compare_sides(articles, counts, sides, min_count=100)
    assert none.terms.empty and none.reason == (
        "No term occurs 100 times in the two sides together (17 and 14 words): too little text to "
        "compare; lower min_count to see more.")


def test_compare_groups_reasons():
    unknown = articles_of([(o, "unknown", t) for o, _, t in TEXTS])
    each = compare_groups(unknown, count_terms(unknown, min_df=1))
    assert each.groups_reason == ("Every article's camp is unknown (no outlet is in the registry or "
                                  "the corpus's outlets.csv): there are no camps to compare.")
    articles = articles_of(TEXTS)
    each = compare_groups(articles, count_terms(articles, min_df=1), min_count=2)
    assert each.available and list(each.wide().columns) == ["left", "right"]


# --- a corpus's own camps --------------------------------------------------------------------

def test_corpus_declares_its_own_camps():
    corpus = load_corpus(CORPORA / "us-politics")
    assert sorted(corpus.articles["camp"].unique()) == ["left", "right"]


def test_own_camps_need_declaring(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "corpus.yml").write_text("name: x\noutlets: outlets.csv\nsources:\n  - articles: articles/\n")
    (tmp_path / "outlets.csv").write_text("id,name,camp\nleft-daily,Left Daily,left\n")
    with pytest.raises(CorpusError, match=r"outlets.csv:2: camp 'left' of outlet 'left-daily' is not one of: "
                                          r".*declare the corpus's own camps in corpus.yml"):
        load_corpus(tmp_path)
    (tmp_path / "corpus.yml").write_text("name: x\noutlets: outlets.csv\ncamps: [left, right]\n"
                                         "sources:\n  - articles: articles/\n")
    assert load_corpus(tmp_path).outlets.set_index("id").loc["left-daily", "camp"] == "left"
    (tmp_path / "corpus.yml").write_text("name: x\ncamps: left\nsources:\n  - articles: articles/\n")
    with pytest.raises(CorpusError, match=r"corpus.yml:2: camps must be a list of names"):
        load_corpus(tmp_path)


def test_every_parameter_is_listed_by_papermill():
    """A help comment papermill cannot parse (an "=" in it) drops the parameter silently."""
    import ast

    import jupytext
    import papermill

    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py")):
        nb = jupytext.read(path)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        names = [n.target.id for n in ast.parse(cell.source).body]
        assert list(papermill.inspect_notebook(nb)) == names, path.name


# --- whole reports on the fixture corpora ----------------------------------------------------

#: Cheapest parameters: the sentence model on the fixture sentences, one camp model.
REPORT_PARAMETERS = {**CHEAP, "camp_models": "tfidf", "camp_model": "tfidf"}
NO_CAMP_MODEL = "No confusion matrix: the camp classifier was not evaluated (see the note above)."
NO_CAMPS_UNKNOWN = ("Every article's camp is unknown (no outlet is in the registry or the corpus's "
                    "outlets.csv): there are no camps to compare.")


# session scope: under pytest-xdist a worker may run another module's test between two of
# this module's, and pytest tears a module fixture down then; built once per worker instead
@pytest.fixture(scope="session")
def reports(tmp_path_factory):
    """Build each fixture corpus's report once (empty cache, no mirror); name -> folder."""
    from slant.report import build_report

    built = {}

    def build(name):
        if name not in built:
            out = tmp_path_factory.mktemp(name)
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("SLANT_CACHE", str(tmp_path_factory.mktemp("cache")))
                mp.delenv("SLANT_MIRROR", raising=False)
                build_report(CORPORA / name, out=out, parameters=REPORT_PARAMETERS, progress=False)
            built[name] = out
        return built[name]

    return build


def page_texts(out) -> dict[str, str]:
    """Each page's HTML, unescaped; asserts every page exists and shows no error or stderr."""
    import html

    pages = {}
    for stem in PAGES:
        text = (out / f"{stem}.html").read_text(encoding="utf-8")
        assert "Traceback" not in text and "output_error" not in text, stem
        assert "output_stderr" not in text, stem
        pages[stem] = html.unescape(text)
    assert all(f'href="{stem}.html"' in (out / "index.html").read_text(encoding="utf-8") for stem in PAGES)
    return pages


def rows(out, table) -> int:
    """Rows of a table the report wrote (0 when it wrote none or an empty one)."""
    path = out / f"{table}.csv"
    return len(pd.read_csv(path)) if path.is_file() and path.stat().st_size > 1 else 0


#: Per corpus: the one-line reasons each page must say, and the tables that must hold rows.
EXPECTED = {
    "other-conflict": {
        # 02's per-outlet charts pool the outlets under min_articles per camp (no reason needed)
        "says": {"03_contrast_outlets": ["Compared: camp 'northern' (the target's) against every other article."],
                 "04_framing": ["0 outlet(s) have 3+ articles; a map needs 3 or more"]},
        "tables": ["contrast_target", "contrast_pair", "contrast_camps", "camp_classifier_scores", "camp_confusion",
                   "target_camp", "hits", "label_choices", "stories"]},
    "us-politics": {
        "says": {"03_contrast_outlets": ["Compared: camp 'left' (the target's) against every other article."],
                 "04_framing": ["no target_source:"],
                 "05_frames_roles": ["corpus.yml names no target_source:, so the target is shown alone."]},
        "tables": ["hits", "camp_scores", "sentence_predictions", "warpeace_articles"]},
    "all-unknown": {
        "says": {"03_contrast_outlets": [
            ("Compared: every article's camp is unknown, so by outlet: outlet 'paper-one' (the target's) "
            "against every other article."), NO_CAMPS_UNKNOWN,
            "camp and alignment: not run: every one of the 4 articles is from an outlet of camp 'unknown'", NO_CAMP_MODEL]},
        "tables": ["hits", "contrast_target"]},
    "multilingual": {
        # en, ar, fa, ru, fr articles scored with the language files; one German article is not
        "says": {"01_corpus": ["Articles per language and camp, and how many are scored",
                               "language 'de': no lexicon in this language"],
                 "02_loaded_terms": ["Labels of the target's referents per language (own voice)",
                                     "الجيش العربي السوري (the Syrian Arab Army)", "داعش (Daesh)",
                                     "Сирийская арабская армия (the Syrian Arab Army)", "the valiant army"],
                 "03_contrast_outlets": ["Compared: camp 'northern' (the target's) against every other article."],
                 "04_framing": ["no target_source:"],
                 "05_frames_roles": ["no war/peace cue lists for language 'ar'"]},
        "tables": ["hits", "label_choices", "not_scored", "camp_scores", "warpeace_articles"]},
    "no-target": {
        "says": {"02_loaded_terms": ["The target article did not load (see 01)."],
                 "03_contrast_outlets": ["No target article: corpus.yml names none, or it did not load (see 01).",
                                         "Compared: camp 'opposition' (the largest) against every other article."],
                 "05_frames_roles": ["No target article: corpus.yml names none, or it did not load (see 01)."]},
        "tables": ["hits", "camp_scores", "warpeace_articles", "warpeace_camps"]},
    "one-outlet": {
        "says": {"03_contrast_outlets": [
            "All 3 articles are from one outlet (outlet-a), so there are no two sides to compare.",
            "Every article has camp 'other': there is no other camp to compare it with.",
            "camp and alignment: not run: only one camp ('other') among 3 articles", NO_CAMP_MODEL],
            "04_framing": ["1 outlet(s) have 3+ articles; a map needs 3 or more"]},
        "tables": ["hits"]},
    "one-camp": {
        "says": {"03_contrast_outlets": [
            ("Compared: every article is in camp 'other', so by outlet: outlet 'outlet-a' (the target's) "
            "against every other article."), "camp and alignment: not run: only one camp ('other') among 4 articles"]},
        "tables": ["hits"]},
    "target-alone": {
        "says": {"03_contrast_outlets": [
            "The target is the only article: there is no rest of the corpus to compare it with.",
            "The corpus holds one article (outlet-a-2016-08-09), so there are no two sides to compare.",
            "Every article has camp 'pro-government': there is no other camp to compare it with.",
            "camp and alignment: not run: only one camp ('pro-government') among 1 articles", NO_CAMP_MODEL],
            "04_framing": ["1 articles in 0 stories of 2+ articles", "a map needs 3 or more"]},
        "tables": ["hits", "sentence_predictions"]},
    "two-articles": {
        "says": {"03_contrast_outlets": [
            "Compared: camp 'pro-government' (the target's) against every other article.",
            "No camp classifier: 2 articles are too few to fit it in every fold", NO_CAMP_MODEL],
            "04_framing": ["a map needs 3 or more"]},
        "tables": ["hits"]},
}


def _report_builds_on_any_corpus(name, reports):
    out = reports(name)
    pages = page_texts(out)
    # the target article in full on page 01 wherever there is one
    corpus = load_corpus(CORPORA / name)
    if corpus.target_article is not None:
        assert corpus.target_article["text"].splitlines()[0] in pages["01_corpus"]
    else:
        assert "No target article loaded: see the load report above." in pages["01_corpus"]
    for stem, lines in EXPECTED[name]["says"].items():
        for line in lines:
            assert line in pages[stem], (stem, line)
    for table in EXPECTED[name]["tables"]:
        assert rows(out, table) > 0, table
    # no section names the default corpus's camps on a corpus that has none of them
    assert "pro-government" not in pages["03_contrast_outlets"] or "pro-government" in set(corpus.articles["camp"])


# The fixture-corpus reports are the longest tests: three classes, so that pytest-xdist's
# loadscope (make test) spreads them over the workers, a class per worker at a time.
_NAMES = sorted(EXPECTED)


@pytest.mark.slow
class TestReportsFirstThird:
    @pytest.mark.parametrize("name", _NAMES[0::3])
    def test_report_builds_on_any_corpus(self, name, reports):
        _report_builds_on_any_corpus(name, reports)


@pytest.mark.slow
class TestReportsSecondThird:
    @pytest.mark.parametrize("name", _NAMES[1::3])
    def test_report_builds_on_any_corpus(self, name, reports):
        _report_builds_on_any_corpus(name, reports)

    # here, beside the report it reads: the class shares one worker, so it is built once
    def test_multilingual_report_reads_right_to_left_and_escapes(self, reports):
        """The Arabic target is laid out right to left, its "<script>" line shown as text; the
        tables carry each label's language and gloss, and the German article is listed as not
        scored."""
        out = reports("multilingual")
        raw = (out / "02_loaded_terms.html").read_text(encoding="utf-8")
        assert 'dir="rtl"' in raw or "dir='rtl'" in raw
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "<script>alert(1)" not in raw
        hits = pd.read_csv(out / "hits.csv")
        assert set(hits["language"]) == {"ar", "en", "fa", "fr", "ru"}
        assert hits.loc[hits["label"] == "الجيش الباسل", "gloss"].tolist() == ["the valiant army"]
        not_scored = pd.read_csv(out / "not_scored.csv")
        assert not_scored[["outlet", "language", "articles"]].values.tolist() == [["outlet-e", "de", 1]]
        choices = pd.read_csv(out / "label_choices.csv")
        assert "داعش (Daesh)" in set(choices["display"])


@pytest.mark.slow
class TestReportsLastThird:
    @pytest.mark.parametrize("name", _NAMES[2::3])
    def test_report_builds_on_any_corpus(self, name, reports):
        _report_builds_on_any_corpus(name, reports)

    # here, beside the report it reads (built once on the class's worker)
    def test_corpus_parameters_reach_the_notebooks(self, reports):
        """other-conflict's corpus.yml sets min_count: 2, so its pair shows terms used twice."""
        pair = pd.read_csv(reports("other-conflict") / "contrast_pair.csv")
        assert pair["total"].min() == 2


@pytest.mark.slow
def test_make_report_on_a_clean_clone_offline(tmp_path):
    """`make report` on a fresh clone: no ../shared beside it, no network (every request goes to a
    closed local port), an empty cache. `slant fetch` reports every URL as not fetched; the report
    covers the default corpus's target article alone, and each section says why it cannot do more.
    The clone is of the committed branch; the environment is this one's (no pip install)."""
    import os
    import shutil
    import subprocess
    import sys

    if not (shutil.which("make") and shutil.which("git")):
        pytest.skip("needs make and git")
    branch = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--abbrev-ref", "HEAD"],
                            capture_output=True, text=True, check=True).stdout.strip()
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--branch", branch, str(ROOT), str(clone)], check=True)
    assert not (clone.parent / "shared").exists()
    closed = "http://127.0.0.1:9"  # the discard port: nothing listens, every request fails at once
    env = {**os.environ, "SLANT_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(clone / "lib"),
           "http_proxy": closed, "https_proxy": closed, "HTTP_PROXY": closed, "HTTPS_PROXY": closed,
           "no_proxy": "", "NO_PROXY": ""}
    env.pop("SLANT_MIRROR", None)
    bin_dir = Path(sys.executable).parent  # this environment instead of a new .venv
    done = subprocess.run(["make", "-C", str(clone), "report", f"BIN={bin_dir}", "STAMP="], env=env, check=False,
                          capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stderr[-2000:]
    pages = page_texts(clone / "reports" / "mayadin-2017")
    page03 = pages["03_contrast_outlets"]
    assert "The target is the only article: there is no rest of the corpus to compare it with." in page03
    assert "The corpus holds one article (presstv-2017-10-12), so there are no two sides to compare." in page03
    assert "camp and alignment: not run: only one camp ('Iranian') among 1 articles" in page03
    assert "not fetched" in pages["01_corpus"]
