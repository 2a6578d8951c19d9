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
    assert set(results.tables()) == {"camp_classifier_scores", "camp_confusion", "camp_probabilities",
                                     "target_camp", "target_features"}


# --- FA-KES ----------------------------------------------------------------------------------

# session scope: under pytest-xdist a worker may run another module's test between two of
# this module's, and pytest tears a module fixture down then; built once per worker instead
@pytest.fixture(scope="session")
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


# --- the sentence classifier on a labelled training file, without BABE ---------------------------

TRAINING = FIXTURES / "sentences" / "training.csv"


def test_report_sentences_trains_on_a_labelled_file_without_the_mirror(tmp_path):
    from slant.classify import file_sha256, load_sentence_model, report_sentences

    articles = make_articles([
        ("outlet-a", "pro-government", ("Savage regime thugs butchered the helpless town. "
                                        "The ministry said the figures would be published on Monday.")),
        ("outlet-b", "Western", "The delegation met officials on Tuesday.")])
    cache = tmp_path / "cache"
    report = report_sentences(articles, mirror=None, cache=cache, training=str(TRAINING), n_folds=3)
    assert report.available
    assert report.model_note.startswith("fitted on training.csv") and "BABE" not in report.cv_note
    assert report.results["model"].tolist()[-1] == "marked-words-lr"
    assert report.results["sentences"].eq(48).all() and report.results["articles"].eq(12).all()
    assert report.results.set_index("model").loc["tfidf-lr", "macro_f1"] > 0.7
    proba = report.predictions.set_index("text")["probability"]
    assert proba["Savage regime thugs butchered the helpless town."] > 0.5
    assert proba["The ministry said the figures would be published on Monday."] < 0.5
    assert report.outlet_shares.set_index("group")["sentences"].to_dict() == {"outlet-a": 2, "outlet-b": 1}
    # the model is cached under the training file's sha256, so a BABE model is never reused
    [cached] = (cache / "models").glob("sentences-[!c]*.joblib")
    assert cached.name.startswith(f"sentences-{file_sha256(TRAINING)[:16]}-")
    assert load_sentence_model(cached)[1]["training_sha256"] == file_sha256(TRAINING)
    again = report_sentences(articles, mirror=None, cache=cache, training=str(TRAINING), n_folds=3)
    assert again.model_note.endswith("from the cache")
    pd.testing.assert_frame_equal(again.predictions, report.predictions)


def test_training_file_in_babe_format():
    from slant.classify import read_training_sentences

    sentences = read_training_sentences(FIXTURES / "sentences" / "labelled.csv")
    assert len(sentences) == 14  # the "No agreement" row left out
    assert sentences["label"].sum() == 7 and "biased_words" in sentences
    assert sentences["group"].iloc[0] == "https://example.invalid/a1"


@pytest.mark.parametrize("name, n_folds, message", [
    ("training-no-label-column.csv", 2,
     r"training-no-label-column.csv:1: no 'label' column \(columns: 'text', 'group'\); add a 'label' column"),
    ("training-label-not-0-or-1.csv", 2,
     r"training-label-not-0-or-1.csv: row 2 .*label 'neutral' is not 0 or 1; write 1 for a loaded"),
    ("training-no-sentences.csv", 2, r"training-no-sentences.csv: no sentences below the header"),
    ("training-one-label.csv", 2,
     r"training-one-label.csv: every sentence is labelled 1; a model needs both"),
    ("../sentences/training.csv", 13,
     r"training.csv: 12 groups \(articles\), fewer than the 13 folds .* or fewer folds"),
    ("no-such-training.csv", 2, r"no-such-training.csv: no such training file"),
], ids=["no-label-column", "label-not-0-or-1", "no-sentences", "one-label-only", "fewer-groups-than-folds", "missing-file"])
def test_malformed_training_file(name, n_folds, message, tmp_path):
    from slant.classify import ClassifyError, report_sentences

    articles = make_articles([("outlet-a", "pro-government", "The town was quiet.")])
    with pytest.raises(ClassifyError, match=message):
        report_sentences(articles, cache=tmp_path, training=str(FIXTURES / "bad" / name), n_folds=n_folds)


# --- mutants: probability columns and train-only features -------------------------------------

def three_camps(lone_extra=""):
    """Invented outlets: camp "east" (outlet-a, outlet-b) writes "sunrise", camp "west"
    (outlet-c, outlet-d) writes "sunset"; camp "middle" has one outlet (outlet-e), which writes
    "sunset" like the west, plus ``lone_extra``. "middle" sorts between the other two, so a
    training fold without it (outlet-e held out) has classes ["east", "west"] that must land in
    columns 0 and 2 of ["east", "middle", "west"], not 0 and 1."""
    rows = []
    for outlet, camp, word in (("outlet-a", "east", "sunrise"), ("outlet-b", "east", "sunrise"),
                               ("outlet-c", "west", "sunset"), ("outlet-d", "west", "sunset"),
                               ("outlet-e", "middle", "sunset")):
        for i in range(4):
            text = f"The {word} came over the hills. Story {i} of the day, the {word} again."
            rows.append((outlet, camp, text + (lone_extra if outlet == "outlet-e" else "")))
    return make_articles(rows)


def test_probability_columns_name_their_class_when_a_fold_lacks_one():
    inputs = camp_inputs(three_camps(), outlets=OUTLETS)
    _, _, probabilities, _ = cross_validate_camps(inputs, models=["tfidf"], tasks=["camp"])
    wide = probabilities.pivot_table(index=["outlet", "id", "predicted"], columns="class",
                                     values="probability").reset_index()
    assert sorted(probabilities["class"].unique()) == ["east", "middle", "west"]
    lone = wide[wide["outlet"] == "outlet-e"]
    assert len(lone) == 4
    # held out, outlet-e is judged by a model that never saw "middle": probability exactly 0;
    # it writes "sunset", so "west" is the likelier class, and the column says so
    assert (lone["middle"] == 0.0).all()
    assert (lone["west"] > 0.5).all() and (lone["east"] < 0.5).all()
    assert (lone["predicted"] == "west").all()
    # every article: the class with the highest probability column is the predicted class
    assert (wide[["east", "middle", "west"]].idxmax(axis=1) == wide["predicted"]).all()
    assert np.allclose(wide[["east", "middle", "west"]].sum(axis=1), 1.0)


def test_features_are_fitted_on_the_training_fold_only():
    """A word only the held-out outlet writes ("zzyzx", no character n-gram of it in any other
    text) is not in the vocabulary of a vectoriser fitted on the training fold, so adding it to
    every text of that outlet cannot change the probabilities its articles get. Fitted on
    training and test rows together, it would enter the vocabulary and, through each text's
    length normalisation, shrink the weights of the words the model knows."""
    plain = camp_inputs(three_camps(), outlets=OUTLETS)
    marked = camp_inputs(three_camps(lone_extra=" Zzyzx zzyzx zzyzx."), outlets=OUTLETS)
    assert marked["text"].str.contains("zzyzx").sum() == 4
    assert not plain["text"].str.contains("zz|zx|yz").any()

    def lone_probabilities(inputs):
        _, _, p, _ = cross_validate_camps(inputs, models=["tfidf"], tasks=["camp"])
        p = p[p["outlet"] == "outlet-e"].sort_values(["id", "class"])
        return p["probability"].to_numpy()

    a, b = lone_probabilities(plain), lone_probabilities(marked)
    assert len(a) == 12  # 4 articles x 3 classes
    assert np.allclose(a, b, rtol=0, atol=1e-12)
