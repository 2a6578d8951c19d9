"""The camp classifier for a report page: its results, or a note saying why it cannot run.

:func:`report_camps` is :func:`classify_camps` for any corpus: on a corpus whose articles hold
one camp only (every outlet ``unknown``, or one camp), :class:`CampError` becomes one note in an
otherwise empty :class:`CampResults`, and so does scikit-learn's ``ValueError`` on folds too small
to fit (two articles: a training fold of one), so the page says why instead of failing. Input: the
corpus's articles; output: :class:`CampResults`.
"""

from __future__ import annotations

import pandas as pd

from ._apply import TARGET_COLUMNS, TARGET_FEATURE_COLUMNS, CampResults, classify_camps
from ._camp import CONFUSION_COLUMNS, PROBABILITY_COLUMNS, SCORE_COLUMNS, CampError

__all__ = ["report_camps"]


def report_camps(articles: pd.DataFrame, *, model: str = "combined", **kw) -> CampResults:
    """:func:`classify_camps`, with a note instead of :class:`CampError`.

    Parameters
    ----------
    articles : DataFrame
        The corpus's articles (``id``, ``outlet``, ``camp``, ``text``, ``is_target``).
    model : str
        The model applied to the target (see :func:`classify_camps`).
    **kw
        ``outlets``, ``lexicon``, ``models``, ``tasks``, ``n_splits``, ``random_state``.

    Returns
    -------
    CampResults
        :func:`classify_camps`'s; when the camps cannot be classified, every table empty (with
        its columns) and one note: "No camp classifier: <why>".
    """
    try:
        return classify_camps(articles, model=model, **kw)
    except CampError as exc:
        note = f"No camp classifier: {exc}"
    except ValueError as exc:  # scikit-learn's, on folds too small to fit (one article a class)
        note = (f"No camp classifier: {len(articles)} articles are too few to fit it in every fold "
                f"({exc}).")
    empty = {name: pd.DataFrame(columns=columns) for name, columns in (
        ("scores", SCORE_COLUMNS), ("confusion", CONFUSION_COLUMNS),
        ("probabilities", PROBABILITY_COLUMNS), ("target", TARGET_COLUMNS),
        ("target_features", TARGET_FEATURE_COLUMNS))}
    return CampResults(**empty, model=model, notes=[note])
