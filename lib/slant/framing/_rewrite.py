"""Framing stage, rewrite diff: how a target article rewrites its source (a wire text).

Input: two texts (or a loaded corpus naming ``target:`` and ``target_source:``) and, optionally,
a :class:`slant.lexicons.Lexicon`. Output: a :class:`RewriteDiff` holding the sentence alignment
(``ALIGNMENT_COLUMNS``: which sentences were kept, rewritten, added, dropped) and the word edits
inside aligned sentences (``EDIT_COLUMNS``: substituted, inserted, deleted), substitutions whose
two sides name the same lexicon referent marked ``same_referent`` ("Islamic State" -> "Daesh").

Sentences come from :func:`slant.text.index_texts` (both texts indexed once); words are tokenised
once per sentence. Alignment is one-to-one and order-free: every (source, target) sentence pair is
scored with difflib's ratio over their lower-cased word sequences, and pairs are taken greedily,
best first, while the ratio reaches ``threshold`` (a rewrite may move sentences, so no
monotone alignment is imposed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from ._errors import FramingError

__all__ = ["ALIGNMENT_COLUMNS", "EDIT_COLUMNS", "REUSE_COLUMNS", "SIMILARITY_THRESHOLD", "WIRE_OUTLETS",
           "FramingError", "RewriteDiff", "align_texts", "rewrite_diff", "wire_reuse"]

#: One row per sentence of either text: its status and its partner in the other text.
ALIGNMENT_COLUMNS = ["pair", "status", "source_sentence", "target_sentence", "similarity",
                     "source_text", "target_text", "source_start", "source_end", "target_start",
                     "target_end"]
#: One row per word edit inside an aligned (kept or rewritten) sentence pair.
EDIT_COLUMNS = ["pair", "op", "source_words", "target_words", "source_start", "source_end",
                "target_start", "target_end", "referent", "same_referent"]
#: Least difflib ratio (2 x matching words / all words of both) for two sentences to count as
#: one sentence rewritten. 0.5 means half the words are shared in order; on the FA-KES tests
#: (tests/test_framing_rewrite.py) a sentence with two of ten words swapped scores ~0.8 and
#: unrelated sentences of the same story score under 0.3.
SIMILARITY_THRESHOLD = 0.5
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass
class RewriteDiff:
    """Result of :func:`align_texts`: alignment, word edits, the two texts, and a message."""

    alignment: pd.DataFrame
    edits: pd.DataFrame
    source_text: str = ""
    target_text: str = ""
    source_id: str = ""
    target_id: str = ""
    message: str = ""
    summary: dict = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.alignment.empty


def _empty(message: str, **ids) -> RewriteDiff:
    return RewriteDiff(alignment=pd.DataFrame(columns=ALIGNMENT_COLUMNS),
                       edits=pd.DataFrame(columns=EDIT_COLUMNS), message=message, **ids)


def _sentences(text: str, spans: pd.DataFrame) -> list[dict]:
    """Per sentence: span, and its words with spans (tokenised once)."""
    out = []
    for start, end in zip(spans["start"].tolist(), spans["end"].tolist()):
        words = [(m.start(), m.end(), m.group(0).lower())
                 for m in _WORD.finditer(text, start, end)]
        out.append({"start": start, "end": end, "words": words, "key": [w for _, _, w in words]})
    return out


def _referents(index, lexicon) -> list[np.ndarray]:
    """Per text, per character, the referent id of the lexicon match covering it ('' none)."""
    out = [np.full(len(t), "", dtype=object) for t in index.texts]
    if lexicon is None:
        return out
    from slant.lexicons import match_lexicon

    matches = match_lexicon(index, lexicon, n_jobs=1)
    referent = lexicon.entries["referent"].fillna("").to_numpy(dtype=object)
    for doc, start, end, entry in matches.itertuples(index=False):
        out[doc][start:end] = referent[entry]
    return out


def _align(src: list[dict], tgt: list[dict], threshold: float) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairs (source, target, ratio), best ratio first, ties by position."""
    scored = []
    for i, s in enumerate(src):
        for j, t in enumerate(tgt):
            if not s["key"] or not t["key"]:
                continue
            matcher = SequenceMatcher(None, s["key"], t["key"], autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                scored.append((-ratio, i, j))
    used_s, used_t, pairs = set(), set(), []
    for neg, i, j in sorted(scored):
        if i not in used_s and j not in used_t:
            used_s.add(i)
            used_t.add(j)
            pairs.append((i, j, -neg))
    return pairs


def align_texts(source_text: str, target_text: str, *, lexicon=None,
                threshold: float = SIMILARITY_THRESHOLD, source_id: str = "source",
                target_id: str = "target") -> RewriteDiff:
    """Align a target text with its source, sentence by sentence and word by word.

    Parameters
    ----------
    source_text, target_text : str
        The source (e.g. a wire story) and the text that rewrote it.
    lexicon : slant.lexicons.Lexicon, optional
        Marks substitutions whose two sides fall under one referent (``same_referent``).
    threshold : float
        Least difflib ratio between the word sequences of two sentences for them to be one
        sentence kept or rewritten (:data:`SIMILARITY_THRESHOLD`).

    Returns
    -------
    RewriteDiff
        ``alignment`` (``ALIGNMENT_COLUMNS``): status ``kept`` (same words, case and punctuation
        aside), ``rewritten``, ``added`` (target only) or ``dropped`` (source only), in the
        target's order with each dropped sentence after the row of the source sentence before
        it; ``edits`` (``EDIT_COLUMNS``): ``op`` substituted / inserted / deleted, the words on
        each side, their character spans in each text, and ``referent`` shared by both sides of a
        substitution when ``same_referent``. ``summary`` counts sentences by status and edits by op.

    References
    ----------
    Ratcliff, J. W. & Metzener, D. E. (1988). Pattern matching: the gestalt approach. Dr. Dobb's
    Journal 13(7) (the algorithm of Python's ``difflib.SequenceMatcher``).
    """
    from slant.text import index_texts

    if not 0 < threshold <= 1:
        raise FramingError(f"threshold={threshold}: give a ratio in (0, 1], e.g. {SIMILARITY_THRESHOLD}")
    index = index_texts(pd.DataFrame({"id": [source_id, target_id],
                                      "text": [source_text or "", target_text or ""]}), n_jobs=1)
    sents = index.sentences
    src = _sentences(index.texts[0], sents[sents["doc"] == 0])
    tgt = _sentences(index.texts[1], sents[sents["doc"] == 1])
    refs = _referents(index, lexicon)
    pairs = _align(src, tgt, threshold)
    rows, edits = [], []
    by_target = {j: (i, r) for i, j, r in pairs}
    for j, t in enumerate(tgt):
        if j in by_target:
            i, ratio = by_target[j]
            status = "kept" if src[i]["key"] == t["key"] else "rewritten"
            rows.append((float(j), i, j, ratio, status))
        else:
            rows.append((float(j), -1, j, 0.0, "added"))
    # a dropped source sentence goes after the target row of the nearest aligned source before it
    place = {i: j for i, j, _ in pairs}
    last = -0.5
    for i in range(len(src)):
        if i in place:
            last = place[i]
        else:
            rows.append((last + 0.5 + i * 1e-6, i, -1, 0.0, "dropped"))
    rows.sort()
    table = []
    for pair, (_, i, j, ratio, status) in enumerate(rows):
        s_text = index.texts[0][src[i]["start"]:src[i]["end"]] if i >= 0 else ""
        t_text = index.texts[1][tgt[j]["start"]:tgt[j]["end"]] if j >= 0 else ""
        s_span = (src[i]["start"], src[i]["end"]) if i >= 0 else (-1, -1)
        t_span = (tgt[j]["start"], tgt[j]["end"]) if j >= 0 else (-1, -1)
        table.append((pair, status, i, j, round(ratio, 4), s_text, t_text, *s_span, *t_span))
        if status == "rewritten":
            edits.extend(_word_edits(pair, src[i], tgt[j], refs))
    alignment = pd.DataFrame(table, columns=ALIGNMENT_COLUMNS)
    edit_table = pd.DataFrame(edits, columns=EDIT_COLUMNS)
    summary = {**alignment["status"].value_counts().to_dict(), **edit_table["op"].value_counts().to_dict(),
               "same_referent": int(edit_table["same_referent"].sum()) if len(edit_table) else 0}
    return RewriteDiff(alignment=alignment, edits=edit_table, source_text=index.texts[0],
                       target_text=index.texts[1], source_id=source_id, target_id=target_id,
                       summary=summary)


def _word_edits(pair: int, s: dict, t: dict, refs: list[np.ndarray]) -> list[tuple]:
    """Word edits of one aligned pair from difflib's opcodes over its word sequences."""
    out = []
    ops = {"replace": "substituted", "insert": "inserted", "delete": "deleted"}
    matcher = SequenceMatcher(None, s["key"], t["key"], autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        sw, tw = s["words"][a0:a1], t["words"][b0:b1]
        s_start, s_end = (sw[0][0], sw[-1][1]) if sw else (s["words"][a0 - 1][1] if a0 else s["start"],) * 2
        t_start, t_end = (tw[0][0], tw[-1][1]) if tw else (t["words"][b0 - 1][1] if b0 else t["start"],) * 2
        referent = ""
        if tag == "replace":
            left = {r for r in refs[0][s_start:s_end] if r}
            right = {r for r in refs[1][t_start:t_end] if r}
            shared = sorted(left & right)
            referent = shared[0] if shared else ""
        out.append((pair, ops[tag], " ".join(w for _, _, w in sw), " ".join(w for _, _, w in tw),
                    s_start, s_end, t_start, t_end, referent, bool(referent)))
    return out


def rewrite_diff(corpus, *, lexicon=None, target: str | None = None, source: str | None = None,
                 threshold: float = SIMILARITY_THRESHOLD) -> RewriteDiff:
    """The rewrite diff of a corpus's target against its ``target_source:`` (corpus.yml).

    Parameters
    ----------
    corpus : slant.corpus.Corpus
    target, source : str, optional
        Article ids; by default ``target:`` and ``target_source:`` of corpus.yml.

    Returns
    -------
    RewriteDiff
        Empty, with ``message`` saying why, when the corpus names no source or either text did
        not load (the default corpus's Reuters source is only there once ``slant fetch`` ran).
    """
    target = target or corpus.target
    source = source or corpus.config.get("target_source")
    ids = {"source_id": source or "", "target_id": target or ""}
    if not source:
        return _empty(f"{corpus.path / 'corpus.yml'}: no target_source: named, so no rewrite diff; "
                      "add `target_source: <article id>` naming the text the target rewrites", **ids)
    texts = corpus.articles.set_index("id")["text"]
    for role, key in (("target", target), ("source", source)):
        if not key or key not in texts.index:
            return _empty(f"The {role} article {key!r} did not load, so there is no rewrite diff "
                          "(see the load report in notebook 01; `slant fetch` hydrates manifest URLs).",
                          **ids)
    return align_texts(texts[source], texts[target], lexicon=lexicon, threshold=threshold, **ids)


#: Outlets whose texts others reprint: the wires a rewrite is checked against.
WIRE_OUTLETS = ("reuters", "afp")
#: Least cosine of word counts for an article and a wire text to be aligned at all (a cheap
#: filter before the sentence alignment; same-story articles that share no sentence score ~0.3).
REUSE_MIN_COSINE = 0.3
#: Days between an article and a wire text it may reuse.
REUSE_MAX_DAYS = 3
#: Sentences kept or rewritten for an article to count as reusing a wire text.
REUSE_MIN_SENTENCES = 2
REUSE_COLUMNS = ["id", "outlet", "wire_id", "wire_outlet", "aligned_sentences", "kept", "share"]


def wire_reuse(articles: pd.DataFrame, *, wires=WIRE_OUTLETS, min_sentences: int = REUSE_MIN_SENTENCES,
               threshold: float = SIMILARITY_THRESHOLD) -> pd.DataFrame:
    """Which articles reuse a wire text of the corpus: per (article, wire text), the sentences
    aligned by :func:`align_texts` when at least ``min_sentences``.

    Candidate pairs are first filtered by the cosine of their word counts
    (:data:`REUSE_MIN_COSINE`, counts from :func:`slant.contrast.count_terms`) and dates
    (:data:`REUSE_MAX_DAYS`), then aligned sentence by sentence.

    Returns
    -------
    DataFrame
        ``REUSE_COLUMNS``; ``share`` is the aligned share of the article's sentences.
    """
    from sklearn.preprocessing import normalize

    from ..contrast import count_terms

    out = pd.DataFrame(columns=REUSE_COLUMNS)
    is_wire = articles["outlet"].isin(wires).to_numpy()
    if not is_wire.any() or is_wire.all():
        return out
    counts = count_terms(articles, ngram_range=(1, 1), min_df=1)
    unit = normalize(counts.matrix.astype(np.float64))
    sims = (unit[~is_wire] @ unit[is_wire].T).tocoo()
    others, wire_rows = np.flatnonzero(~is_wire), np.flatnonzero(is_wire)
    dates = articles["date"].to_numpy()
    rows = []
    for a, w, sim in zip(others[sims.row], wire_rows[sims.col], sims.data):
        if sim < REUSE_MIN_COSINE:
            continue
        gap = abs((dates[a] - dates[w]) / np.timedelta64(1, "D"))
        if not gap <= REUSE_MAX_DAYS:  # NaT too: an undated pair is not compared
            continue
        diff = align_texts(articles["text"].iat[w], articles["text"].iat[a], threshold=threshold)
        status = diff.alignment["status"]
        aligned = int(status.isin(["kept", "rewritten"]).sum())
        if aligned >= min_sentences:
            rows.append((articles["id"].iat[a], articles["outlet"].iat[a], articles["id"].iat[w],
                         articles["outlet"].iat[w], aligned, int((status == "kept").sum()),
                         aligned / max(int((diff.alignment["target_sentence"] >= 0).sum()), 1)))
    out = pd.DataFrame(rows, columns=REUSE_COLUMNS)
    return out.sort_values(["id", "wire_id"], ignore_index=True)
