"""Charts of the camp classifier (notebook 03): cross-validated scores, confusion, the target's
camp probabilities and every article's, per outlet."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._common import CAMP_COLORS, rtl_safe
from ._many import fold_small_outlets, folded_rows

__all__ = ["camp_confusion", "camp_cv_scores", "outlet_camp_probabilities", "target_camp"]

_SCHEME_COLORS = {"stratified": "#bbbbbb", "leave-one-outlet-out": "#c0392b", "grouped-10-fold": "#c0392b"}
_OTHER_CLASS = "#888888"


def _empty(ax, title):
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 1))
    ax.set_title(title)
    ax.axis("off")
    return ax


@rtl_safe
def camp_cv_scores(scores: pd.DataFrame, *, ax=None):
    """Macro-F1 of every model and task, stratified folds beside one outlet left out per fold.

    Parameters
    ----------
    scores : DataFrame
        ``camp_scores`` (:func:`slant.classify.cross_validate_camps`).
    """
    if scores.empty:
        return _empty(ax, "Camp classifier: no cross-validation could be run")
    rows = scores[["task", "model"]].drop_duplicates().reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.55 * len(rows) + 1.6))
    y = np.arange(len(rows))
    schemes = [s for s in _SCHEME_COLORS if s in set(scores["scheme"])]
    for k, scheme in enumerate(schemes):
        values = rows.merge(scores[scores["scheme"] == scheme], on=["task", "model"], how="left")
        offset = (k - (len(schemes) - 1) / 2) * 0.38
        ax.barh(y + offset, values["macro_f1"].fillna(0), height=0.36, color=_SCHEME_COLORS[scheme],
                label=scheme)
        for yi, v in zip(y + offset, values["macro_f1"]):
            if pd.notna(v):
                ax.text(v + 0.01, yi, f"{v:.2f}", va="center", fontsize=8)
    ax.set_yticks(y, [f"{t}: {m}" for t, m in zip(rows["task"], rows["model"])], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.08)
    ax.set_xlabel("macro-F1 (out-of-fold)")
    first = scores.iloc[0]
    ax.set_title(f"Camp classifier, macro-F1 by cross-validation scheme "
                 f"({int(first['articles']):,} articles, {int(first['outlets'])} outlets)")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


@rtl_safe
def camp_confusion(confusion: pd.DataFrame, *, task: str = "camp", model: str = "combined",
                   scheme: str = "leave-one-outlet-out", ax=None):
    """Articles per true class (rows) and predicted class (columns), shaded by row share."""
    data = confusion[(confusion["task"] == task) & (confusion["model"] == model)
                     & (confusion["scheme"] == scheme)]
    if data.empty:
        return _empty(ax, f"Confusion ({task}, {model}, {scheme}): not evaluated")
    table = data.pivot_table(index="true", columns="predicted", values="articles", aggfunc="sum",
                             fill_value=0)
    labels = sorted(set(table.index) | set(table.columns))
    table = table.reindex(index=labels, columns=labels, fill_value=0)
    share = table.div(table.sum(axis=1).where(table.sum(axis=1) > 0), axis=0).fillna(0)
    if ax is None:
        _, ax = plt.subplots(figsize=(0.7 * len(labels) + 3, 0.55 * len(labels) + 2))
    ax.imshow(share.to_numpy(), cmap="Blues", vmin=0, vmax=1)
    for (i, j), n in np.ndenumerate(table.to_numpy()):
        if n:
            ax.text(j, i, str(int(n)), ha="center", va="center", fontsize=8,
                    color="white" if share.iat[i, j] > 0.6 else "black")
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), [f"{c} ({int(n)})" for c, n in zip(labels, table.sum(axis=1))],
                  fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true (articles)")
    ax.set_title(f"Confusion, {task}, {model} model, {scheme}: articles per true and predicted "
                 f"class ({int(table.to_numpy().sum()):,} articles)", fontsize=10)
    return ax


@rtl_safe
def target_camp(target: pd.DataFrame, *, task: str = "camp", ax=None):
    """The target article's probability of each class (calibrated when the table says so)."""
    data = target[target["task"] == task].sort_values("probability")
    if data.empty:
        return _empty(ax, f"Target's camp probabilities ({task}): no target scored")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.4 * len(data) + 1.4))
    colors = [CAMP_COLORS.get(c, _OTHER_CLASS) for c in data["class"]]
    ax.barh(data["class"], data["probability"], color=colors)
    for yi, v in enumerate(data["probability"]):
        ax.text(v + 0.01, yi, f"{v:.2f}", va="center", fontsize=8)
    ax.set_xlim(0, 1.1)
    kind = "calibrated probability" if bool(data["calibrated"].iloc[0]) else "probability (not calibrated)"
    first = data.iloc[0]
    ax.set_xlabel(kind)
    ax.set_title(f"Which {'camp' if task == 'camp' else 'side'} does the target read like? "
                 f"{first['id']} ({first['outlet']}, {first['camp']}), {first['model']} model, "
                 "1 article", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


@rtl_safe
def outlet_camp_probabilities(probabilities: pd.DataFrame, *, task: str = "camp", ax=None,
                              min_articles: int | None = None, outlets: pd.DataFrame | None = None):
    """Each outlet's articles: mean out-of-outlet probability of each class, stacked.

    Parameters
    ----------
    probabilities : DataFrame
        ``camp_probabilities`` (long: ``id``, ``outlet``, ``camp``, ``task``, ``class``,
        ``probability``), from models that never saw the article's outlet.
    min_articles, outlets : int, DataFrame, optional
        Outlets under ``min_articles`` articles (``outlets`` is :func:`outlet_sizes`) are folded
        into one row per camp; its bar is the mean over all their articles.
    """
    data = probabilities[probabilities["task"] == task]
    data = fold_small_outlets(data, sizes=outlets, min_articles=min_articles)
    folded = folded_rows(outlets, min_articles=min_articles)
    if data.empty:
        return _empty(ax, f"Articles' camp probabilities ({task}): none computed")
    mean = data.pivot_table(index=["outlet", "camp"], columns="class", values="probability",
                            aggfunc="mean", fill_value=0)
    n = data.groupby(["outlet", "camp"])["id"].nunique()
    mean = mean.sort_index(level=["camp", "outlet"])
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.38 * len(mean) + 1.8))
    left = np.zeros(len(mean))
    for cls in mean.columns:
        ax.barh(np.arange(len(mean)), mean[cls], left=left, color=CAMP_COLORS.get(cls, _OTHER_CLASS),
                label=cls)
        left += mean[cls].to_numpy()
    ax.set_yticks(np.arange(len(mean)),
                  [o if o in folded else f"{o} ({c}, n={n[(o, c)]})" for o, c in mean.index], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("mean probability, from a model that never saw the outlet")
    ax.set_title(f"Which {'camp' if task == 'camp' else 'side'} do an outlet's articles read like? "
                 f"({data['id'].nunique():,} articles, {probabilities.loc[probabilities['task'] == task, 'outlet'].nunique()} outlets"
                 f"{f'; outlets under {min_articles} articles pooled per camp' if folded else ''})",
                 fontsize=10)
    ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax
