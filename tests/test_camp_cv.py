"""Camp classifier on any corpus a user brings: outlet-held-out folds that scale with outlets,
the binary task chosen from the corpus, one-line notes instead of errors, parallel folds with
the results of one process, and results cached by content. Texts are sentences we wrote, by
invented outlets (outlet-a ...), with camps invented for the case (left, right ...)."""

from __future__ import annotations

import joblib
import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import slant.classify._apply as apply_module
import slant.classify._camp as camp_module
from conftest import ROOT, SHARED
from conftest import make_articles as _make_articles
from slant.classify import (
    CACHE_FOLDER,
    GROUPED_SCHEME,
    LOGO_SCHEME,
    MAX_LOGO_OUTLETS,
    alignment_side,
    camp_inputs,
    classify_camps,
    content_key,
    cross_validate_camps,
    outlet_folds,
    task_labels,
)

WORDS = {"left": "sunrise", "right": "sunset", "centre": "noon", "pro-government": "sunrise",
         "Iranian": "sunrise", "Gulf": "sunset", "government": "sunrise", "opposition": "sunset",
         "unknown": "drizzle"}


def corpus(outlet_camps, *, per_outlet=3, target=None):
    """Articles of each (outlet, camp): per_outlet texts using the camp's word; ``target`` is
    the id made the target."""
    rows = []
    for outlet, camp in outlet_camps:
        for i in range(per_outlet):
            word = WORDS[camp]
            text = (f"The {word} came over the hills. Note {i} from {outlet}, "
                    f"the {word} again and the valley below.")
            rows.append((outlet, camp, text))
    articles = _make_articles(rows, wire_credit="", is_target=False)
    if target is not None:
        articles.loc[articles["id"] == target, "is_target"] = True
    return articles


def outlets_of(n, camps=("left", "right")):
    """outlet-01 ... outlet-n, camps in turn."""
    return [(f"outlet-{k + 1:02d}", camps[k % len(camps)]) for k in range(n)]


# --- folds -----------------------------------------------------------------------------------

def test_leave_one_outlet_out_folds_hold_one_outlet_each_in_order():
    inputs = camp_inputs(corpus(outlets_of(4)))
    scheme, splits, note = outlet_folds(inputs["outlet"], inputs["camp"])
    outlets = inputs["outlet"].to_numpy()
    # LeaveOneGroupOut takes the outlets in sorted order, three articles each
    assert scheme == LOGO_SCHEME and note == ""
    assert [sorted(set(outlets[test])) for _, test in splits] == [
        ["outlet-01"], ["outlet-02"], ["outlet-03"], ["outlet-04"]]
    assert [test.tolist() for _, test in splits] == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]]


@pytest.mark.parametrize("n_outlets, scheme, n_folds", [
    (MAX_LOGO_OUTLETS, LOGO_SCHEME, MAX_LOGO_OUTLETS),
    (MAX_LOGO_OUTLETS + 1, GROUPED_SCHEME, 10),
    (140, GROUPED_SCHEME, 10),
], ids=["at-threshold-one-per-fold", "past-threshold-grouped", "many-outlets-grouped"])
def test_grouped_cv_never_puts_one_outlet_in_train_and_test(n_outlets, scheme, n_folds):
    # 1, 2, 3 articles per outlet in turn, as in a real same-event corpus
    outlets = np.repeat([f"outlet-{k:03d}" for k in range(n_outlets)],
                        [1 + k % 3 for k in range(n_outlets)])
    camps = np.array([("left", "right", "centre")[int(o[-3:]) % 3] for o in outlets])
    got, splits, note = outlet_folds(outlets, camps, random_state=0)
    assert got == scheme and len(splits) == n_folds
    tested = np.concatenate([test for _, test in splits])
    assert sorted(tested.tolist()) == list(range(len(outlets)))  # every article tested once
    for train, test in splits:
        assert set(outlets[train]).isdisjoint(outlets[test])
        assert len(train) + len(test) == len(outlets)
    if scheme == GROUPED_SCHEME:
        assert f"{n_outlets} outlets, more than {MAX_LOGO_OUTLETS}: {GROUPED_SCHEME}" in note


