"""Framing stage, generic frames: indicator word lists and what they find in articles.

Input: a YAML of indicator terms per generic frame (bundled: ``slant/data/frames/generic.yml``)
and ``articles`` (``id``, ``text``, optionally ``outlet``). Output: :class:`FrameIndicators`
(:func:`load_frame_indicators`); one row per article of hit counts and rates per frame
(:class:`FrameIndicatorFeatures`, ``INDICATOR_COLUMNS``); the sentences that carry each frame
(:func:`frame_sentences`, ``FRAME_SENTENCE_COLUMNS``). Texts are read in
:func:`slant.text.normal_form` and split by :func:`slant.text.index_texts`, as everywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..text import index_texts, nfc_texts, normal_form
from ._errors import FramingError

__all__ = ["FRAME_SENTENCE_COLUMNS", "GENERIC_FRAMES", "INDICATOR_COLUMNS", "FrameIndicatorFeatures",
           "FrameIndicators", "frame_sentences", "indicator_hits", "load_frame_indicators"]

#: The generic news frames (Semetko & Valkenburg 2000, with resolution as coded by Frermann et
#: al. 2023 in place of responsibility), in the order of every table.
GENERIC_FRAMES = ("conflict", "resolution", "human_interest", "moral", "economic")
#: Per frame: log(1 + hits) and hits per :data:`RATE_WORDS` words.
INDICATOR_COLUMNS = [f"{f}_{kind}" for f in GENERIC_FRAMES for kind in ("log_hits", "rate")]
#: Hits are counted per this many words (a rate that does not grow with the article's length).
RATE_WORDS = 100
#: One row per sentence that carries a frame: its article, the frame, its position, the hits
#: and the distinct terms matched (as written in the text, sorted), and the sentence.
FRAME_SENTENCE_COLUMNS = ["id", "outlet", "frame", "sentence", "start", "end", "hits", "terms", "text"]


@dataclass(frozen=True)
class FrameIndicators:
    """Indicator terms per generic frame, compiled to one pattern per frame."""

    terms: dict  # frame -> tuple of terms as written in the file
    source: str = "<dict>"

    def pattern(self, frame: str) -> re.Pattern:
        """Whole-word alternation of the frame's terms ("*" = any word ending), compiled once."""
        return _compile_terms(tuple(self.terms[frame]))


