"""Tests for slant.findings: the index page's findings, from tables written by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from slant.findings import FINDING_COLUMNS, read_findings


def write(folder, name, rows, columns, fmt="csv"):
    table = pd.DataFrame(rows, columns=columns)
    if fmt == "parquet":
        table.to_parquet(folder / f"{name}.parquet", index=False)
    else:
        table.to_csv(folder / f"{name}.csv", index=False)


@pytest.mark.parametrize("hits_format", ["csv", "parquet"], ids=["hits-csv", "hits-parquet-as-slant-score-writes"])
def test_findings_from_hand_written_tables(tmp_path, hits_format):
    write(tmp_path, "articles", [("t", "o-a", "camp-x", True), ("b", "o-b", "camp-y", False)],
          ["id", "outlet", "camp", "is_target"])
    write(tmp_path, "hits", [
        ("t", "o-a", "camp-x", "Daesh", "is", True, "own"),
        ("t", "o-a", "camp-x", "Daesh", "is", True, "own"),
        ("b", "o-b", "camp-y", "regime", "gov", True, "quoted"),
    ], ["id", "outlet", "camp", "label", "referent", "loaded", "voice"], fmt=hits_format)
    write(tmp_path, "label_choices", [
        ("camp", "camp-x", "is", "Daesh", "d", 2, 2, 1, 1.0),
        ("camp", "camp-y", "is", "Islamic State", "n", 3, 4, 3, 0.75),
        ("camp", "camp-y", "is", "Daesh", "d", 1, 4, 1, 0.25),
    ], ["level", "group", "referent", "label", "stance", "mentions", "referent_mentions", "articles", "share"])
    findings = read_findings(tmp_path)
    assert list(findings.columns) == FINDING_COLUMNS
    labels = findings[findings["finding"] == "labels"]
    assert labels["text"].tolist() == [
        ("The target calls is “Daesh” (2 of 2 own-voice mentions). Each camp’s most frequent label, "
        "own voice: camp-x (the target’s camp): “Daesh” (2 of 2 mentions, 1 article); "
        "camp-y: “Islamic State” (3 of 4 mentions, 3 articles).")]
    assert labels["articles"].tolist() == [5]
    voices = findings[findings["finding"] == "voices"]["text"].tolist()
    assert voices == ["camp-x: loaded labels in its own voice “Daesh” (2); only in quotes none.",
                      "camp-y: loaded labels in its own voice none; only in quotes “regime” (1)."]
    # the tables of notebooks 03 and 04 are missing: one line each saying so
    missing = findings[findings["finding"].isin(["camp", "omissions", "rewrite"])]
    assert missing["text"].str.startswith("Not computed: ").all() and (missing["articles"] == 0).all()
    assert len(missing) == 3


def test_no_target_is_one_line_saying_why(tmp_path):
    write(tmp_path, "articles", [("b", "o-b", "camp-y", False)], ["id", "outlet", "camp", "is_target"])
    labels = read_findings(tmp_path).query("finding == 'labels'")
    assert labels["text"].tolist() == ["No target article loaded, so there is no label of the target to compare."]


@pytest.mark.parametrize("scheme", ["leave-one-outlet-out", "grouped-10-fold"])
def test_camp_finding_trusts_the_outlet_held_out_scheme(tmp_path, scheme):
    # past 20 outlets the classifier holds outlets out in grouped folds: its figure is the trust
    # figure as much as leave-one-outlet-out's; the stratified one (0.99 here) never is
    write(tmp_path, "target_camp", [("camp", "lexicon", "camp-x", 0.7, True), ("camp", "lexicon", "camp-y", 0.3, True)],
          ["task", "model", "class", "probability", "calibrated"])
    write(tmp_path, "camp_classifier_scores", [
        ("camp", "lexicon", "stratified", 0.99, 40), ("camp", "lexicon", scheme, 0.55, 40),
        ("camp", "tfidf", scheme, 0.9, 40)], ["task", "model", "scheme", "macro_f1", "articles"])
    camp = read_findings(tmp_path).query("finding == 'camp'")
    assert camp["text"].tolist() == [(
        "The target reads most like camp-x (calibrated probability 0.70; next camp-y, 0.30). How far to trust "
        "it: moderate; the lexicon model scores macro-F1 0.55 on the camps when an article’s outlet is left "
        f"out of training ({scheme}) (40 articles).")]
    assert camp["articles"].tolist() == [40]