def test_the_grouped_scheme_is_named_in_the_scores_and_the_notes():
    inputs = camp_inputs(corpus(outlets_of(24), per_outlet=2))
    scores, confusion, probabilities, notes = cross_validate_camps(
        inputs, models=["tfidf"], tasks=["camp"], n_jobs=1)
    assert set(scores["scheme"]) == {"stratified", GROUPED_SCHEME}
    assert scores.set_index("scheme").loc[GROUPED_SCHEME, "folds"] == 10
    assert set(confusion["scheme"]) == {"stratified", GROUPED_SCHEME}
    # every article's probabilities come from a model that never saw its outlet
    assert probabilities["id"].nunique() == 48
    assert any(GROUPED_SCHEME in n and "no outlet in both training and test" in n for n in notes)
    # the camps write their own words, and each has twelve outlets: held out, still placed
    assert scores.set_index("scheme").loc[GROUPED_SCHEME, "macro_f1"] == 1.0


def test_a_class_missing_from_a_training_fold_keeps_its_own_column():
    # "centre" has one outlet (outlet-e), which writes "sunset" like the right: left out, its
    # training fold holds only left and right, whose two probabilities must land in the "left"
    # and "right" columns (classes sorted: centre, left, right), "centre" staying 0
    articles = corpus([("outlet-a", "left"), ("outlet-b", "left"), ("outlet-c", "right"),
                       ("outlet-d", "right"), ("outlet-e", "centre")])
    articles.loc[articles["outlet"] == "outlet-e", "text"] = articles.loc[
        articles["outlet"] == "outlet-c", "text"].str.replace("outlet-c", "outlet-e").to_numpy()
    inputs = camp_inputs(articles)
    _, _, probabilities, notes = cross_validate_camps(inputs, models=["tfidf"], tasks=["camp"],
                                                      n_jobs=1)
    wide = probabilities.pivot_table(index=["outlet", "id"], columns="class", values="probability")
    centre = wide.loc["outlet-e"]
    assert (centre["centre"] == 0).all()
    assert (centre["right"] > 0.5).all() and (centre["right"] > centre["left"]).all()
    assert np.allclose(wide.sum(axis=1), 1.0)
    assert (wide.drop(index="outlet-e")["centre"] > 0).all()  # in their folds centre was learnt
    assert any("centre come(s) from one outlet only" in n for n in notes)


# --- the binary task from the corpus ----------------------------------------------------------

@pytest.mark.parametrize("outlet_camps, target, side, rest, note", [
    ([("outlet-a", "pro-government"), ("outlet-b", "Iranian"), ("outlet-c", "Gulf"),
      ("outlet-d", "Gulf")], None, "pro-government", "rest", ""),
    (outlets_of(6), None, "left", "right",
     ("none of the Syrian-war camps here, so the binary task is the camp with most "
      "outlets, 'left' (3 outlets) against the rest (3 outlets)")),
    (outlets_of(6), "a3", "right", "left",
     "the binary task is the target's camp 'right' (3 outlets) against the rest (3 outlets)"),
    (outlets_of(6, ("government", "opposition", "opposition")), None, "opposition", "government",
     "the camp with most outlets, 'opposition' (4 outlets) against the rest (2 outlets)"),
    (outlets_of(7, ("left", "right", "centre")), None, "left", "rest",
     "'left' (3 outlets) against the rest (4 outlets)"),
    ([("outlet-a", "pro-government"), ("outlet-b", "left"), ("outlet-c", "left"),
      ("outlet-d", "right"), ("outlet-e", "right")], "a0", "left", "rest",
     "the Syrian axis (pro-government, Iranian, Russian) has fewer than 2 outlets on a side"),
], ids=["syrian-default", "left-right-largest-by-name", "target-camp", "government-opposition",
        "three-camps-rest", "lone-pro-government-falls-back"])
def test_the_binary_side_comes_from_the_corpus(outlet_camps, target, side, rest, note):
    inputs = camp_inputs(corpus(outlet_camps, target=target))
    got, why = alignment_side(inputs)
    assert why == ""
    assert (got.label, got.rest) == (side, rest)
    assert note in got.note and (note != "" or got.note == "")
    labels = task_labels(inputs, "alignment")
    on_side = inputs["camp"].isin(got.camps).to_numpy()
    assert set(labels[on_side]) == {side} and set(labels[~on_side]) == {rest}