@lru_cache(maxsize=64)
def _compile_terms(terms: tuple) -> re.Pattern:
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        words = [re.escape(w) for w in term.rstrip("*").split()]
        parts.append(r"\s+".join(words) + (r"\w*" if term.endswith("*") else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def _resolve(name_or_path) -> Path:
    text = str(name_or_path)
    if "/" not in text and not text.endswith((".yml", ".yaml")):
        with resources.as_file(resources.files("slant") / "data" / "frames" / f"{text}.yml") as p:
            if Path(p).is_file():
                return Path(p)
        raise FramingError(f"no bundled frame indicators {text!r}; use 'generic' or a YAML path")
    path = Path(text)
    if not path.is_file():
        raise FramingError(f"{path}: not found; give 'generic' or the path of a YAML file in "
                           "the format of slant/data/frames/generic.yml")
    return path


def load_frame_indicators(name_or_path="generic") -> FrameIndicators:
    """Read indicator terms per frame from YAML: ``<frame>: {question: ..., terms: [...]}``.

    Raises
    ------
    FramingError
        Unknown frame, a frame missing, no terms, or a term listed twice in one frame; the
        message names the file and the line.
    """
    path = _resolve(name_or_path)
    root = yaml.compose(path.read_text(encoding="utf-8"))
    if not isinstance(root, yaml.MappingNode):
        raise FramingError(f"{path}:1: expected a mapping of frame -> {{terms: [...]}}")
    terms = {}
    for key, value in root.value:
        frame, line = key.value, key.start_mark.line + 1
        if frame not in GENERIC_FRAMES:
            raise FramingError(f"{path}:{line}: unknown frame {frame!r}; use one of "
                               f"{', '.join(GENERIC_FRAMES)}")
        items = {k.value: v for k, v in value.value} if isinstance(value, yaml.MappingNode) else {}
        node = items.get("terms")
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise FramingError(f"{path}:{line}: frame {frame!r} has no 'terms' list; add one")
        seen = {}
        for item in node.value:
            term = " ".join(str(item.value).casefold().split())
            if not term.rstrip("*"):
                raise FramingError(f"{path}:{item.start_mark.line + 1}: empty term in {frame!r}")
            if term in seen:
                raise FramingError(f"{path}:{item.start_mark.line + 1}: {term!r} is listed twice "
                                   f"in {frame!r} (first on line {seen[term]}); delete one")
            seen[term] = item.start_mark.line + 1
        terms[frame] = tuple(seen)
    missing = [f for f in GENERIC_FRAMES if f not in terms]
    if missing:
        raise FramingError(f"{path}: no terms for {', '.join(missing)}; every generic frame needs a list")
    return FrameIndicators(terms=terms, source=str(path))


def indicator_hits(articles: pd.DataFrame, indicators: FrameIndicators) -> pd.DataFrame:
    """One row per indicator hit: ``doc`` (article position), ``frame``, ``start``, ``end``
    (character offsets in the NFC text, as in :func:`slant.text.index_texts`) and the matched ``term`` as written in the text."""
    rows = []
    for doc, text in enumerate(nfc_texts(articles["text"].astype(str))):
        normal = normal_form(text)  # length-preserving: offsets are the text's
        for frame in GENERIC_FRAMES:
            for m in indicators.pattern(frame).finditer(normal):
                rows.append((doc, frame, m.start(), m.end(), text[m.start():m.end()]))
    return pd.DataFrame(rows, columns=["doc", "frame", "start", "end", "term"])


class FrameIndicatorFeatures(TransformerMixin, BaseEstimator):
    """One row per article: log(1 + hits) and hits per 100 words of each frame's indicators.

    Parameters
    ----------
    indicators : FrameIndicators, optional
        Default :func:`load_frame_indicators` ("generic").
    """

    def __init__(self, *, indicators=None):
        self.indicators = indicators

    def fit(self, articles, y=None):
        self.indicators_ = self.indicators if self.indicators is not None else load_frame_indicators()
        if not isinstance(self.indicators_, FrameIndicators):
            raise FramingError("pass indicators=load_frame_indicators(name_or_path)")
        return self

    def transform(self, articles):
        check_is_fitted(self, "indicators_")
        articles = pd.DataFrame(articles)
        hits = indicator_hits(articles, self.indicators_)
        counts = (pd.crosstab(hits["doc"], hits["frame"]) if len(hits) else pd.DataFrame())
        counts = counts.reindex(index=range(len(articles)), columns=list(GENERIC_FRAMES), fill_value=0)
        words = index_texts(articles.assign(id=np.arange(len(articles)).astype(str)), n_jobs=1).words
        out = {}
        for frame in GENERIC_FRAMES:
            n = counts[frame].to_numpy(dtype=float)
            out[f"{frame}_log_hits"] = np.log1p(n)
            out[f"{frame}_rate"] = RATE_WORDS * n / np.maximum(words, 1)
        return pd.DataFrame(out, columns=INDICATOR_COLUMNS, index=articles.index)

    def get_feature_names_out(self, input_features=None):
        return np.asarray(INDICATOR_COLUMNS, dtype=object)


def frame_sentences(articles: pd.DataFrame, indicators: FrameIndicators | None = None, *,
                    top: int = 3) -> pd.DataFrame:
    """The sentences that carry each frame: per article and frame, the ``top`` sentences with
    most indicator hits (ties: the earlier sentence), sorted by id, frame, hits (most first).

    Returns
    -------
    DataFrame
        ``FRAME_SENTENCE_COLUMNS``; ``outlet`` is "" when the articles have none.
    """
    indicators = indicators if indicators is not None else load_frame_indicators()
    index = index_texts(articles, n_jobs=1)
    hits = indicator_hits(articles, indicators)
    if not len(hits):
        return pd.DataFrame(columns=FRAME_SENTENCE_COLUMNS)
    hits["sentence"] = index.sentence_of(hits["doc"].to_numpy(), hits["start"].to_numpy())
    grouped = (hits.groupby(["doc", "frame", "sentence"])
               .agg(hits=("term", "size"), terms=("term", lambda t: ", ".join(sorted(set(t)))))
               .reset_index())
    sentences = index.sentences.set_index(["doc", "sentence"])
    spans = sentences.loc[list(zip(grouped["doc"], grouped["sentence"]))]
    grouped["start"], grouped["end"] = spans["start"].to_numpy(), spans["end"].to_numpy()
    grouped["text"] = [index.texts[d][s:e] for d, s, e in
                       zip(grouped["doc"], grouped["start"], grouped["end"])]
    grouped = grouped.sort_values(["doc", "frame", "hits", "sentence"], ascending=[True, True, False, True])
    grouped = grouped.groupby(["doc", "frame"]).head(top)
    outlets = articles["outlet"].astype(str).to_numpy() if "outlet" in articles else np.full(len(articles), "")
    grouped["id"] = articles["id"].astype(str).to_numpy()[grouped["doc"]]
    grouped["outlet"] = outlets[grouped["doc"]]
    order = {f: i for i, f in enumerate(GENERIC_FRAMES)}
    grouped = grouped.assign(_f=grouped["frame"].map(order)).sort_values(
        ["id", "_f", "hits", "sentence"], ascending=[True, True, False, True])
    return grouped[FRAME_SENTENCE_COLUMNS].reset_index(drop=True)
