"""Findings stage: the report's opening findings, computed from the tables of a report folder.

Input: a report folder holding the notebooks' CSV tables. Output: ``FINDING_COLUMNS``, one row
per finding: what the target calls each actor it names beside what each camp calls it; which
camp the target reads like and how far the classifier can be trusted; the loaded labels each
camp uses in its own voice and only in quotes; what each camp leaves out; what the target
changed in the text it rewrites. A finding whose tables are missing or empty is one row saying
why.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["FINDING_COLUMNS", "SECTIONS", "read_findings"]

#: One row per finding: its kind, its sentence, the articles behind it, and where it is shown.
FINDING_COLUMNS = ["finding", "text", "articles", "page", "section"]

#: Finding kind -> (page, heading of its section), as the notebooks write them.
SECTIONS = {
    "labels": ("02_loaded_terms.html", "Which label for which actor?"),
    "camp": ("03_contrast_outlets.html", "Which camp does the target article read like?"),
    "voices": ("02_loaded_terms.html", 'The newsroom rule: whose voice says "terrorist"?'),
    "omissions": ("04_framing.html", "What is mentioned and what is left out"),
    "rewrite": ("04_framing.html", "How does the target rewrite its source?"),
}

#: Referents of the target listed, the most mentioned first.
MAX_REFERENTS = 6
#: Labels listed per camp and voice.
MAX_LABELS = 4
#: Leave-one-outlet-out macro-F1 bounds of the trust words: below WEAK "weak", below GOOD
#: "moderate", else "good". Rules of thumb for this report, not a published standard: with
#: k camps, chance macro-F1 is about 1/k (0.1-0.25 here), so under 0.4 the model is little
#: better than guessing the largest camps.
WEAK_F1, GOOD_F1 = 0.4, 0.7


def read_findings(report_dir: str | Path) -> pd.DataFrame:
    """The findings of a report folder, in reading order.

    Parameters
    ----------
    report_dir : str or Path
        Folder of the report (the notebooks' ``out_dir``).

    Returns
    -------
    DataFrame
        ``FINDING_COLUMNS``; ``articles`` is the number of articles behind the finding (0 when
        it could not be made).
    """
    folder = Path(report_dir)
    tables = _Tables(folder)
    rows = []
    for kind, make in (("labels", _labels), ("camp", _camp), ("voices", _voices),
                       ("omissions", _omissions), ("rewrite", _rewrite)):
        page, section = SECTIONS[kind]
        try:
            found = make(tables)
        except _Missing as missing:
            found = [((f"Not computed: {missing} is not in the report folder (its notebook did "
                      "not run to the end)."), 0)]
        rows += [(kind, text, int(n), page, section) for text, n in found]
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


class _Missing(Exception):
    """A table the finding needs is not in the folder."""


class _Tables:
    """The report folder's tables, read once each: ``<name>.csv`` (strings kept as strings),
    else ``<name>.parquet`` (as ``slant score`` writes its large tables)."""

    def __init__(self, folder: Path):
        self.folder, self._read = folder, {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._read:
            path = self.folder / f"{name}.csv"
            if path.is_file():
                self._read[name] = pd.read_csv(path, keep_default_na=False, na_values=[""])
            elif (self.folder / f"{name}.parquet").is_file():
                self._read[name] = pd.read_parquet(self.folder / f"{name}.parquet")
            else:
                raise _Missing(f"{name}.csv")
        return self._read[name]

    def target(self) -> pd.Series | None:
        articles = self["articles"]
        flag = articles["is_target"].astype(str).str.lower() == "true"
        return articles[flag].iloc[0] if flag.any() else None


def _quoted(label) -> str:
    return f"“{label}”"


def _labels(tables: _Tables) -> list[tuple[str, int]]:
    target = tables.target()
    if target is None:
        return [(("No target article loaded, so there is no label of the target to compare."), 0)]
    hits = tables["hits"]
    own = hits[(hits["id"] == target["id"]) & (hits["voice"] == "own") & hits["referent"].notna()]
    if own.empty:
        return [(("The target names no lexicon referent in its own voice."), 1)]
    counts = own.groupby(["referent", "label"]).size().rename("n").reset_index()
    counts = counts.sort_values(["referent", "n", "label"], ascending=[True, False, True])
    per_referent = counts.groupby("referent")["n"].sum().sort_values(ascending=False, kind="stable")
    choices = tables["label_choices"]
    camps = choices[choices["level"] == "camp"].sort_values(
        ["group", "referent", "mentions", "label"], ascending=[True, True, False, True])
    top = camps.drop_duplicates(["group", "referent"])
    rows = []
    for referent in per_referent.index[:MAX_REFERENTS]:
        mine = counts[counts["referent"] == referent].iloc[0]
        theirs = top[top["referent"] == referent]
        parts = [f"{c}{' (the target’s camp)' if c == target['camp'] else ''}: "
                 f"{_quoted(lab)} ({m} of {rm} mentions, {a} article{'s' * (a != 1)})"
                 for c, lab, m, rm, a in zip(theirs["group"], theirs["label"], theirs["mentions"],
                                             theirs["referent_mentions"], theirs["articles"])]
        others = "; ".join(parts) if parts else "no camp names it in its own voice"
        text = (f"The target calls {referent} {_quoted(mine['label'])} ({mine['n']} of "
                f"{per_referent[referent]} own-voice mentions). Each camp’s most frequent label, "
                f"own voice: {others}.")
        rows.append((text, 1 + int(theirs["articles"].sum())))
    return rows


def _trust(f1: float) -> str:
    if f1 < WEAK_F1:
        return "weak"
    return "moderate" if f1 < GOOD_F1 else "good"


def _camp(tables: _Tables) -> list[tuple[str, int]]:
    target = tables["target_camp"]
    scores = tables["camp_classifier_scores"]
    data = target[target["task"] == "camp"].sort_values("probability", ascending=False)
    if data.empty:
        return [(("No target article was scored by the camp classifier (no target, or too few "
                 "camps to train on)."), 0)]
    first = data.iloc[0]
    second = data.iloc[1] if len(data) > 1 else None
    kind = "calibrated probability" if str(first["calibrated"]).lower() == "true" else \
        "probability, not calibrated"
    text = f"The target reads most like {first['class']} ({kind} {first['probability']:.2f}"
    text += f"; next {second['class']}, {second['probability']:.2f})." if second is not None else ")."
    # the outlet-held-out scheme: leave-one-outlet-out, or grouped k-fold past 20 outlets
    held = scores[(scores["model"] == first["model"]) & (scores["scheme"] != "stratified")].dropna(subset=["macro_f1"])
    scheme = str(held["scheme"].iloc[0]) if len(held) else ""
    held = held.set_index("task")["macro_f1"]
    n = int(scores["articles"].max()) if len(scores) else 0
    if "camp" in held:
        text += (f" How far to trust it: {_trust(held['camp'])}; the {first['model']} model scores "
                 f"macro-F1 {held['camp']:.2f} on the camps when an article’s outlet is left out of "
                 f"training ({scheme})")
        if "alignment" in held:
            text += f", and {held['alignment']:.2f} on the alignment axis"
        text += f" ({n:,} articles)."
    else:
        text += " Its trust cannot be measured: leaving one outlet out was not possible here."
    return [(text, n)]


def _voices(tables: _Tables) -> list[tuple[str, int]]:
    hits = tables["hits"]
    loaded = hits[hits["loaded"].astype(str).str.lower() == "true"]
    if loaded.empty:
        return [(("No loaded label was found in any article."), 0)]
    rows = []
    for camp, sub in loaded.groupby("camp", sort=True):
        own = sub[sub["voice"] == "own"]["label"].value_counts()
        quoted = sub[sub["voice"] == "quoted"]["label"].value_counts()
        only_quoted = quoted[~quoted.index.isin(own.index)]
        own_text = ", ".join(f"{_quoted(k)} ({v})" for k, v in own.head(MAX_LABELS).items()) or "none"
        quoted_text = ", ".join(f"{_quoted(k)} ({v})" for k, v in only_quoted.head(MAX_LABELS).items()) or "none"
        text = f"{camp}: loaded labels in its own voice {own_text}; only in quotes {quoted_text}."
        rows.append((text, sub["id"].nunique()))
    return rows


def _omissions(tables: _Tables) -> list[tuple[str, int]]:
    matrix = tables["mention_matrix_camp"]
    omitted = matrix[matrix["omitted"].astype(str).str.lower() == "true"]
    try:
        uncovered = tables["uncovered_camps"]
    except _Missing:
        uncovered = pd.DataFrame(columns=["not_covered_by"])
    missed: dict[str, int] = {}
    for cell in uncovered["not_covered_by"].astype("string").fillna(""):
        for camp in filter(None, (c.strip() for c in str(cell).split(","))):
            missed[camp] = missed.get(camp, 0) + 1
    camps = sorted(set(omitted["group"]) | set(missed))
    if not camps:
        text = ("No camp leaves out an item most other camps mention, and no camp missed a story "
                "several outlets covered.")
        return [(text, int(matrix.drop_duplicates("group")["articles"].sum()))]
    sizes = matrix.drop_duplicates("group").set_index("group")["articles"]
    rows = []
    for camp in camps:
        items = omitted.loc[omitted["group"] == camp, "item_name"].tolist()
        parts = []
        if items:
            parts.append("never mentions " + ", ".join(items) + " (which most other camps mention)")
        if missed.get(camp):
            parts.append(f"did not cover {missed[camp]} of the {len(uncovered)} stories that several "
                         "outlets covered")
        rows.append((f"{camp}: " + "; ".join(parts) + ".", int(sizes.get(camp, 0))))
    return rows


def _rewrite(tables: _Tables) -> list[tuple[str, int]]:
    alignment = tables["rewrite_sentences"]
    if alignment.empty:
        return [(("No rewrite diff: the corpus names no target_source, or the target or the text it "
                 "names did not load (04 says which)."), 0)]
    edits = tables["rewrite_edits"]
    status = alignment["status"].value_counts()
    text = (f"Against its source, the target kept {status.get('kept', 0)} sentences, rewrote "
            f"{status.get('rewritten', 0)}, dropped {status.get('dropped', 0)} and added "
            f"{status.get('added', 0)}.")
    same = edits[edits["same_referent"].astype(str).str.lower() == "true"]
    if len(same):
        pairs = pd.unique([f"{_quoted(a)} → {_quoted(b)}" for a, b in
                           zip(same["source_words"], same["target_words"])])
        text += " Relabelled: " + ", ".join(pairs[:MAX_LABELS * 2]) + "."
    else:
        text += " No referent was relabelled."
    return [(text, 2)]
