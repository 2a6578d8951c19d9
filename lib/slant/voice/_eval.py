"""Voice stage, evaluation: slant's quote detector against the Penn Media Bias Detector raters.

Input: the Penn Media Bias Detector's 2,190 sentences, each typed by three raters (fact,
opinion, quote, ...), read from ``../shared`` at run time, never copied here
(:func:`load_penn_sentences`, one row per sentence, :data:`PENN_COLUMNS`). Output: precision,
recall and F1 of two baselines and of :func:`slant.voice.sentence_quoted`, one row per method
in :data:`METHODS` (:func:`evaluate_voice`).

Every public name here is re-exported by :mod:`slant.voice`; import them from there. This
module imports the detector from :mod:`slant.voice._quotes`, never the other way round.

References
----------
Haider, S. et al. (2025). The Media Bias Detector: A Framework for Annotating and Analyzing the
News at Scale. arXiv:2509.25649.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ._quotes import MIN_SHARE, sentence_quoted

__all__ = [
    "METHODS",
    "PENN_COLUMNS",
    "VoiceError",
    "article_texts",
    "binary_scores",
    "evaluate_voice",
    "load_penn_sentences",
]


class VoiceError(ValueError):
    """Evaluation data are missing or misaligned; the message names the file and the fix."""


#: One row per Penn sentence (see :func:`load_penn_sentences`).
PENN_COLUMNS = ["article_id", "sentence_index", "sentence_id", "publisher", "text", "type_1",
                "type_2", "type_3", "majority_type", "gold_quote", "paragraph_start", "half"]
_PENN = Path("datasets") / "penn-media-bias-detector"
_PENN_RATERS = (1, 2, 3)
#: Votes out of three that make a majority.
_MAJORITY = 2


def load_penn_sentences(shared_dir: Path) -> pd.DataFrame:
    """The 2,190 Penn sentences with the three raters' sentence types and their majority.

    The three rater files hold the same sentences in the same order (``sentence_id`` is not
    unique: it repeats for identical texts such as a lone closing quote mark), so they are joined
    by position, and the join is checked on ``sentence_id``. The raters saw the model's label
    first, so the gold is the raters' majority, never the model (``SOURCE.md``).

    Parameters
    ----------
    shared_dir : Path
        The ``../shared`` folder holding ``datasets/penn-media-bias-detector``.

    Returns
    -------
    DataFrame
        ``PENN_COLUMNS``, in article order: ``type_1`` … ``type_3`` the raters' labels,
        ``majority_type`` the label two or three raters gave ("none" when all differ),
        ``gold_quote`` whether two or more said "quote", ``paragraph_start`` whether the sentence
        opens a paragraph (read from the article text, where paragraphs are glued together
        without a space, e.g. "bars.Los"), ``half`` "A" or "B": articles sorted by publisher
        and id, alternating, so each half has about 25 articles and every publisher in both.

    Raises
    ------
    VoiceError
        A file is missing or the rater files do not line up.
    """
    folder = Path(shared_dir) / _PENN
    frames = []
    for rater in _PENN_RATERS:
        path = folder / "sentences" / f"sentence_annotation_output_{rater}.csv"
        if not path.is_file():
            raise VoiceError(f"{path}: not found; put the Penn Media Bias Detector mirror there "
                             "(see its SOURCE.md)")
        frames.append(pd.read_csv(path))
    first = frames[0]
    for rater, frame in zip(_PENN_RATERS[1:], frames[1:]):
        if len(frame) != len(first) or not (frame["sentence_id"] == first["sentence_id"]).all():
            raise VoiceError(f"{folder}/sentences: rater {rater}'s rows do not line up with "
                             "rater 1's; restore the files from the commit in SOURCE.md")
    sentences = pd.DataFrame({
        "article_id": first["article_id"], "sentence_id": first["sentence_id"],
        "publisher": first["publisher"], "text": first["sentence_text"].fillna("").astype(str)})
    sentences["sentence_index"] = sentences.groupby("article_id", sort=False).cumcount()
    types = pd.DataFrame({f"type_{r}": f["type"].to_numpy() for r, f in zip(_PENN_RATERS, frames)})
    sentences = pd.concat([sentences, types], axis=1)
    sentences["majority_type"] = [_majority(row) for row in types.itertuples(index=False)]
    sentences["gold_quote"] = (types == "quote").sum(axis=1) >= _MAJORITY
    sentences["paragraph_start"] = _paragraph_starts(sentences, folder)
    sentences["half"] = _halves(sentences)
    return sentences[PENN_COLUMNS]


def _majority(labels) -> str:
    for label in labels:
        if sum(other == label for other in labels) >= _MAJORITY:
            return label
    return "none"


def _paragraph_starts(sentences: pd.DataFrame, folder: Path) -> np.ndarray:
    path = folder / "articles" / "article_annotation_output_1.csv"
    if not path.is_file():
        raise VoiceError(f"{path}: not found; it gives the paragraph breaks (see SOURCE.md)")
    articles = pd.read_csv(path).set_index("article_id")["article_text"]
    starts = np.zeros(len(sentences), dtype=bool)
    for article_id, group in sentences.groupby("article_id", sort=False):
        text, pos = str(articles.get(article_id, "")), 0
        for row, sentence in zip(group.index, group["text"]):
            at = text.find(sentence.strip(), pos)
            if at < 0:
                continue  # not found: joined with a space, as within a paragraph
            starts[row] = at == 0 or not text[at - 1].isspace()
            pos = at + len(sentence.strip())
    return starts


def _halves(sentences: pd.DataFrame) -> np.ndarray:
    order = (sentences[["publisher", "article_id"]].drop_duplicates()
             .sort_values(["publisher", "article_id"])["article_id"].tolist())
    half = {article_id: "AB"[i % 2] for i, article_id in enumerate(order)}
    return sentences["article_id"].map(half).to_numpy()


#: Baseline (a): any double quotation mark in the sentence (SOURCE.md's "quotation-mark regex").
_BASE_MARK = re.compile(r"[\"“”]")
#: Baseline (b)'s verbs: said, told, according to (SOURCE.md's second baseline).
_BASE_VERB = re.compile(r"\b(?:said|told|according to)\b")
#: The methods :func:`evaluate_voice` compares, in row order.
METHODS = ("quote-mark regex", "quote marks + said/told/according to", "slant")


def article_texts(sentences: pd.DataFrame) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """Rebuild each article from its sentences: ``(article_id, text, sentence spans)``.

    Sentences are joined in order with a line break where ``paragraph_start`` is set (when the
    column exists) and a space otherwise, so quotes that cross sentences and paragraphs work.
    """
    out = []
    for article_id, group in sentences.groupby("article_id", sort=False):
        paragraph = (group["paragraph_start"].to_numpy() if "paragraph_start" in group
                     else np.zeros(len(group), dtype=bool))
        parts, spans, pos = [], [], 0
        for i, sentence in enumerate(group["text"].tolist()):
            if i:
                parts.append("\n" if paragraph[i] else " ")
                pos += 1
            parts.append(sentence)
            spans.append((pos, pos + len(sentence)))
            pos += len(sentence)
        out.append((article_id, "".join(parts), spans))
    return out


def _baseline_marks(sentences: pd.DataFrame) -> np.ndarray:
    return sentences["text"].str.contains(_BASE_MARK).to_numpy()


def _baseline_marks_verbs(sentences: pd.DataFrame) -> np.ndarray:
    """Quote marks, a quote left open by an earlier sentence, or said/told/according to."""
    out = []
    for _, group in sentences.groupby("article_id", sort=False):
        inside = False
        for sentence in group["text"].tolist():
            out.append(inside or bool(_BASE_MARK.search(sentence) or _BASE_VERB.search(sentence)))
            for mark in _BASE_MARK.findall(sentence):
                inside = True if mark == "“" else False if mark == "”" else not inside
    return np.array(out, dtype=bool)


def _detector(sentences: pd.DataFrame, **options) -> np.ndarray:
    return np.concatenate([sentence_quoted(text, spans, **options)
                           for _, text, spans in article_texts(sentences)])


def evaluate_voice(sentences: pd.DataFrame, *, min_share: float = MIN_SHARE) -> pd.DataFrame:
    """Precision, recall and F1 (quote = positive) of two baselines and slant's detector.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`load_penn_sentences` (or any subset of whole articles, e.g. one ``half``):
        ``article_id``, ``text``, ``gold_quote``, optionally ``paragraph_start``, in article
        order.
    min_share : float
        Passed to :func:`sentence_quoted`.

    Returns
    -------
    DataFrame
        One row per method in ``METHODS``: ``method, n, tp, fp, fn, precision, recall, f1``.
    """
    sentences = sentences.reset_index(drop=True)
    gold = sentences["gold_quote"].to_numpy(dtype=bool)
    predictions = (_baseline_marks(sentences), _baseline_marks_verbs(sentences),
                   _detector(sentences, min_share=min_share))
    rows = []
    for method, predicted in zip(METHODS, predictions, strict=True):
        rows.append({"method": method, "n": len(sentences), **binary_scores(predicted, gold)})
    return pd.DataFrame(rows)


def binary_scores(predicted: np.ndarray, gold: np.ndarray) -> dict:
    """tp, fp, fn, precision, recall and F1 of boolean predictions against boolean gold."""
    tp = int((predicted & gold).sum())
    fp = int((predicted & ~gold).sum())
    fn = int((~predicted & gold).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