@pytest.mark.parametrize("outlet_camps, reason", [
    ([("outlet-a", "left"), ("outlet-b", "left")], r"only one camp \('left'\) among 6 articles"),
    ([("outlet-a", "unknown"), ("outlet-b", "unknown")],
     "every one of the 6 articles is from an outlet of camp 'unknown'"),
    ([("outlet-a", "left"), ("outlet-b", "right"), ("outlet-c", "right"), ("outlet-d", "unknown")],
     "no camp has 2 or more outlets with 2 or more outside it \\(3 outlets in 2 camps\\)"),
], ids=["one-camp", "all-unknown", "one-outlet-on-a-side"])
def test_a_task_that_cannot_run_gives_one_line_not_an_error(outlet_camps, reason):
    results = classify_camps(corpus(outlet_camps, target="a0"), models=["tfidf"], model="tfidf",
                             cache=False, n_jobs=1)
    lines = [n for n in results.notes if n.startswith(("camp and alignment", "alignment"))]
    assert len(lines) == 1 and "not run: " in lines[0]
    assert pd.Series(lines).str.contains(reason).all()
    assert "\n" not in lines[0]
    assert "alignment" not in set(results.scores["task"]) | set(results.target["task"])


def test_unknown_camps_are_left_out_and_said_so():
    articles = corpus([("outlet-a", "left"), ("outlet-b", "left"), ("outlet-c", "right"),
                       ("outlet-d", "right"), ("outlet-e", "unknown")])
    scores, confusion, probabilities, notes = cross_validate_camps(camp_inputs(articles),
                                                                   models=["tfidf"], n_jobs=1)
    assert set(scores["articles"]) == {12}
    assert "outlet-e" not in set(probabilities["outlet"])
    assert "unknown" not in set(confusion["true"]) | set(confusion["predicted"])
    assert "3 articles of 1 outlets of camp 'unknown' (not in outlets.csv) are left out" in notes[0]


def test_the_notebook_cells_show_the_line_instead_of_failing():
    """Notebook 03's camp section, cell by cell, on a corpus where nothing can run."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from slant import charts

    camps = classify_camps(corpus([("outlet-a", "unknown"), ("outlet-b", "unknown")], target="a0"),
                           models=["tfidf"], model="tfidf", cache=False)
    assert "not run" in camps.summary()
    charts.camp_cv_scores(camps.scores)
    camps.scores.pivot_table(index=["task", "model"], columns="scheme", values="macro_f1")
    charts.camp_confusion(camps.confusion, task="camp", model="tfidf", scheme=camps.outlet_scheme)
    charts.target_camp(camps.target, task="camp")
    camps.target_features.query("task == 'camp'").merge(
        camps.target.query("task == 'camp'").head(1)[["class"]])
    charts.outlet_camp_probabilities(camps.probabilities, task="camp")
    plt.close("all")
    assert camps.outlet_scheme == LOGO_SCHEME


# --- parallel folds and the cache -------------------------------------------------------------

def test_parallel_folds_give_the_results_of_one_process(monkeypatch):
    monkeypatch.setattr(camp_module, "MIN_PARALLEL_ARTICLES", 0)  # workers even for 24 articles
    inputs = camp_inputs(corpus(outlets_of(6, ("left", "right", "centre")), per_outlet=4))
    one = cross_validate_camps(inputs, models=["tfidf"], n_jobs=1)
    assert camp_module._n_jobs(2, 30, len(inputs)) == 2  # two workers do run
    two = cross_validate_camps(inputs, models=["tfidf"], n_jobs=2)
    for a, b in zip(one[:3], two[:3]):
        assert_frame_equal(a, b)
    assert one[3] == two[3]


@pytest.fixture
def fit_counter(monkeypatch):
    """Counts the classifier fits of the cross-validation and of the target's model."""
    calls = {"folds": 0, "target": 0}
    fit_fold, fit_model = camp_module._fit_fold, apply_module.fit_camp_model

    def counted_fold(*args, **kwargs):
        calls["folds"] += 1
        return fit_fold(*args, **kwargs)

    def counted_model(*args, **kwargs):
        calls["target"] += 1
        return fit_model(*args, **kwargs)

    monkeypatch.setattr(camp_module, "_fit_fold", counted_fold)
    monkeypatch.setattr(apply_module, "fit_camp_model", counted_model)
    return calls


