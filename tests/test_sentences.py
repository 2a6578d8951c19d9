"""The sentence-level loaded-language classifier: features, model files, inputs, CLI, BABE."""

from __future__ import annotations

import warnings

import jupytext
import numpy as np
import pandas as pd
import papermill
import pytest

from conftest import BAD_CORPUS, FIXTURES, ROOT, TINY_CORPUS
from slant.classify import (
    ClassifyError,
    SentenceLexiconFeatures,
    evaluate_sentence_models,
    file_sha256,
    fit_sentence_model,
    load_sentence_model,
    loaded_shares,
    misclassified_sentences,
    predict_corpus_sentences,
    predict_sentences,
    read_sentences,
    save_sentence_model,
)
from slant.classify._wordlists import wordlist_lexicon
from slant.cli import main
from slant.corpus._babe import read_babe
from slant.corpus._datasets import fetch_dataset
from slant.lexicons import load_lexicon
from slant.text import index_texts

LABELLED = FIXTURES / "sentences" / "labelled.csv"
TINY_LEXICON = FIXTURES / "tiny-lexicon.yml"
#: Two invented word lists: a hedge list and a report-verb list (verbs match their inflections).
WORDLISTS = pd.DataFrame({
    "term": ["perhaps", "allegedly", "claim", "accuse"],
    "list": ["recasens2013-hedges", "recasens2013-hedges", "recasens2013-report-verbs",
             "recasens2013-report-verbs"],
    "inflect": [False, False, True, True]})


@pytest.fixture
def features():
    return SentenceLexiconFeatures(lexicon=load_lexicon(TINY_LEXICON), wordlists=WORDLISTS).fit(None)


def counts_of(features, text):
    row = features.transform([text]).toarray()[0]
    return {k: round(float(np.expm1(v))) for k, v in zip(features.get_feature_names_out(), row) if v}


@pytest.mark.parametrize("text, expected", [
    # Daesh and terrorists: delegitimising (2); liberated: legitimising; all three loaded
    ("Daesh terrorists fled as the army liberated the town.",
     {"stance_delegitimising": 2, "stance_legitimising": 1, "loaded": 3}),
    # the Syrian army: neutral, not loaded; "claimed" is an inflection of "claim"
    ("The Syrian army claimed it had perhaps seized the hill.",
     {"stance_neutral": 2, "list_recasens2013-hedges": 1, "list_recasens2013-report-verbs": 1}),
    # "allegedly" and "perhaps" (hedges), "accused" and "claims" (report verbs), so-called: distancing
    ("He accused the so-called council, perhaps allegedly, of false claims.",
     {"stance_distancing": 1, "loaded": 1, "list_recasens2013-hedges": 2,
      "list_recasens2013-report-verbs": 2}),
    ("The weather was mild.", {}),
], ids=["stances", "neutral-and-inflected-verb", "lists-and-distancing", "nothing"])
def test_feature_counts(features, text, expected):
    assert counts_of(features, text) == expected


def test_feature_names_and_rows(features):
    names = list(features.get_feature_names_out())
    assert names[:8] == ["stance_delegitimising", "stance_pejorative", "stance_legitimising",
                         "stance_euphemistic", "stance_neutral", "stance_distancing",
                         "stance_intensifying", "loaded"]
    assert names[8:] == ["list_recasens2013-hedges", "list_recasens2013-report-verbs"]
    assert features.transform(["a.", "b.", "c."]).shape == (3, 10)


def test_features_without_anything_to_count():
    with pytest.raises(ClassifyError, match="nothing to count"):
        SentenceLexiconFeatures().fit(None)


def test_wordlist_lexicon_matches_each_form_once():
    lexicon = wordlist_lexicon(WORDLISTS[WORDLISTS["list"] == "recasens2013-report-verbs"])
    index = index_texts(pd.DataFrame({"id": ["a"], "text": ["She claims, he claimed, they accused."]}))
    from slant.lexicons import match_lexicon
    assert len(match_lexicon(index, lexicon)) == 3


def test_read_babe_skips_no_agreement_and_groups_rows_without_link():
    sentences, issues = read_babe(LABELLED)
    assert len(sentences) == 14 and int(sentences["label"].sum()) == 7
    assert [(i["line"], i["action"]) for i in issues] == [(14, "skipped"), (15, "flagged"), (16, "flagged")]
    assert sentences["group"].tolist()[-2:] == ["row-15", "row-16"]


@pytest.fixture
def fitted(tmp_path):
    sentences, _ = read_babe(LABELLED)
    model, missing = fit_sentence_model(sentences)  # no mirror: the word lists are left out
    assert len(missing) == 7 and all("left out" in m for m in missing)
    path = save_sentence_model(model, tmp_path / "model.joblib", training_sha256=file_sha256(LABELLED),
                               training_name=LABELLED.name, sentences=len(sentences))
    return model, path


