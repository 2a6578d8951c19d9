"""Classify stage, camps: what is learnt and how it is held out, chosen from the corpus.

Input: the :func:`camp_inputs` table (``id``, ``outlet``, ``camp``, ``is_target``). Output:
each article's class per task (:func:`task_labels`, with the binary task's side chosen by
:func:`alignment_side`) and the train/test index pairs of each cross-validation scheme
(:func:`stratified_folds`, :func:`outlet_folds`). Nothing here fits a model; what cannot be
done is returned as a one-line note, never raised, so that any corpus a user brings gets a page.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.model_selection import LeaveOneGroupOut, StratifiedGroupKFold, StratifiedKFold

from ..corpus import UNKNOWN_CAMP
from ._errors import ClassifyError

__all__ = [
    "ALIGNMENT_CAMP", "ALIGNMENT_CAMPS", "GROUPED_FOLDS", "GROUPED_SCHEME", "LOGO_SCHEME",
    "MAX_LOGO_OUTLETS", "OUTLET_SCHEMES", "SCHEMES", "STRATIFIED_SCHEME", "TASKS", "CampError",
    "Side", "alignment_side", "labelled", "outlet_folds", "stratified_folds", "task_labels",
    "unrunnable",
]


class CampError(ClassifyError):
    """A camp classification that cannot be made as asked (no camp column, unknown model)."""


#: "camp": every camp of the registry; "alignment": one side against the rest (by default the
#: Syrian government's side, see :func:`alignment_side`).
TASKS = ("camp", "alignment")
#: The class of the government's side on the Syrian alignment axis, and of everything else.
ALIGNMENT_CAMP, REST = "pro-government", "rest"
#: Camps on the government's side of the Syrian alignment axis: the registry files Iranian and
#: Russian state media apart (outlets.csv, camp_note: Press TV "also strongly pro-government on
#: Syria"), but on Syria they back Damascus, so the axis counts them with it. With these three,
#: leaving one outlet out still leaves five on its side to learn from (FA-KES: SANA, Al-Manar,
#: Al-Alam, Press TV, Sputnik, TASS); with "pro-government" alone it would leave one. A fact of
#: the Syrian corpus: used only where a "pro-government" camp is present (:func:`alignment_side`).
ALIGNMENT_CAMPS = ("pro-government", "Iranian", "Russian")
#: Outlets needed on each side of the binary task: with one, leaving it out leaves nothing of
#: its side to learn from, so the held-out score would measure nothing.
MIN_SIDE_OUTLETS = 2

STRATIFIED_SCHEME, LOGO_SCHEME = "stratified", "leave-one-outlet-out"
#: Leave one outlet out up to this many outlets, grouped folds beyond. At 20 outlets one fold
#: per outlet costs twice the :data:`GROUPED_FOLDS` folds, and each outlet is judged by a model
#: trained on 95 % of the others instead of 90 %: a small gain, which grouped folds give up
#: only past this point, where the cost of one fold per outlet keeps growing (140 outlets: 140
#: folds, 554 s for the report instead of 177 s) while the training share barely moves
#: (99 % against 90 %). FA-KES (16 outlets, README "Camp classifier") keeps leave-one-outlet-out.
MAX_LOGO_OUTLETS = 20
#: Grouped folds past :data:`MAX_LOGO_OUTLETS`: whole outlets per fold, about a tenth of the
#: outlets each, stratified by camp (scikit-learn's ``StratifiedGroupKFold``), the usual ten
#: folds of k-fold cross-validation (Kohavi 1995).
GROUPED_FOLDS = 10
GROUPED_SCHEME = f"grouped-{GROUPED_FOLDS}-fold"
#: Schemes that never put one outlet in both training and test.
OUTLET_SCHEMES = (LOGO_SCHEME, GROUPED_SCHEME)
#: Every scheme, in the order of the scores table: stratified beside the outlet-held-out one.
SCHEMES = (STRATIFIED_SCHEME, *OUTLET_SCHEMES)


@dataclass(frozen=True)
class Side:
    """The binary task: ``camps`` form the class ``label``, every other camp the class ``rest``.

    ``note`` says how the side was chosen ("" for the Syrian default, which the README and the
    page describe).
    """

    camps: tuple[str, ...]
    label: str
    rest: str
    note: str = ""


def labelled(inputs: pd.DataFrame) -> np.ndarray:
    """Articles whose outlet has a camp (not :data:`slant.corpus.UNKNOWN_CAMP`)."""
    return inputs["camp"].astype(str).to_numpy() != UNKNOWN_CAMP


def unrunnable(inputs: pd.DataFrame) -> str:
    """Why no camp task can run on these articles ("" when one can): fewer than two camps
    among the articles whose outlet has a camp."""
    known = inputs.loc[labelled(inputs), "camp"].astype(str)
    camps = sorted(pd.unique(known))
    if not camps:
        return (f"every one of the {len(inputs)} articles is from an outlet of camp "
                f"{UNKNOWN_CAMP!r}: nothing to learn; give the outlets a camp in outlets.csv")
    if len(camps) < 2:
        return (f"only one camp ({camps[0]!r}) among {len(known)} articles: a classifier needs "
                "two or more; add outlets of another camp to the corpus (outlets.csv)")
    return ""


def alignment_side(inputs: pd.DataFrame) -> tuple[Side | None, str]:
    """The side of the binary ("alignment") task, chosen from the corpus.

    In order: the Syrian axis (:data:`ALIGNMENT_CAMPS` against the rest) when a
    "pro-government" camp is present; else the target article's camp against the rest; else
    the camp with most outlets (then articles, then name). A side is taken only with
    :data:`MIN_SIDE_OUTLETS` outlets on each side; articles of camp "unknown" take no part.

    Returns
    -------
    side, note : (Side or None, str)
        ``None`` and the reason, in one line, when no side can be learnt.
    """
    if reason := unrunnable(inputs):
        return None, f"alignment: not run: {reason}"
    # a table of camps alone (no outlet column) counts each row as its own outlet
    known = inputs.assign(
        outlet=inputs["outlet"] if "outlet" in inputs else np.arange(len(inputs)).astype(str),
        id=inputs["id"] if "id" in inputs else np.arange(len(inputs)).astype(str),
    )[labelled(inputs)]
    camps = known["camp"].astype(str)
    per_camp = (known.assign(camp=camps).groupby("camp")
                .agg(outlets=("outlet", "nunique"), articles=("id", "size")))
    total = known["outlet"].nunique()

    def fits(side) -> bool:
        n = known.loc[camps.isin(side), "outlet"].nunique()
        return n >= MIN_SIDE_OUTLETS and total - n >= MIN_SIDE_OUTLETS

    def describe(side):
        n = known.loc[camps.isin(side), "outlet"].nunique()
        return f"{side[0]!r} ({n} outlets) against the rest ({total - n} outlets)"

    def derived(camp, why):
        others = sorted(set(per_camp.index) - {camp})
        rest = others[0] if len(others) == 1 else (REST if REST != camp else f"{REST} (others)")
        return Side((camp,), camp, rest, f"alignment: {why} {describe((camp,))}"), ""

    if ALIGNMENT_CAMP in per_camp.index:
        side = tuple(c for c in ALIGNMENT_CAMPS if c in per_camp.index)
        if fits(side):
            return Side(side, ALIGNMENT_CAMP, REST), ""
        why = (f"the Syrian axis ({', '.join(ALIGNMENT_CAMPS)}) has fewer than "
               f"{MIN_SIDE_OUTLETS} outlets on a side, so the binary task is")
    else:
        why = "none of the Syrian-war camps here, so the binary task is"
    target = inputs.loc[inputs["is_target"].astype(bool), "camp"].astype(str) \
        if "is_target" in inputs else pd.Series([], dtype=str)
    if len(target) and target.iloc[0] in per_camp.index and fits((target.iloc[0],)):
        return derived(target.iloc[0], f"{why} the target's camp")
    order = per_camp.assign(name=per_camp.index).sort_values(
        ["outlets", "articles", "name"], ascending=[False, False, True]).index
    for camp in order:
        if fits((camp,)):
            return derived(camp, f"{why} the camp with most outlets,")
    return None, (f"alignment: not run: no camp has {MIN_SIDE_OUTLETS} or more outlets with "
                  f"{MIN_SIDE_OUTLETS} or more outside it ({total} outlets in "
                  f"{len(per_camp)} camps), so a held-out outlet would leave nothing to learn")


def task_labels(inputs: pd.DataFrame, task: str) -> np.ndarray:
    """Each article's class for ``task``: its camp, or its side of :func:`alignment_side`
    (``pro-government`` and ``rest`` on the Syrian axis). Articles of camp "unknown" keep
    ``unknown``; with no side, every article is ``unknown``."""
    camps = inputs["camp"].astype(str).to_numpy()
    if task == "camp":
        return camps.astype(object)
    if task == "alignment":
        side, _ = alignment_side(inputs)
        if side is None:
            return np.full(len(camps), UNKNOWN_CAMP, dtype=object)
        labels = np.where(np.isin(camps, side.camps), side.label, side.rest).astype(object)
        labels[camps == UNKNOWN_CAMP] = UNKNOWN_CAMP
        return labels
    raise CampError(f"unknown task {task!r}; use one of {', '.join(TASKS)}")


def stratified_folds(y, *, n_splits: int, random_state: int) -> tuple[list, str]:
    """Stratified folds of ``y`` (fewer when the smallest class is smaller): (splits, note)."""
    smallest = int(pd.Series(y).value_counts().min())
    n = min(n_splits, smallest)
    if n < 2:
        return [], (f"stratified CV needs two or more articles in every class; the smallest "
                    f"class has {smallest}, so only the held-out outlets are reported")
    return list(StratifiedKFold(n, shuffle=True, random_state=random_state).split(y, y)), ""


def outlet_folds(outlets, camps, *, max_logo_outlets: int = MAX_LOGO_OUTLETS,
                 random_state: int = 0) -> tuple[str, list, str]:
    """Folds that never split an outlet: one outlet per fold up to ``max_logo_outlets``
    outlets, else :data:`GROUPED_FOLDS` folds of whole outlets, stratified by ``camps``.

    Returns
    -------
    scheme, splits, note : (str, list of (train, test) index arrays, str)
        The note states the grouped scheme (or why there are no folds); "" for one outlet
        per fold.

    References
    ----------
    Pedregosa et al. (2011), scikit-learn's ``LeaveOneGroupOut`` and ``StratifiedGroupKFold``.
    """
    outlets = np.asarray(outlets)
    n_outlets = len(pd.unique(outlets))
    if n_outlets < 2:
        return LOGO_SCHEME, [], "one outlet only, no held-out-outlet folds"
    if n_outlets <= max_logo_outlets:
        return LOGO_SCHEME, list(LeaveOneGroupOut().split(outlets, groups=outlets)), ""
    n = min(GROUPED_FOLDS, n_outlets)
    folds = StratifiedGroupKFold(n, shuffle=True, random_state=random_state)
    with warnings.catch_warnings():
        # "The least populated class in y has only k members": a camp with fewer articles
        # than folds is simply absent from some test folds; its note is the one-outlet note
        warnings.simplefilter("ignore", UserWarning)
        splits = [(tr, te) for tr, te in folds.split(outlets, np.asarray(camps), outlets) if len(te)]
    scheme = f"grouped-{n}-fold"
    return scheme, splits, (f"{n_outlets} outlets, more than {max_logo_outlets}: {scheme} "
                            "cross-validation (whole outlets per fold, stratified by camp), no "
                            "outlet in both training and test")
