"""Classify stage, training domains: the labelled sentence sets of the transfer experiments,
read through the dataset registry, and the distant labels made from FA-KES.

Input: a mirror holding ../shared's datasets (BABE's training part, FIGNEWS 2024, the Penn
Media Bias Detector's rater checks, FA-KES). Output: one table per domain
(``slant.corpus.SENTENCE_SET_COLUMNS``: ``text``, ``label``, ``group``, ``domain``,
``language``), and the notes of what was skipped. The FA-KES sentences carry distant labels, not
gold: ``TRAIN_ONLY`` names them, and :func:`slant.classify.transfer_matrix` never tests on them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import SENTENCE_SET_COLUMNS, CorpusError, join_fignews, join_penn, load_dataset
from ..lexicons import load_lexicons
from ..scoring import find_hits
from ..text import index_texts

__all__ = ["DISTANT_PER_CLASS", "DOMAINS", "GOLD_DOMAINS", "TRAIN_ONLY", "distant_fakes", "load_domains"]

#: Gold domains (tested on), then the distant one (trained on only).
GOLD_DOMAINS = ("babe", "fignews", "penn")
TRAIN_ONLY = ("fakes-distant",)
DOMAINS = (*GOLD_DOMAINS, *TRAIN_ONLY)
#: FA-KES sentences drawn per distant class (loaded / not): about BABE's size (2,913) in all,
#: so the distant set does not outweigh the gold ones in a pooled fit.
DISTANT_PER_CLASS = 1500
#: Lexicons whose own-voice loaded hits make a FA-KES sentence "loaded" (the project's own).
DISTANT_LEXICONS = ("syria-2017", "news-generic")


def distant_fakes(raw: pd.DataFrame, *, per_class: int = DISTANT_PER_CLASS, random_state: int = 0
                  ) -> pd.DataFrame:
    """Distant labels on FA-KES sentences: 1 = one or more loaded lexicon hits in the outlet's
    own voice, 0 = no loaded hit in any voice; sentences with only quoted loaded hits are left
    out. The hit words themselves are cut from the text (as Go et al. 2009 strip the emoticons
    that made their labels), so a model must learn the words around them, not the seed list.

    Parameters
    ----------
    raw : DataFrame
        FA-KES as :func:`slant.corpus.load_dataset` returns it (``id``, ``outlet_name``, ``text``).

    Returns
    -------
    DataFrame
        ``SENTENCE_SET_COLUMNS`` (group = article), ``per_class`` rows of each label at most,
        drawn with ``random_state``; sorted by group then text.

    References
    ----------
    Spinde et al. (2021), BABE (distant pre-training on outlet-level labels); Go, Bhayani & Huang
    (2009), Twitter sentiment classification using distant supervision.
    """
    articles = pd.DataFrame({"id": raw["id"], "outlet": raw["outlet_name"], "camp": "unknown",
                             "wire_credit": "", "text": raw["text"], "language": "en"})
    hits = find_hits(articles, load_lexicons(list(DISTANT_LEXICONS)), n_jobs=1)
    index = index_texts(articles, n_jobs=1)
    sents = index.sentences.assign(id=articles["id"].to_numpy()[index.sentences["doc"].to_numpy()])
    loaded = hits[hits["loaded"]]
    own = set(zip(loaded.loc[loaded["voice"] == "own", "id"], loaded.loc[loaded["voice"] == "own", "sentence"]))
    anyl = set(zip(loaded["id"], loaded["sentence"]))
    key = list(zip(sents["id"], sents["sentence"]))
    label = np.array([1 if k in own else (0 if k not in anyl else -1) for k in key])
    spans = loaded.groupby("id")[["start", "end"]].apply(lambda f: list(zip(f["start"], f["end"]))).to_dict()
    texts = []
    for doc, ident, a, b in zip(sents["doc"], sents["id"], sents["start"], sents["end"]):
        text = index.texts[doc]
        cut = sorted((s, e) for s, e in spans.get(ident, []) if a <= s < b)
        pieces, pos = [], a
        for s, e in cut:
            pieces.append(text[pos:s])
            pos = max(pos, e)
        texts.append(" ".join(" ".join([*pieces, text[pos:b]]).split()))
    table = pd.DataFrame({"text": texts, "label": label, "group": sents["id"], "domain": "fakes-distant",
                          "language": "en"})
    table = table[(table["label"] >= 0) & table["text"].str.len().gt(20)]
    rng = np.random.default_rng(random_state)
    parts = [part.iloc[np.sort(rng.permutation(len(part))[:per_class])] for _, part in table.groupby("label")]
    out = pd.concat(parts).sort_values(["group", "text"], kind="stable")
    return out.reset_index(drop=True)[SENTENCE_SET_COLUMNS]


def load_domains(mirror: str | Path | None = None, *, cache=None, arabic: bool = False,
                 random_state: int = 0) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every training domain found, each read through the registry (sha256 checked).

    Parameters
    ----------
    mirror : path, optional
        The mirror (``../shared/corpora``; the datasets are found beside it).
    arabic : bool
        Add ``fignews-ar``: the FIGNEWS posts in their Arabic machine translation.

    Returns
    -------
    domains : dict of str to DataFrame
        In ``DOMAINS`` order, ``SENTENCE_SET_COLUMNS``; a domain not found is absent.
    notes : list of str
        One line per domain left out (and why) or rows skipped.

    References
    ----------
    Spinde et al. (2021), Findings of EMNLP (BABE); Zaghouani et al. (2024), ArabicNLP (FIGNEWS);
    Haider et al. (2025), arXiv:2509.25649 (Media Bias Detector).
    """
    mirror = Path(mirror) if mirror else None
    get = {"mirror": mirror, "cache": cache, "download": False, "progress": False}
    domains, notes = {}, []
    try:
        babe, _ = load_dataset("babe", **get)
        domains["babe"] = babe.assign(domain="babe", language="en")[[*SENTENCE_SET_COLUMNS, "biased_words"]]
    except CorpusError as exc:
        notes.append(f"babe: left out ({exc})")
    try:
        texts, issues = load_dataset("fignews-2024-texts", **get)
        votes, _ = load_dataset("fignews-2024-votes", **get)
        fignews, tied = join_fignews(texts, votes)
        domains["fignews"] = fignews[SENTENCE_SET_COLUMNS]
        notes.append(f"fignews: {len(issues)} posts skipped (fields shifted), {len(tied)} ties skipped")
        if arabic:
            domains["fignews-ar"] = join_fignews(texts, votes, language="ar")[0][SENTENCE_SET_COLUMNS]
    except CorpusError as exc:
        notes.append(f"fignews: left out ({exc})")
    try:
        raters = [load_dataset(f"penn-sentences-{i}", **get)[0] for i in (1, 2, 3)]
        penn, skipped = join_penn(raters)
        domains["penn"] = penn[SENTENCE_SET_COLUMNS]
        notes += [f"penn: {s['item']} skipped ({s['reason']})" for s in skipped]
    except CorpusError as exc:
        notes.append(f"penn: left out ({exc})")
    try:
        raw, _ = load_dataset("fa-kes", **get)
        domains["fakes-distant"] = distant_fakes(raw, random_state=random_state)
    except CorpusError as exc:
        notes.append(f"fakes-distant: left out ({exc})")
    order = [*DOMAINS, "fignews-ar"]
    return {k: domains[k] for k in order if k in domains}, notes