def test_save_load_round_trip_keeps_checksum_and_versions(fitted):
    model, path = fitted
    loaded, meta = load_sentence_model(path, training_sha256=file_sha256(LABELLED))
    assert meta["training_sha256"] == file_sha256(LABELLED) and meta["sentences"] == 14
    assert set(meta["versions"]) == {"sklearn", "numpy", "slant"}
    texts = ["A shameful, reckless stunt.", "The council met on Monday."]
    assert np.allclose(loaded.predict_proba(texts), model.predict_proba(texts))


def test_load_refuses_other_training_data_and_other_sklearn(fitted, tmp_path):
    import joblib

    _, path = fitted
    with pytest.raises(ClassifyError, match="fitted on data with sha256"):
        load_sentence_model(path, training_sha256="0" * 64)
    saved = joblib.load(path)
    saved["meta"]["versions"]["sklearn"] = "0.1"
    joblib.dump(saved, tmp_path / "old.joblib")
    with pytest.raises(ClassifyError, match="saved with scikit-learn 0.1"):
        load_sentence_model(tmp_path / "old.joblib")
    saved["meta"]["versions"] = {**saved["meta"]["versions"], "sklearn": __import__("sklearn").__version__,
                                 "slant": "0.0.0"}
    joblib.dump(saved, tmp_path / "older-slant.joblib")
    with pytest.warns(UserWarning, match="slant 0.0.0"):
        load_sentence_model(tmp_path / "older-slant.joblib")
    with pytest.raises(ClassifyError, match="no such model file"):
        load_sentence_model(tmp_path / "absent.joblib")


def test_predict_on_a_new_csv(fitted, tmp_path):
    model, _ = fitted
    new = tmp_path / "new.csv"
    new.write_text("id,text\n1,\"A disgraceful, reckless and shameful plan.\"\n2,The road was closed on Friday.\n",
                   encoding="utf-8")
    out = predict_sentences(model, read_sentences(new))
    assert out.columns.tolist() == ["id", "text", "label", "probability"]
    assert out["label"].tolist() == [1, 0]
    assert out["probability"].iloc[0] > 0.5 > out["probability"].iloc[1]


def test_read_jsonl(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "One."}\n\n{"text": "Two.", "id": 2}\n', encoding="utf-8")
    assert read_sentences(path)["text"].tolist() == ["One.", "Two."]
    path.write_text('{"text": "One."}\n["no"]\n', encoding="utf-8")
    with pytest.raises(ClassifyError, match=r"s.jsonl:2: not a JSON object"):
        read_sentences(path)


@pytest.mark.parametrize("name, message", [
    ("sentences-no-text-column.csv", r"sentences-no-text-column.csv:1: no 'text' column \(columns: 'id', 'sentence'\)"),
    ("sentences-empty.csv", r"sentences-empty.csv: the file is empty"),
    ("sentences-not-utf8.csv", r"sentences-not-utf8.csv:3: byte 0xe9 .* is not UTF-8; save the file as UTF-8"),
], ids=["no-text-column", "empty-file", "not-utf8"])
def test_malformed_input(name, message):
    with pytest.raises(ClassifyError, match=message):
        read_sentences(BAD_CORPUS / name)


def test_malformed_input_is_a_value_error_on_the_command_line(fitted, tmp_path, capsys):
    _, path = fitted
    code = main(["sentences", "predict", "--model", str(path), str(BAD_CORPUS / "sentences-empty.csv"),
                 "--out", str(tmp_path / "out.csv")])
    assert code == 2 and "the file is empty" in capsys.readouterr().err


