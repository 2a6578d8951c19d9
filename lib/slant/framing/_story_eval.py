"""Framing stage, evaluation of story clusters against the Penn Media Bias Detector's human
event annotations (``../shared/datasets/penn-media-bias-detector/events``; titles only).

Input: the folder of the three annotators' ``event_annotation_output_N.csv``. Output: the
pairwise scores of :func:`slant.framing.cluster_stories` run on the titles.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._clusters import MIN_SIMILARITY, cluster_stories, pair_scores
from ._errors import FramingError

__all__ = ["NO_EVENT", "load_penn_events", "score_penn_events"]

#: The annotators' answer for an article that belongs to none of the listed events.
NO_EVENT = "None of the above"


def load_penn_events(folder: str | Path) -> pd.DataFrame:
    """One row per annotated article: ``id``, ``outlet_name`` (publisher), ``title`` and
    ``event``, the majority of the three annotators' ``human_choice`` (ties: annotator 1).
    An article of no event (:data:`NO_EVENT`, or no majority) is its own event."""
    folder = Path(folder)
    files = sorted(folder.glob("event_annotation_output_*.csv"))
    if not files:
        raise FramingError(f"{folder}: no event_annotation_output_*.csv here; point to "
                           "../shared/datasets/penn-media-bias-detector/events")
    frames = [pd.read_csv(f, dtype=str).set_index("article_id") for f in files]
    choices = pd.concat([f["human_choice"].rename(i) for i, f in enumerate(frames)], axis=1)
    majority = choices.apply(lambda r: r.value_counts().idxmax() if r.value_counts().max() >= 2 else r.iloc[0], axis=1)
    base = frames[0]
    events = pd.DataFrame({"id": base.index, "outlet_name": base["publisher"].to_numpy(),
                           "title": base["title"].fillna("").to_numpy(), "event": majority.reindex(base.index).to_numpy()})
    alone = events["event"].eq(NO_EVENT) | events["event"].isna()
    events.loc[alone, "event"] = "alone:" + events.loc[alone, "id"]
    return events.reset_index(drop=True)


def score_penn_events(folder: str | Path, *, min_similarity: float = MIN_SIMILARITY) -> dict[str, float]:
    """Pairwise precision, recall and F1 (:func:`pair_scores`) of :func:`cluster_stories` on the
    Penn titles against the annotators' majority event. The titles carry no dates, so the date
    window plays no part; a headline of ten words is far less evidence than a body, so read the
    figure as a floor for what bodies and dates give."""
    events = load_penn_events(folder)
    articles = events.assign(text=events["title"], date=pd.Timestamp("2024-10-01"))
    clusters = cluster_stories(articles, min_similarity=min_similarity)
    scores = pair_scores(events["event"], clusters["cluster"])
    return {**scores, "articles": len(events), "events": int(events["event"].nunique())}
