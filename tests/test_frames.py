"""Generic news frames (slant.framing._frames, ._frame_indicators): hand-worked answers on
sentences written for these tests, attributed to invented outlets."""

from pathlib import Path
from typing import ClassVar

import pandas as pd
import pytest

from slant.framing import (
    GENERIC_FRAMES,
    FrameIndicators,
    FramingError,
    GenericFrameModel,
    apply_frames,
    best_threshold,
    evaluate_frames,
    frame_folds,
    frame_sentences,
    frame_shares,
    indicator_hits,
    load_frame_indicators,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "datasets" / "narrative-frames" / "articles_metadata.tsv"

#: One sentence per frame, each with words of that frame's list only (hand-checked).
SENTENCES = {
    "conflict": "The two councils clashed again and accused each other.",
    "resolution": "The council adopted a plan to reduce flooding.",
    "human_interest": "A mother and her children slept in the car.",
    "moral": "The bishop said it was a sin before God.",
    "economic": "The repairs cost two billion and added taxes.",
}


def toy(n_per_frame=2, outlets=6):
    """Articles of one sentence each, frame i's sentence from outlet-(k mod outlets)."""
    rows, labels = [], []
    k = 0
    for _ in range(n_per_frame):
        for frame, sentence in SENTENCES.items():
            rows.append({"id": f"a{k:02d}", "outlet": f"outlet-{'abcdefgh'[k % outlets]}", "text": sentence})
            labels.append({f: f == frame for f in GENERIC_FRAMES})
            k += 1
    return pd.DataFrame(rows), pd.DataFrame(labels)


@pytest.mark.parametrize("frame", GENERIC_FRAMES)
def test_one_list_decides_the_frame(frame):
    hits = indicator_hits(pd.DataFrame({"text": [SENTENCES[frame]]}), load_frame_indicators())
    assert sorted(set(hits["frame"])) == [frame]


def test_hits_by_hand():
    text = "Critics slammed the plan. The plan would cost jobs."
    hits = indicator_hits(pd.DataFrame({"text": [text]}), load_frame_indicators())
    assert sorted(zip(hits["frame"], hits["term"])) == [
        ("conflict", "Critics"), ("conflict", "slammed"), ("economic", "cost"), ("economic", "jobs"),
        ("resolution", "plan"), ("resolution", "plan")]


def test_duplicate_term_is_an_error(tmp_path):
    path = tmp_path / "frames.yml"
    body = "".join(f"{f}:\n  terms: [x{f}]\n" for f in GENERIC_FRAMES[1:])
    path.write_text("conflict:\n  terms: [clash, feud,\n          clash]\n" + body)
    with pytest.raises(FramingError, match=r"frames.yml:3: 'clash' is listed twice .* line 2"):
        load_frame_indicators(path)


def test_best_threshold_by_hand():
    # cut at 0.9: F1 2/3; 0.6: 1/2; 0.4: TP 2, FP 1 -> 4/5; 0.1: 2/3
    assert best_threshold([0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1]) == 0.4


def test_grouped_folds_never_share_an_outlet():
    articles, labels = toy(n_per_frame=4, outlets=7)
    folds = frame_folds(labels, articles["outlet"], n_splits=3)
    seen = set()
    for train, test in folds:
        test_outlets = set(articles["outlet"].iloc[test])
        assert not test_outlets & set(articles["outlet"].iloc[train])
        assert not test_outlets & seen
        seen |= test_outlets
    assert seen == set(articles["outlet"])


def test_unseen_indicator_word_decides():
    # trained on "clashed/accused"; "feud" and "denounced" are conflict words it never saw
    articles, labels = toy(n_per_frame=3)
    model = GenericFrameModel(inner_folds=3).fit(articles, labels)
    new = pd.DataFrame({"id": ["n1"], "outlet": ["outlet-z"],
                        "text": ["The neighbours' feud grew and each denounced the other."]})
    proba = model.predict_proba(new).iloc[0]
    assert proba.idxmax() == "conflict"


class SpyModel(GenericFrameModel):
    """Records the articles each fit saw."""

    fitted_on: ClassVar[list] = []

    def fit(self, articles, labels, groups=None):
        SpyModel.fitted_on.append(set(articles["id"]))
        return super().fit(articles, labels, groups)


def test_threshold_is_chosen_in_training_folds_only():
    articles, labels = toy(n_per_frame=4, outlets=8)
    # the test folds get weaker conflict articles: one indicator word instead of two, so the
    # best threshold on a test fold is lower than the one the training folds give
    weak = articles["text"] == SENTENCES["conflict"]
    articles.loc[weak & (articles.index % 2 == 1), "text"] = "The two councils met again and clashed."
    SpyModel.fitted_on = []
    _, predictions = evaluate_frames(articles, labels, model=SpyModel(inner_folds=2), n_splits=4, n_boot=50)
    for fold, part in predictions[predictions["frame"] == "conflict"].groupby("fold"):
        trained = SpyModel.fitted_on[fold]
        assert not trained & set(part["id"])  # never fitted on its test articles
        refit = GenericFrameModel(inner_folds=2).fit(
            articles[articles["id"].isin(trained)], labels[articles["id"].isin(trained)])
        assert part["threshold"].iloc[0] == pytest.approx(refit.thresholds_["conflict"])
        leaked = best_threshold(part["probability"], part["gold"])
        if part["gold"].any() and leaked != part["threshold"].iloc[0]:
            break
    else:
        pytest.fail("no fold where a threshold chosen on the test fold differs: the test cannot fail")


def test_shares_per_outlet_with_counts():
    frames = pd.DataFrame({
        "id": ["a1", "a1", "a2", "a2", "b1", "b1"], "outlet": ["outlet-a"] * 4 + ["outlet-b"] * 2,
        "camp": "", "frame": ["conflict", "moral"] * 3,
        "probability": [0.9, 0.1, 0.2, 0.7, 0.8, 0.3], "threshold": 0.5,
        "present": [True, False, False, True, True, False]})
    shares = frame_shares(frames)
    assert shares[["outlet", "frame", "n", "present", "share"]].values.tolist() == [
        ["outlet-a", "conflict", 2, 1, 0.5], ["outlet-a", "moral", 2, 1, 0.5],
        ["outlet-b", "conflict", 1, 1, 1.0], ["outlet-b", "moral", 1, 0, 0.0]]


def test_apply_frames_one_row_per_article_and_frame():
    articles, labels = toy(n_per_frame=3)
    model = GenericFrameModel(inner_folds=3).fit(articles, labels)
    table = apply_frames(articles.head(2), model)
    assert len(table) == 2 * len(GENERIC_FRAMES)
    assert table["present"].tolist() == (table["probability"] >= table["threshold"]).tolist()


def test_sentences_that_carry_each_frame():
    articles = pd.DataFrame({"id": ["a1"], "outlet": ["outlet-a"],
                             "text": ["The weather was mild. Critics slammed the plan and accused the mayor."]})
    rows = frame_sentences(articles, load_frame_indicators())
    conflict = rows[rows["frame"] == "conflict"]
    assert conflict[["sentence", "hits", "terms"]].values.tolist() == [[1, 3, "Critics, accused, slammed"]]
    assert conflict["text"].iloc[0] == "Critics slammed the plan and accused the mayor."


def test_indicators_type_is_checked():
    assert isinstance(load_frame_indicators(), FrameIndicators)


@pytest.mark.shared
@pytest.mark.skipif(not GOLD.is_file(), reason=f"needs ../shared (the Narrative Frames mirror): {GOLD} not found")
def test_figures_on_narrative_frames():
    from slant.framing import load_frame_gold

    articles, labels, issues = load_frame_gold(mirror=SHARED / "corpora", download=False)
    assert len(articles) == 427 and len(issues) == 1
    scores, _ = evaluate_frames(articles, labels)
    scores = scores.set_index("frame")
    # measured 2025 (docs/frames.md): F1 conflict 0.755, resolution 0.646, human interest 0.317,
    # moral 0.432, economic 0.685; floors 0.03 below leave room for library versions
    floors = {"conflict": 0.72, "resolution": 0.61, "human_interest": 0.28, "moral": 0.40, "economic": 0.65}
    for frame, floor in floors.items():
        assert scores.loc[frame, "f1"] >= floor, frame
    # the rare frames and resolution beat the plain baseline under the same folds (paired interval)
    for frame in ("resolution", "human_interest", "moral", "economic"):
        assert scores.loc[frame, "gain_low"] > 0, frame
