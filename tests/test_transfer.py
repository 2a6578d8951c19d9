"""Transfer across domains: the sentence sets' readers, the travelling model, the transfer
matrix, grouped folds, the out-of-domain rule and sentences in a language the model lacks.
Every sentence here is ours, attributed to invented outlets (outlet-a, ...)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from slant.classify import (
    CAVEAT_AUC,
    SHOW_AUC,
    TravelClassifier,
    domain_verdict,
    grouped_folds,
    loaded_shares,
    predict_corpus_sentences,
    transfer_matrix,
)
from slant.corpus import CorpusError, join_fignews, join_penn
from slant.corpus._sentence_sets import read_fignews_texts, read_fignews_votes, read_penn_rater

LOADED = ["shameful", "disgraceful", "reckless", "vile", "disastrous", "cowardly"]
NEUTRAL = ["on Monday", "on Tuesday", "by noon", "in the morning", "last week", "after the vote"]


def domain(topic: str, place: str, n_groups: int = 6, neutral_topic: str = "") -> pd.DataFrame:
    """One invented domain: in each article a loaded and a neutral sentence, both naming the
    domain's topic word (unless ``neutral_topic`` names another), so the topic says nothing
    about the label."""
    rows = []
    for g in range(n_groups):
        word, when = LOADED[g % len(LOADED)], NEUTRAL[g % len(NEUTRAL)]
        rows += [{"text": f"{topic} gave a {word} and {LOADED[(g + 1) % 6]} speech in {place}.",
                  "label": 1, "group": f"outlet-{topic}/{g}"},
                 {"text": f"{neutral_topic or topic} gave a speech in {place} {when}.", "label": 0,
                  "group": f"outlet-{topic}/{g}"}]
    return pd.DataFrame(rows)


@pytest.fixture(scope="session")
def two_domains():
    return {"politics": domain("Trump", "the capital"), "war": domain("Hamas", "the strip")}


@pytest.fixture(scope="session")
def matrix(two_domains):
    distant = domain("Rebels", "the valley", n_groups=3)
    return transfer_matrix({**two_domains, "distant": distant}, train_only=("distant",),
                           variants=("adversarial",), n_folds=3, n_boot=20)


def test_transfer_matrix_shape_and_a_hand_checked_result(matrix):
    # 2 gold test domains x (politics, war, distant, all-others) training sets
    assert matrix.shape == (8, 12)
    assert matrix[["variant", "train", "test"]].drop_duplicates().shape[0] == 8
    assert set(matrix["test"]) == {"politics", "war"}  # the distant set is never tested on
    diagonal = matrix[matrix["train"] == matrix["test"]]
    assert set(diagonal["scheme"]) == {"grouped-cv"} and len(diagonal) == 2
    assert matrix["sentences"].eq(12).all() and matrix["groups"].eq(6).all()
    # every loaded sentence holds two loaded words every other domain also uses, every neutral
    # one none: each model ranks all loaded sentences above all neutral ones (AUC 1) when it has
    # seen both words of the other domain, i.e. trained on the other gold domain or on all others
    held = matrix[(matrix["scheme"] == "held-out-domain") & matrix["train"].isin(["politics", "war", "all-others"])]
    assert held["auc"].tolist() == pytest.approx([1.0] * len(held))


def test_the_matrix_is_reproducible(two_domains, matrix):
    again = transfer_matrix({**two_domains, "distant": domain("Rebels", "the valley", n_groups=3)},
                            train_only=("distant",), variants=("adversarial",), n_folds=3, n_boot=20)
    pd.testing.assert_frame_equal(matrix, again)


def test_a_topic_word_alone_cannot_make_a_sentence_loaded():
    # as "Trump" in BABE: the politics domain names him in its loaded sentences only
    skewed = {"politics": domain("Trump", "the capital", neutral_topic="The council"),
              "war": domain("Hamas", "the strip")}
    train = pd.concat([f.assign(domain=name) for name, f in skewed.items()], ignore_index=True)
    pair = ["Trump said the plan was reckless.", "Hamas said the plan was reckless."]
    adversarial = TravelClassifier(variant="adversarial", drop_share=0.2).fit(train, train["label"])
    assert {"trump", "hamas"} <= set(adversarial.dropped_)
    proba = adversarial.predict_proba(pair)[:, 1]
    # the topic words are out of the vocabulary: both sentences have the same features, so the
    # same probability up to floating point (1e-12); not a tolerance we chose to pass
    assert proba[0] == pytest.approx(proba[1], abs=1e-12)
    # the plain model keeps them and learns the topic: "Trump" alone makes a sentence more loaded
    plain = TravelClassifier(variant="plain").fit(train, train["label"])
    assert np.diff(plain.predict_proba(pair)[:, 1])[0] < -0.01


def test_reweighting_weighs_rows_like_the_target_more(two_domains):
    train = pd.concat([f.assign(domain=name) for name, f in two_domains.items()], ignore_index=True)
    model = TravelClassifier(variant="reweight").fit(train, train["label"],
                                                     target_texts=["Hamas gave a speech in the strip."] * 4)
    war = train["domain"].eq("war").to_numpy()
    assert model.weights_[war].mean() > model.weights_[~war].mean()


def test_grouped_folds_never_share_a_group(two_domains):
    frame = pd.concat(two_domains.values(), ignore_index=True)
    folds = grouped_folds(frame["group"], n_folds=4)
    groups = frame["group"].to_numpy()
    assert len(folds) == 4
    for train, test in folds:
        assert not set(groups[train]) & set(groups[test])
    assert sorted(np.concatenate([te for _, te in folds]).tolist()) == list(range(len(frame)))


def test_grouped_folds_need_enough_groups():
    from slant.classify import ClassifyError

    with pytest.raises(ClassifyError, match="2 groups .* fewer than the 5 folds"):
        grouped_folds(["a", "a", "b"], n_folds=5)


# --- the rule --------------------------------------------------------------------------------

WAR = "The army shelled the town and troops killed three fighters."
POLITICS = "The senator spoke about the budget."


def transfer_with(auc, low=None):
    rows = [{"variant": "m", "train": "babe", "test": "fignews", "auc": auc,
             "auc_low": auc if low is None else low},
            {"variant": "m", "train": "babe", "test": "babe", "auc": 0.82, "auc_low": 0.80}]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("auc, low, decision", [
    (SHOW_AUC, None, "shown"), (0.725, 0.694, "shown with caveat"), (0.65, None, "shown with caveat"),
    (CAVEAT_AUC - 0.01, None, "left out"), (np.nan, None, "left out")],
    ids=["at-the-bar", "interval-below-the-bar", "between", "near-chance", "never-measured"])
def test_war_news_is_judged_by_the_held_out_war_domain(auc, low, decision):
    articles = pd.DataFrame({"text": [WAR, WAR, POLITICS]})
    verdict = domain_verdict(articles, transfer_with(auc, low), model="m")
    assert (verdict.kind, verdict.nearest, verdict.decision) == ("war news", "fignews", decision)


def test_the_bundled_measurements_judge_the_default_kind_of_corpus():
    from slant.classify import measured_transfer

    # BABE's model on FIGNEWS held out: AUC 0.725 (0.694-0.755), docs/sentence-model.md
    verdict = domain_verdict(pd.DataFrame({"text": [WAR]}), measured_transfer(), model="marked-words-lr")
    assert verdict.decision == "shown with caveat" and verdict.auc == pytest.approx(0.725, abs=0.001)


def test_other_news_is_judged_in_domain():
    verdict = domain_verdict(pd.DataFrame({"text": [POLITICS, POLITICS, WAR]}), transfer_with(0.5), model="m")
    assert (verdict.kind, verdict.nearest, verdict.auc, verdict.decision) == ("other news", "babe", 0.82, "shown")


# --- languages the model was not trained on ---------------------------------------------------

class Constant:
    classes_ = np.array([0, 1])

    def predict_proba(self, texts):
        return np.tile([0.2, 0.8], (len(texts), 1))


def test_a_sentence_in_another_language_is_not_scored():
    articles = pd.DataFrame({"id": ["a0", "a1"], "outlet": ["outlet-a", "outlet-b"], "camp": ["x", "y"],
                             "language": ["en", "ar"],
                             "text": ["A vile plan. A calm day.", "خطة سيئة جدا. يوم هادئ."]})
    predictions = predict_corpus_sentences(articles, Constant())
    arabic = predictions[predictions["id"] == "a1"]
    assert len(arabic) and arabic["probability"].isna().all() and arabic["label"].isna().all()
    assert arabic["not_scored"].str.contains("language 'ar'").all()
    assert predictions.loc[predictions["id"] == "a0", "label"].tolist() == [1, 1]
    shares = loaded_shares(predictions, n_boot=20)
    assert shares["group"].tolist() == ["outlet-a"]  # outlet-b has no scored sentence: no share, not 0


# --- the readers ------------------------------------------------------------------------------

FIG_HEADER = "Batch\tSource Language\tID\tType\tText\tEnglish MT\tArabic MT\tAnnotator ID\tBias\tPropaganda\tComments\n"
VOTE_HEADER = ("batch\tsource_language\tid\ttype\t\tBiased against Palestine\tBiased against Israel\t"
               "Biased against both Palestine and Israel\tBiased against others\tUnbiased\tNot Applicable\t"
               "Unclear\t\tPropaganda\tNot Propaganda\tNot Applicable\tUnclear\n")


def test_fignews_votes_make_a_majority_label_and_ties_are_reported(tmp_path):
    texts = tmp_path / "texts.tsv"
    texts.write_text(FIG_HEADER
                     + "B01\tEnglish\t1\tIAA\tA vile raid.\tA vile raid.\tغارة\t\t\t\t\n"
                     + "B01\tEnglish\t2\tIAA\tA calm day.\tA calm day.\tيوم\t\t\t\t\n"
                     + "B01\tEnglish\t3\tIAA\tA raid.\tA raid.\tغارة\t\t\t\t\n"
                     + "B01\tEnglish\t4\tIAA\tshifted\tby\ta\ttab\t\t\t\t\t\n", encoding="utf-8")
    votes = tmp_path / "votes.tsv"
    votes.write_text(VOTE_HEADER
                     + "B01\tEnglish\t1\tIAA\t\t2\t1\t0\t0\t1\t0\t0\t\t3\t1\t0\t0\n"  # biased 3 > 1
                     + "B01\tEnglish\t2\tIAA\t\t0\t0\t0\t1\t4\t0\t0\t\t0\t4\t0\t0\n"  # biased 1 < 4
                     + "B01\tEnglish\t3\tIAA\t\t1\t1\t0\t0\t2\t0\t0\t\t2\t2\t0\t0\n"  # tie 2 = 2
                     + "B01\tEnglish\t9\tMAIN\t\t1\t0\t0\t0\t0\t0\t0\t\t0\t0\t0\t0\n", encoding="utf-8")
    read, skipped = read_fignews_texts(texts)
    assert read["post"].tolist() == ["B01/English/1", "B01/English/2", "B01/English/3"]
    assert [(s["line"], s["action"]) for s in skipped] == [(5, "skipped")]
    counts, _ = read_fignews_votes(votes)
    posts, ties = join_fignews(read, counts)
    assert posts[["group", "label", "propaganda"]].values.tolist() == [["B01/English/1", 1, 1],
                                                                     ["B01/English/2", 0, 0]]
    assert [t["item"] for t in ties] == ["B01/English/3"]
    assert join_fignews(read, counts, language="ar")[0]["text"].tolist() == ["غارة", "يوم"]


def test_a_vote_file_with_a_short_row_names_its_line(tmp_path):
    votes = tmp_path / "votes.tsv"
    votes.write_text(VOTE_HEADER + "B01\tEnglish\t1\tIAA\t\t2\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"votes.tsv:2: 6 fields, not 17"):
        read_fignews_votes(votes)
    with pytest.raises(CorpusError, match=r"texts.tsv:1: the header starts \['x'\]"):
        (tmp_path / "texts.tsv").write_text("x\ty\n", encoding="utf-8")
        read_fignews_texts(tmp_path / "texts.tsv")


def test_penn_majority_of_three_raters(tmp_path):
    header = "sentence_id,article_id,publisher,sentence_text,gpt_tone,gpt_type,gpt_focus,type,tone,focus\n"
    labels = [("opinion", "opinion", "fact"), ("fact", "fact", "quote"), ("quote", "opinion", "fact")]
    raters = []
    for r in range(3):
        path = tmp_path / f"r{r}.csv"
        path.write_text(header + "".join(f"s{i},art{i // 2},outlet-a,Sentence {i}.,neutral,fact,neither,"
                                         f"{lab[r]},{'negative' if i == 0 else 'neutral'},neither\n"
                                         for i, lab in enumerate(labels)), encoding="utf-8")
        raters.append(read_penn_rater(path)[0])
    opinion, skipped = join_penn(raters)
    assert opinion[["text", "label", "group"]].values.tolist() == [["Sentence 0.", 1, "art0"],
                                                                 ["Sentence 1.", 0, "art0"]]
    assert skipped[0]["item"] == "1 sentences"
    assert join_penn(raters, task="tone")[0]["label"].tolist() == [1, 0, 0]
    with pytest.raises(CorpusError, match=r"r0.csv:1: no column 'type'"):
        (tmp_path / "r0.csv").write_text("sentence_id,article_id,publisher,sentence_text,tone\n", encoding="utf-8")
        read_penn_rater(tmp_path / "r0.csv")


# --- on ../shared ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_domains(request):
    from conftest import SHARED

    if not (SHARED / "datasets" / "fignews-2024").is_dir():
        pytest.skip(f"needs ../shared (FIGNEWS, Penn, BABE, FA-KES) beside the checkout: {SHARED} not found")
    from slant.classify import load_domains

    return load_domains(SHARED / "corpora")


def test_the_real_domains_load_with_their_checksums(real_domains):
    domains, _ = real_domains
    sizes = {k: (len(v), int(v["label"].sum())) for k, v in domains.items()}
    assert sizes == {"babe": (2913, 1447), "fignews": (1257, 503), "penn": (1245, 303),
                     "fakes-distant": (3000, 1500)}


def test_real_grouped_folds_never_share_an_article_or_post(real_domains):
    domains, _ = real_domains
    for name in ("babe", "fignews", "penn"):
        groups = domains[name]["group"].to_numpy()
        for train, test in grouped_folds(groups):
            assert not set(groups[train]) & set(groups[test]), name
    # the distant FA-KES sentences share no article with any gold domain
    distant = set(domains["fakes-distant"]["group"])
    assert all(not distant & set(domains[n]["group"]) for n in ("babe", "fignews", "penn"))