def test_a_second_call_reads_the_cache_and_does_not_refit(tmp_path, fit_counter):
    articles = corpus(outlets_of(4), target="a0")
    first = classify_camps(articles, models=["tfidf"], model="tfidf", cache=tmp_path, n_jobs=1)
    after_first = dict(fit_counter)
    # camp and alignment (left vs right, the target's camp) share 4 outlet folds; 5 stratified
    # folds each (six articles in either class); the target fitted once per task
    assert after_first == {"folds": 4 * 2 + 5 + 5, "target": 2}
    assert len(list(tmp_path.glob("*.pkl"))) == 1
    second = classify_camps(articles, models=["tfidf"], model="tfidf", cache=tmp_path, n_jobs=1)
    assert fit_counter == after_first
    assert_frame_equal(first.scores, second.scores)
    assert_frame_equal(first.target, second.target)
    assert first.notes == second.notes


def test_a_corrupt_or_foreign_cache_file_is_ignored_and_rewritten(tmp_path, fit_counter):
    articles = corpus(outlets_of(4))
    first = classify_camps(articles, models=["tfidf"], model="tfidf", cache=tmp_path, n_jobs=1)
    (path,) = tmp_path.glob("*.pkl")
    for junk in (b"\x80\x04 not a pickle", None):
        if junk is None:
            joblib.dump({"scores": "something else"}, path)  # readable, but not CampResults
        else:
            path.write_bytes(junk)
        before = fit_counter["folds"]
        again = classify_camps(articles, models=["tfidf"], model="tfidf", cache=tmp_path, n_jobs=1)
        assert fit_counter["folds"] > before
        assert_frame_equal(first.scores, again.scores)
        assert isinstance(joblib.load(path), type(first))


def test_the_default_cache_is_under_slant_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("SLANT_CACHE", str(tmp_path))
    classify_camps(corpus(outlets_of(4)), models=["tfidf"], model="tfidf", n_jobs=1)
    assert len(list((tmp_path / CACHE_FOLDER).glob("*.pkl"))) == 1


@pytest.mark.parametrize("change", ["text", "camp", "outlet", "id", "target", "parameter"])
def test_the_key_changes_with_any_input(change):
    articles = corpus(outlets_of(4))
    inputs = camp_inputs(articles)
    key = content_key(inputs, models=["tfidf"])
    changed = inputs.copy()
    parameters = {"models": ["tfidf"]}
    if change == "target":
        changed.loc[0, "is_target"] = True
    elif change == "parameter":
        parameters = {"models": ["tfidf", "lexicon"]}
    else:
        changed.loc[0, change] = changed.loc[0, change] + " x"
    assert content_key(changed, **parameters) != key
    assert content_key(inputs.copy(), models=["tfidf"]) == key  # same content, same key


# --- FA-KES ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_fakes_grouped_score_stays_close_to_leave_one_outlet_out():
    if not (SHARED / "corpora" / "fa-kes" / "FA-KES-Dataset.csv").is_file():
        pytest.skip(f"needs ../shared (the FA-KES mirror) beside the checkout: {SHARED} not found")
    from slant.corpus import load_corpus

    data = load_corpus(ROOT / "corpus" / "mayadin-2017", mirror=SHARED / "corpora")
    inputs = camp_inputs(data.articles, outlets=data.outlets)
    logo, _, _, _ = cross_validate_camps(inputs, models=["tfidf"])
    grouped, _, _, _ = cross_validate_camps(inputs, models=["tfidf"], max_logo_outlets=0)
    f1 = pd.concat([logo, grouped]).pivot_table(index="task", columns="scheme", values="macro_f1")
    print("\nFA-KES (16 outlets), tfidf, macro-F1:\n" + f1.round(3).to_string())
    assert set(grouped["scheme"]) == {"stratified", GROUPED_SCHEME}
    # 16 outlets in 10 folds: each training fold loses one or two outlets instead of one
    assert abs(f1.loc["alignment", GROUPED_SCHEME] - f1.loc["alignment", LOGO_SCHEME]) < 0.05
    assert abs(f1.loc["camp", GROUPED_SCHEME] - f1.loc["camp", LOGO_SCHEME]) < 0.05
