"""Camp classifier: lexicon features counted by hand, estimator conventions, honest grouped CV,
a synthetic corpus whose answer is known, clear errors, and FA-KES where ../shared is present."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from conftest import FIXTURES, ROOT, SHARED
from conftest import make_articles as _make_articles
from slant.classify import (
    CampError,
    LexiconFeatures,
    camp_inputs,
    classify_camps,
    cross_validate_camps,
    make_camp_model,
    strip_stop_terms,
    task_labels,
)
from slant.classify._camp import _splits
from slant.lexicons import LexiconError, load_lexicon

OUTLETS = pd.DataFrame({"id": ["outlet-a", "outlet-b", "outlet-c", "outlet-d"],
                        "name": ["Outlet Alpha", "Outlet Bravo", "Outlet Charlie", "Outlet Delta"]})


@pytest.fixture(scope="module")
def tiny_lexicon():
    return load_lexicon(FIXTURES / "tiny-lexicon.yml")


def make_articles(rows):
    """Articles from (outlet, camp, text) rows, own writing, none the target."""
    return _make_articles(rows, wire_credit="", is_target=False)


# --- LexiconFeatures -------------------------------------------------------------------------

def test_lexicon_features_count_by_hand(tiny_lexicon):
    articles = make_articles([
        # Daesh (islamic-state, delegitimising, own); terrorists (islamic-state, delegitimising,
        # own); liberated (taking-territory, legitimising, quoted: "a commander said")
        ("outlet-a", "x", 'Daesh terrorists fled. The town was "liberated", a commander said.'),
        # Syrian army (syrian-government, neutral, own); captured (taking-territory, neutral, own)
        ("outlet-b", "y", "The Syrian army captured the town."),
        ("outlet-b", "y", "Nothing here matches."),
    ])
    features = LexiconFeatures(lexicon=tiny_lexicon).fit(articles)
    counts = pd.DataFrame(features.transform(articles).toarray(),
                          columns=features.get_feature_names_out(), index=articles["id"])
    assert counts.loc["a0", "referent=islamic-state"] == 2
    assert counts.loc["a0", "label=Daesh"] == 1 and counts.loc["a0", "label=terrorists"] == 1
    assert counts.loc["a0", "stance=delegitimising"] == 2
    assert counts.loc["a0", "stance=legitimising"] == 1
    assert counts.loc["a0", "voice=own"] == 2 and counts.loc["a0", "voice=quoted"] == 1
    assert counts.loc["a0", "stance=legitimising|voice=quoted"] == 1
    assert counts.loc["a0", "stance=legitimising|voice=own"] == 0
    assert counts.loc["a1", "referent=syrian-government"] == 1
    assert counts.loc["a1", "referent=taking-territory"] == 1
    assert counts.loc["a1", "stance=neutral"] == 2 and counts.loc["a1", "voice=own"] == 2
    assert counts.loc["a2"].sum() == 0
    # every hit counts once per kind (referent, label, stance, voice) and once per stance x voice
    assert counts.loc["a0"].sum() == 3 * 5


def test_lexicon_features_follow_estimator_conventions(tiny_lexicon):
    est = LexiconFeatures(lexicon=tiny_lexicon, split_voice=False)
    copy = clone(est)
    params = copy.get_params()
    assert set(params) == {"lexicon", "split_voice", "n_jobs"}
    assert params["split_voice"] is False and params["n_jobs"] == 1
    assert params["lexicon"].names == tiny_lexicon.names  # clone copies the lexicon
    assert not hasattr(copy, "lexicon_")
    articles = make_articles([("outlet-a", "x", "Daesh fled.")])
    assert copy.fit(articles) is copy
    names = copy.get_feature_names_out()
    assert copy.transform(articles).shape == (1, len(names))
    assert "voice=own" in names and not any("|voice=" in n for n in names)


def test_lexicon_features_errors(tiny_lexicon):
    with pytest.raises(LexiconError, match="needs lexicon=load_lexicons"):
        LexiconFeatures().fit(make_articles([("outlet-a", "x", "text")]))
    with pytest.raises(LexiconError, match="columns 'id' and 'text'"):
        LexiconFeatures(lexicon=tiny_lexicon).fit(pd.DataFrame({"body": ["x"]}))


# --- stripping -------------------------------------------------------------------------------

def test_self_names_datelines_and_trailers_are_stripped():
    text = ("DAMASCUS, Oct 12 (SANA) - Outlet Alpha reports that the army advanced. "
            "Reporting by Jane Doe")
    articles = make_articles([("outlet-a", "x", text)])
    text = strip_stop_terms(articles, outlets=OUTLETS).iloc[0]
    words = text.split()
    assert "alpha" not in words and "sana" not in words and "oct" not in words
    assert "reporting" not in words and "12" not in words
    assert "army advanced" in text and "damascus" in words


# --- cross-validation ------------------------------------------------------------------------

def synthetic(n_per_outlet=6):
    """Invented outlets: camp "up" (outlet-a, outlet-b) writes "sunrise", camp "down"
    (outlet-c, outlet-d) writes "sunset"; the rest of each text is shared."""
    rows = []
    for outlet, camp, word in (("outlet-a", "up", "sunrise"), ("outlet-b", "up", "sunrise"),
                               ("outlet-c", "down", "sunset"), ("outlet-d", "down", "sunset")):
        for i in range(n_per_outlet):
            text = f"The {word} came over the hills. Story {outlet} {i} of the day, the {word} again."
            rows.append((outlet, camp, text))
    return make_articles(rows)


def test_grouped_cv_never_puts_an_outlet_in_train_and_test():
    inputs = camp_inputs(synthetic(), outlets=OUTLETS)
    y = task_labels(inputs, "camp")
    splits = _splits("leave-one-outlet-out", inputs, y, 5, 0, [], "camp")
    outlets = inputs["outlet"].to_numpy()
    assert len(splits) == 4
    for train, test in splits:
        assert set(outlets[train]).isdisjoint(outlets[test])
        assert len(set(outlets[test])) == 1


def test_classifier_learns_the_known_words_of_each_camp():
    inputs = camp_inputs(synthetic(), outlets=OUTLETS)
    scores, confusion, probabilities, notes = cross_validate_camps(inputs, models=["tfidf"],
                                                                   tasks=["camp"])
    by_scheme = scores.set_index("scheme")["macro_f1"]
    # each camp has two outlets, so even an outlet never seen is placed by its word
    assert by_scheme["leave-one-outlet-out"] == 1.0 and by_scheme["stratified"] == 1.0
    right = confusion[confusion["true"] == confusion["predicted"]]["articles"].sum()
    assert right == 2 * len(inputs)  # both schemes, every article right
    wide = probabilities.pivot_table(index="id", columns="class", values="probability")
    assert np.allclose(wide.sum(axis=1), 1.0)
    assert notes == []


def test_a_camp_with_one_outlet_cannot_be_learnt_without_it():
    articles = synthetic()
    articles.loc[articles["outlet"] == "outlet-d", "camp"] = "third"
    articles.loc[articles["outlet"] == "outlet-d", "text"] = "Moonlight over the hills tonight."
    inputs = camp_inputs(articles, outlets=OUTLETS)
    scores, confusion, _, notes = cross_validate_camps(inputs, models=["tfidf"], tasks=["camp"])
    logo = confusion[(confusion["scheme"] == "leave-one-outlet-out") & (confusion["true"] == "third")]
    assert logo.loc[logo["predicted"] == "third", "articles"].sum() == 0
    assert any("third" in n and "one outlet" in n for n in notes)
    f1 = scores.set_index("scheme")["macro_f1"]
    assert f1["leave-one-outlet-out"] < f1["stratified"]


def test_alignment_axis_puts_iranian_and_russian_on_the_government_side():
    inputs = pd.DataFrame({"camp": ["pro-government", "Iranian", "Russian", "Gulf", "Western"]})
    assert task_labels(inputs, "alignment").tolist() == ["pro-government"] * 3 + ["rest"] * 2


# --- errors ----------------------------------------------------------------------------------

def test_no_camp_column_is_a_clear_error():
    with pytest.raises(CampError, match="no 'camp' column.*load_corpus"):
        camp_inputs(synthetic().drop(columns="camp"))


def test_one_camp_only_is_a_clear_note_not_an_error():
    # any corpus a user brings gets a page: the reason in one line (tests/test_camp_cv.py)
    articles = synthetic().assign(camp="up")
    results = classify_camps(articles, outlets=OUTLETS, cache=False)
    assert results.scores.empty
    assert any(re.search(r"only one camp \('up'\) among 24 articles.*two or more", n)
               for n in results.notes)


def test_unknown_model_and_task():
    with pytest.raises(CampError, match="unknown model 'svm'"):
        make_camp_model("svm")
    with pytest.raises(CampError, match="needs lexicon counts"):
        make_camp_model("lexicon")
    with pytest.raises(CampError, match="unknown task"):
        task_labels(pd.DataFrame({"camp": ["a"]}), "sides")


def test_target_gets_probabilities_and_features(tiny_lexicon):
    articles = synthetic(n_per_outlet=4)
    articles.loc[0, "is_target"] = True
    results = classify_camps(articles, outlets=OUTLETS, lexicon=tiny_lexicon, models=["tfidf"],
                             model="tfidf")
    target = results.target[results.target["task"] == "camp"]
    assert target["probability"].sum() == pytest.approx(1.0)
    assert target.iloc[0]["class"] == "up"  # a0 is outlet-a's, and says "sunrise"
    top = results.target_features[(results.target_features["task"] == "camp")
                                  & (results.target_features["class"] == "up")]
    assert "words__sunrise" in top["feature"].head(3).tolist()
    assert set(results.tables()) == {"camp_scores", "camp_confusion", "camp_probabilities",
                                     "target_camp", "target_features"}


# --- FA-KES ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fakes_results():
    """One cross-validation for both FA-KES tests (module scope: the shared_dir fixture is
    per test, so its skip is repeated here)."""
    if not (SHARED / "corpora" / "fa-kes" / "FA-KES-Dataset.csv").is_file():
        pytest.skip(f"needs ../shared (the FA-KES mirror) beside the checkout: {SHARED} not found")
    shared = SHARED
    from slant.corpus import load_corpus
    from slant.scoring import corpus_lexicon

    corpus = load_corpus(ROOT / "corpus" / "mayadin-2017", mirror=shared / "corpora")
    return classify_camps(corpus.articles, outlets=corpus.outlets, lexicon=corpus_lexicon(corpus),
                          models=["tfidf"], model="tfidf")


@pytest.mark.slow
def test_fakes_leave_one_outlet_out_is_lower_than_stratified(fakes_results):
    scores = fakes_results.scores.pivot_table(index="task", columns="scheme", values="macro_f1")
    print("\nFA-KES camp classifier (tfidf), macro-F1:\n" + scores.round(3).to_string())
    assert (scores["leave-one-outlet-out"] < scores["stratified"]).all()
    assert scores.loc["alignment", "leave-one-outlet-out"] > 0.75  # measured 0.86 (README)
    assert scores.loc["camp", "leave-one-outlet-out"] < 0.5  # one-outlet camps cannot be learnt


@pytest.mark.slow
def test_fakes_target_probabilities_sum_to_one(fakes_results):
    target = fakes_results.target
    assert set(target["id"]) == {"presstv-2017-10-12"}
    sums = target.groupby("task")["probability"].sum()
    assert np.allclose(sums, 1.0) and set(sums.index) == {"camp", "alignment"}
    assert target["calibrated"].all()


def test_charts_name_the_metric_and_the_articles(tiny_lexicon):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from slant import charts

    articles = synthetic(n_per_outlet=4)
    articles.loc[0, "is_target"] = True
    results = classify_camps(articles, outlets=OUTLETS, lexicon=tiny_lexicon, models=["tfidf"],
                             model="tfidf")
    titles = [charts.camp_cv_scores(results.scores).get_title(),
              charts.camp_confusion(results.confusion, model="tfidf").get_title(),
              charts.target_camp(results.target).get_title(),
              charts.outlet_camp_probabilities(results.probabilities).get_title()]
    plt.close("all")
    assert "macro-F1" in titles[0] and "16 articles, 4 outlets" in titles[0]
    assert "(16 articles)" in titles[1] and "1 article" in titles[2]
    assert "(16 articles, 4 outlets)" in titles[3]
    # an empty table draws a titled, empty chart instead of failing
    assert "no cross-validation" in charts.camp_cv_scores(results.scores.iloc[:0]).get_title()
