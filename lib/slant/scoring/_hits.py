"""Scoring stage, hits: the columns of the ``hits`` table, from the match and quote tables.

Input: the matches (:func:`slant.lexicons.match_lexicon`), the quotes
(:func:`slant.voice.quotes_table`), the articles, the lexicon and the text index. Output: the
columns :func:`slant.scoring.find_hits` assembles. Vectorised: categoricals are built from integer
codes, with no Python object per hit except the matched text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["categorical", "containing_quote", "hit_codes", "hit_columns", "string_column"]


def string_column(uniques: np.ndarray, codes: np.ndarray):
    """The strings ``uniques[codes]`` as a column of pandas' default string type, built
    without a Python object per row where that type is Arrow's (pandas 3): one Arrow ``take``
    from the distinct strings, instead of converting a million Python strings to Arrow."""
    default = pd.Series(["x"]).dtype
    if getattr(default, "storage", None) == "pyarrow":
        import pyarrow as pa
        from pandas.arrays import ArrowStringArray

        taken = pa.array(np.asarray(uniques, dtype=object), type=pa.large_string()).take(
            pa.array(np.asarray(codes, dtype=np.int64)))
        return ArrowStringArray(pa.chunked_array([taken]), dtype=default)
    return np.asarray(uniques, dtype=object)[codes]


def _by_code(values, codes) -> pd.Categorical:
    """A categorical column: each row's value is values[code] (no per-row Python object);
    categories are the distinct values as strings, sorted."""
    values = pd.Series(values).reset_index(drop=True)
    if values.isna().any() or not pd.api.types.is_string_dtype(values):
        # not all strings: as np.unique sees them once turned to str ("nan", "1")
        uniques, inverse = np.unique(np.asarray(values, dtype=object).astype(str), return_inverse=True)
    else:  # hashing, not sorting every value (an article column: 40,000 ids at FA-KES x50)
        inverse, uniques = pd.factorize(values, sort=True)
        uniques = np.asarray(uniques, dtype=object).astype(str)
    return pd.Categorical.from_codes(np.asarray(inverse)[codes], categories=uniques)


def hit_columns(matches: pd.DataFrame, articles: pd.DataFrame, lexicon, index) -> pd.DataFrame:
    """The columns of the hits that do not depend on voice (all but ``voice``, ``quote_kind``
    and ``speaker``), one row per match; the matched text is read off the texts unless the
    matches bring it (a ``text`` column)."""
    doc = matches["doc"].to_numpy()
    entry = matches["entry"].to_numpy()
    meta = articles.reset_index(drop=True)
    texts = index.texts

    def article_column(name):
        return _by_code(meta[name] if name in meta else [""] * len(meta), doc)

    entries = lexicon.entries.set_index("entry").reindex(np.arange(len(lexicon.entries)))
    return pd.DataFrame({
        "id": article_column("id"),
        "outlet": article_column("outlet"),
        "camp": article_column("camp"),
        "wire_credit": article_column("wire_credit"),
        "sentence": index.sentence_of(doc, matches["start"].to_numpy()),
        "start": matches["start"].to_numpy(),
        "end": matches["end"].to_numpy(),
        "text": (matches["text"].array if "text" in matches else
                 [texts[d][s:e] for d, s, e in zip(doc.tolist(), matches["start"].tolist(), matches["end"].tolist())]),
        **{col: _by_code(entries[col], entry)
           for col in ("label", "language", "gloss", "referent", "stance", "category", "lexicon")},
        "loaded": (entries["stance"].to_numpy() != "neutral")[entry],
    })


def containing_quote(matches: pd.DataFrame, quotes: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The quotes sorted by doc and start, and for each match the row of the one that contains
    it (the innermost of nested ones, as found from the nearest start back), or -1."""
    which = np.full(len(matches), -1, dtype=np.int64)
    if quotes.empty or matches.empty:
        return quotes, which
    big = 1 << 32
    q = quotes.sort_values(["doc", "start"], kind="stable", ignore_index=True)
    q_doc, q_end = q["doc"].to_numpy(), q["end"].to_numpy()
    m_doc, m_end = matches["doc"].to_numpy(), matches["end"].to_numpy()
    pos = np.searchsorted(q_doc * big + q["start"].to_numpy(), m_doc * big + matches["start"].to_numpy(),
                          side="right") - 1
    # quotes may nest (a reported clause holding marks): also try the previous one
    for back in (0, 1, 2):
        cand = pos - back
        ok = cand >= 0
        cand = np.clip(cand, 0, None)
        inside = ok & (q_doc[cand] == m_doc) & (q_end[cand] >= m_end) & (which < 0)
        which[inside] = cand[inside]
    return q, which


def hit_codes(values: pd.Series, which: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Labels ``["", *distinct values]`` and, per hit, the code of its quote's value (0, "",
    for a hit in no quote): integers, not a Python string per hit."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    labels = np.concatenate((np.array([""], dtype=object), np.asarray(uniques, dtype=object)))
    return labels, np.where(which >= 0, np.concatenate((codes, [0]))[which] + 1, 0)


def categorical(labels: np.ndarray, codes: np.ndarray) -> pd.Categorical:
    """``pd.Categorical(labels[codes])`` (categories: the values used, sorted), from the codes."""
    used = np.unique(codes)
    values, inverse = np.unique(labels[used], return_inverse=True)
    remap = np.zeros(len(labels), dtype=np.int64)
    remap[used] = inverse
    return pd.Categorical.from_codes(remap[codes], dtype=pd.Categorical(values).dtype)