def test_cli_fit_and_predict(tmp_path, capsys):
    model = tmp_path / "m.joblib"
    assert main(["sentences", "fit", str(LABELLED), "--model", str(model)]) == 0
    assert "fitted on 14 sentences" in capsys.readouterr().out
    new = tmp_path / "new.jsonl"
    new.write_text('{"text": "A shameful and disastrous stunt."}\n{"text": "The works began on Monday."}\n',
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["sentences", "predict", "--model", str(model), str(new), "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert table.columns.tolist() == ["text", "label", "probability"] and table["label"].tolist() == [1, 0]


def test_corpus_sentences_and_shares(fitted):
    model, _ = fitted
    articles = pd.DataFrame({
        "id": ["a0", "a1", "a2"], "outlet": ["outlet-a", "outlet-a", "outlet-b"],
        "camp": ["x", "x", "y"], "is_target": [True, False, False],
        "text": ["A shameful, reckless and disastrous stunt. The road was closed on Friday.",
                 "The contract was signed on Wednesday.",
                 "A disgraceful and shameful plan. A reckless, disastrous waste."]})
    predictions = predict_corpus_sentences(articles, model)
    assert predictions[["id", "sentence"]].values.tolist() == [["a0", 0], ["a0", 1], ["a1", 0], ["a2", 0], ["a2", 1]]
    assert predictions["label"].tolist() == [1, 0, 0, 1, 1]
    shares = loaded_shares(predictions, by="outlet", n_boot=200)
    # outlet-a: 1 loaded of 3 sentences in 2 articles; outlet-b: 2 of 2
    assert shares[["group", "articles", "sentences", "loaded"]].values.tolist() == [
        ["outlet-b", 1, 2, 2], ["outlet-a", 2, 3, 1]]
    assert shares["share"].tolist() == pytest.approx([1.0, 1 / 3])
    # resampling outlet-a's two articles: all of a0 (1/2), all of a1 (0/1), or one of each (1/3)
    a = shares.iloc[1]
    assert a["share_low"] == pytest.approx(0.0) and a["share_high"] == pytest.approx(0.5)


def test_marked_word_features_learn_from_training_marks_only():
    from slant.classify import MarkedWordFeatures

    train = pd.DataFrame({"text": ["A vile plan.", "A vile idea.", "A plan."],
                          "biased_words": ["['vile']", "['vile']", "[]"]})
    marks = MarkedWordFeatures().fit(train)
    # "vile": seen 2, marked 2 -> (2 + 0.1) / (2 + 2) = 0.525; "plan": (0 + 0.1) / (2 + 2) = 0.025
    largest = marks.transform(["Vile.", "The plan.", "Unknown words."])[:, 0]
    assert largest == pytest.approx([0.525, 0.025, 0.0])
    # training rows get cross-fitted values (3 folds of one row): none sees its own marks.
    # Row 0 learns from rows 1-2: "vile" (1 + 0.1) / (1 + 2) = 0.367; row 2 from rows 0-1:
    # "plan" seen once, never marked: 0.1 / 3
    assert marks.fit_transform(train)[:, 0] == pytest.approx([1.1 / 3, 1.1 / 3, 0.1 / 3])
    with pytest.raises(ClassifyError, match="needs the training sentences' 'biased_words'"):
        MarkedWordFeatures().fit(pd.DataFrame({"text": ["x."]}))


def test_misclassified_picks_the_most_confident_errors():
    oof = pd.DataFrame({"row": range(4), "group": list("abcd"), "text": ["w", "x", "y", "z"],
                        "label": [0, 0, 1, 1], "model": "marked-words-lr", "predicted": [1, 1, 0, 1],
                        "probability": [0.6, 0.9, 0.2, 0.8]})
    wrong = misclassified_sentences(oof, top=1)
    assert wrong[["error", "text"]].values.tolist() == [["false loaded", "x"], ["missed loaded", "y"]]


# --- on BABE (../shared) ---------------------------------------------------------------------

@pytest.fixture
def babe(shared_dir):
    path = fetch_dataset("babe", mirror=shared_dir / "corpora", download=False)
    assert path.resolve() == (shared_dir / "datasets" / "babe" / "final_labels_SG2.train.csv").resolve()
    return path


def test_babe_model_beats_both_baselines_under_grouped_cv(babe, shared_dir):
    from slant.classify import load_wordlists
    from slant.lexicons import load_lexicons

    sentences, _ = read_babe(babe)
    assert len(sentences) == 2913
    wordlists, missing = load_wordlists(shared_dir / "corpora")
    assert missing == []
    results, _ = evaluate_sentence_models(sentences, lexicon=load_lexicons(["syria-2017", "news-generic"]),
                                            wordlists=wordlists, n_boot=200)
    print(results.round(3).to_string())
    f1 = results.set_index("model")["macro_f1"]
    high = results.set_index("model")["macro_f1_high"]
    for model in ("tfidf-lr", "combined-lr", "marked-words-lr"):
        assert f1[model] > max(high["majority"], high["any-lexicon-hit"]) + 0.15
    # the training folds' marked words help beyond the TF-IDF
    assert f1["marked-words-lr"] > f1["tfidf-lr"]


def test_cli_fit_on_babe(babe, shared_dir, tmp_path, capsys):
    model = tmp_path / "babe.joblib"
    assert main(["sentences", "fit", str(babe), "--model", str(model), "--mirror", str(shared_dir / "corpora")]) == 0
    assert "fitted on 2,913 sentences" in capsys.readouterr().out
    loaded, meta = load_sentence_model(model, training_sha256=file_sha256(babe))
    assert meta["missing_wordlists"] == []
    proba = loaded.predict_proba(["The senator's disgraceful, hysterical tirade shamed the country.",
                                  "The Senate voted 52 to 48 on Tuesday."])[:, 1]
    assert proba[0] > 0.5 > proba[1]


@pytest.mark.slow
def test_notebook_03_with_babe(shared_dir, tmp_path):
    nb = jupytext.read(ROOT / "notebooks" / "03_contrast_outlets.py")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        out = papermill.execute_notebook(
            nb, str(tmp_path / "03.ipynb"), kernel_name="python3", language="python",
            cwd=str(ROOT / "notebooks"), progress_bar=False,
            parameters={"corpus_dir": str(TINY_CORPUS), "out_dir": str(tmp_path / "tables"), "min_count": 1,
                        "mirror": str(shared_dir / "corpora"), "sentence_cv_folds": 3})
    outputs = [o for c in out.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert [o["text"] for o in outputs if o.get("name") == "stderr"] == []
    text = "\n".join(str(o.get("data", {}).get("text/html", "")) + str(o.get("text", "")) for o in outputs)
    assert "Model: fitted on BABE's training part" in text
    assert "title='loaded: " in text  # the target's sentences marked
    results = pd.read_csv(tmp_path / "tables" / "sentence_cv_results.csv")
    assert results["model"].tolist() == ["majority", "any-lexicon-hit", "tfidf-lr", "combined-lr",
                                         "marked-words-lr"]
    assert (tmp_path / "tables" / "sentence_camp_shares.csv").is_file()


def test_a_corpus_cannot_list_a_sentence_dataset(tmp_path):
    from slant.corpus import CorpusError, load_corpus

    (tmp_path / "corpus.yml").write_text("name: x\nsources:\n  - dataset: babe\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"corpus.yml:3: dataset 'babe' holds no articles"):
        load_corpus(tmp_path)


def test_babe_is_looked_for_beside_the_corpora_mirror(tmp_path):
    from slant.corpus import CorpusError

    with pytest.raises(CorpusError, match=r"corpora/babe/final_labels_SG2.train.csv and .* and [^ ]*[0-9]/datasets/babe/"
                                          r"final_labels_SG2.train.csv \(not found\).*it cannot be downloaded"):
        fetch_dataset("babe", mirror=tmp_path / "corpora", cache=tmp_path / "cache")
    (tmp_path / "datasets" / "babe").mkdir(parents=True)
    (tmp_path / "datasets" / "babe" / "final_labels_SG2.train.csv").write_text("not BABE")
    with pytest.raises(CorpusError, match="does not match the expected sha256"):
        fetch_dataset("babe", mirror=tmp_path / "corpora", cache=tmp_path / "cache")


def test_charts_say_metric_and_counts():
    import matplotlib

    matplotlib.use("Agg")
    from slant import charts

    results = pd.DataFrame({"model": ["majority", "tfidf-lr"], "macro_f1": [0.4, 0.7],
                            "macro_f1_low": [0.38, 0.68], "macro_f1_high": [0.42, 0.72], "accuracy": [0.5, 0.7],
                            "sentences": [120, 120], "articles": [30, 30], "folds": [5, 5]})
    ax = charts.sentence_model_scores(results)
    assert "macro-F1" in ax.get_title() and "120 sentences, 30 articles" in ax.get_title()
    shares = pd.DataFrame({"group": ["outlet-a", "outlet-b"], "articles": [2, 1], "sentences": [3, 2],
                           "loaded": [1, 2], "share": [1 / 3, 1.0], "share_low": [0.0, 1.0],
                           "share_high": [0.5, 1.0]})
    ax = charts.loaded_share_by_group(shares, by="outlet")
    assert "5 sentences, 3 articles" in ax.get_title()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["outlet-a (3 sentences, 2 articles)",
                                                          "outlet-b (2 sentences, 1 articles)"]


def test_marked_sentences_escape_the_text():
    from slant import charts

    article = pd.Series({"id": "a0", "camp": "x", "text": "A <b>vile</b> plan. The road closed."})
    predictions = pd.DataFrame({"id": ["a0", "a0"], "start": [0, 20], "end": [19, 36],
                                "probability": [0.9, 0.1], "label": [1, 0]})
    html = str(charts.marked_sentences(article, predictions))
    assert "A &lt;b&gt;vile&lt;/b&gt; plan." in html and "<b>" not in html
    assert "title='loaded: 0.90'" in html and "title='loaded: 0.10'" in html
    assert "2 sentences, 1 predicted loaded" in html


@pytest.mark.parametrize("action", ["fit", "predict"])
def test_sentences_subcommands_have_help(action, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["sentences", action, "--help"])
    assert exit_info.value.code == 0
    assert "--model" in capsys.readouterr().out
