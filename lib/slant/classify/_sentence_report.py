"""Classify stage, sentences in a corpus: fit (or reuse) the BABE model, predict every sentence,
and the share of sentences predicted loaded per outlet and camp.

Input: a corpus's ``articles`` (``id``, ``outlet``, ``camp``, ``text``). Output: one row per
sentence (``SENTENCE_PREDICTION_COLUMNS``) and one per group (``SHARE_COLUMNS``). The model fitted
from BABE is cached under ``<cache>/models/``, keyed by the training data's sha256 and the library
versions, so a report fits it once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import DATASETS, CorpusError, default_cache, fetch_dataset
from ..lexicons import load_lexicons
from ..text import index_texts
from ._sentence_io import (
    THRESHOLD,
    file_sha256,
    library_versions,
    load_sentence_model,
    save_sentence_model,
)
from ._sentences import BEST_MODEL, make_sentence_model
from ._wordlists import load_wordlists

__all__ = [
    "SENTENCE_LEXICONS",
    "SENTENCE_PREDICTION_COLUMNS",
    "SHARE_COLUMNS",
    "SentenceReport",
    "babe_sentence_model",
    "evaluate_babe",
    "fit_sentence_model",
    "loaded_shares",
    "predict_corpus_sentences",
    "report_sentences",
]

#: Bundled lexicons whose stance counts are features (fixed, so a model means the same anywhere).
SENTENCE_LEXICONS = ("syria-2017", "news-generic")
SENTENCE_PREDICTION_COLUMNS = ["id", "outlet", "camp", "is_target", "sentence", "start", "end",
                               "text", "probability", "label"]
SHARE_COLUMNS = ["group", "articles", "sentences", "loaded", "share", "share_low", "share_high"]
#: Bootstrap resamples over articles for the share's 95 % interval.
N_BOOT = 1000


def fit_sentence_model(sentences: pd.DataFrame, *, mirror=None, name: str = BEST_MODEL,
                       random_state: int = 0):
    """Fit the sentence model on labelled sentences (``text``, ``label``, and BABE's
    ``biased_words`` for the default model) with the bundled lexicons and the word lists found
    (see :func:`load_wordlists`).

    Returns
    -------
    model : fitted Pipeline
    missing : list of str
        Word lists not found, whose features were left out.
    """
    wordlists, missing = load_wordlists(mirror)
    model = make_sentence_model(name, lexicon=load_lexicons(list(SENTENCE_LEXICONS)),
                                wordlists=wordlists if len(wordlists) else None, random_state=random_state)
    columns = [c for c in ("text", "biased_words", "group") if c in sentences]
    x = (sentences[columns].reset_index(drop=True) if name == "marked-words-lr"
         else np.array(sentences["text"].tolist(), dtype=object))
    return model.fit(x, sentences["label"].to_numpy()), missing


def babe_sentence_model(*, mirror=None, cache=None, model_path: str | Path | None = None):
    """The sentence model for a report: ``model_path`` if given, else the cached fit on BABE's
    training part, fitted now when the cache has none.

    Returns
    -------
    model : fitted Pipeline or None
        None when no model is given and BABE is not found.
    note : str
        Where the model came from, or why there is none.
    """
    if model_path:
        model, meta = load_sentence_model(model_path)
        return model, f"model {model_path} (fitted on {meta['training_name']}, {meta['sentences']:,} sentences)"
    try:
        path = fetch_dataset("babe", mirror=Path(mirror) if mirror else None, cache=cache,
                             download=False, progress=False)
    except CorpusError as exc:
        return None, f"BABE is not available, so there is no sentence model: {exc}"
    sha = file_sha256(path)
    wordlists, missing = load_wordlists(mirror, cache=cache)
    key = "-".join([sha[:16], *library_versions().values(), f"lists{wordlists['list'].nunique()}"])
    cached = Path(cache or default_cache()) / "models" / f"sentences-{key}.joblib"
    note = f"fitted on BABE's training part ({path.name}, sha256 {sha[:12]}…)"
    if cached.is_file():
        return load_sentence_model(cached, training_sha256=sha)[0], f"{note}, from the cache"
    sentences, _ = DATASETS["babe"].reader(path, DATASETS["babe"])
    model, missing = fit_sentence_model(sentences, mirror=mirror)
    save_sentence_model(model, cached, training_sha256=sha, training_name=path.name,
                        sentences=len(sentences), extra={"missing_wordlists": missing})
    return model, note + (f"; left out: {'; '.join(m.split(':')[0] for m in missing)}" if missing else "")


def predict_corpus_sentences(articles: pd.DataFrame, model, *, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Split every article into sentences once (`slant.text.index_texts`) and predict each.

    Returns
    -------
    DataFrame
        ``SENTENCE_PREDICTION_COLUMNS``, sorted by article order then sentence; ``label`` 1 =
        predicted loaded.
    """
    index = index_texts(articles)
    sents = index.sentences
    texts = [index.texts[d][a:b] for d, a, b in zip(sents["doc"], sents["start"], sents["end"])]
    proba = model.predict_proba(np.array(texts, dtype=object))[:, 1] if texts else np.zeros(0)
    doc = sents["doc"].to_numpy()
    meta = articles.reset_index(drop=True)
    is_target = meta["is_target"] if "is_target" in meta else pd.Series(False, index=meta.index)
    table = pd.DataFrame({
        "id": meta["id"].to_numpy()[doc], "outlet": meta["outlet"].to_numpy()[doc],
        "camp": meta["camp"].to_numpy()[doc], "is_target": is_target.to_numpy(dtype=bool)[doc],
        "sentence": sents["sentence"].to_numpy(), "start": sents["start"].to_numpy(),
        "end": sents["end"].to_numpy(), "text": texts, "probability": proba,
        "label": (proba >= threshold).astype(int)})
    return table[SENTENCE_PREDICTION_COLUMNS]


def loaded_shares(predictions: pd.DataFrame, *, by: str = "outlet", n_boot: int = N_BOOT,
                  random_state: int = 0) -> pd.DataFrame:
    """Share of sentences predicted loaded per group, with a 95 % bootstrap interval over the
    group's articles (articles resampled, share = loaded sentences / sentences).

    Returns
    -------
    DataFrame
        ``SHARE_COLUMNS``, sorted by share (highest first), then group.
    """
    per_article = (predictions.groupby([by, "id"], sort=True)["label"].agg(["size", "sum"])
                   .reset_index())
    rng = np.random.default_rng(random_state)
    rows = []
    for group, part in per_article.groupby(by, sort=True):
        n, k = part["size"].to_numpy(), part["sum"].to_numpy()
        draws = rng.integers(0, len(part), size=(n_boot, len(part)))
        boot = k[draws].sum(axis=1) / np.maximum(n[draws].sum(axis=1), 1)
        low, high = np.percentile(boot, [2.5, 97.5])
        rows.append({"group": group, "articles": len(part), "sentences": int(n.sum()),
                     "loaded": int(k.sum()), "share": k.sum() / max(n.sum(), 1),
                     "share_low": float(low), "share_high": float(high)})
    table = pd.DataFrame(rows, columns=SHARE_COLUMNS)
    return table.sort_values(["share", "group"], ascending=[False, True], kind="stable").reset_index(drop=True)


def evaluate_babe(*, mirror=None, cache=None, n_folds: int = 5):
    """The grouped cross-validation of every model of ``MODEL_NAMES`` on BABE's training part,
    cached like the model (keyed by the data's sha256, the library versions and the folds).

    Returns
    -------
    results : DataFrame
        ``RESULT_COLUMNS`` (empty when BABE is not found).
    oof : DataFrame
        ``OOF_COLUMNS`` (empty when BABE is not found).
    note : str
        What was evaluated, or why nothing was.
    """
    import joblib

    from ._sentences import OOF_COLUMNS, RESULT_COLUMNS, evaluate_sentence_models

    try:
        path = fetch_dataset("babe", mirror=Path(mirror) if mirror else None, cache=cache,
                             download=False, progress=False)
    except CorpusError as exc:
        return (pd.DataFrame(columns=RESULT_COLUMNS), pd.DataFrame(columns=OOF_COLUMNS),
                f"BABE is not available, so nothing was evaluated: {exc}")
    sha = file_sha256(path)
    wordlists, missing = load_wordlists(mirror, cache=cache)
    key = "-".join([sha[:16], *library_versions().values(), f"lists{wordlists['list'].nunique()}",
                    f"folds{n_folds}"])
    cached = Path(cache or default_cache()) / "models" / f"sentences-cv-{key}.joblib"
    note = (f"BABE's training part ({path.name}), {n_folds} folds grouped by news_link"
            + (f"; left out: {'; '.join(m.split(':')[0] for m in missing)}" if missing else ""))
    if cached.is_file():
        results, oof = joblib.load(cached)
        return results, oof, note
    sentences, _ = DATASETS["babe"].reader(path, DATASETS["babe"])
    results, oof = evaluate_sentence_models(
        sentences, lexicon=load_lexicons(list(SENTENCE_LEXICONS)),
        wordlists=wordlists if len(wordlists) else None, n_folds=n_folds)
    cached.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump((results, oof), cached)
    return results, oof, note


@dataclass
class SentenceReport:
    """What notebook 03 shows of the sentence classifier; empty tables where BABE is absent."""

    model_note: str
    cv_note: str
    results: pd.DataFrame
    misclassified: pd.DataFrame
    predictions: pd.DataFrame
    outlet_shares: pd.DataFrame
    camp_shares: pd.DataFrame
    available: bool = field(default=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables a report writes, by file stem."""
        return {"sentence_cv_results": self.results, "sentence_predictions": self.predictions,
                "sentence_outlet_shares": self.outlet_shares, "sentence_camp_shares": self.camp_shares,
                "sentence_misclassified": self.misclassified}


def report_sentences(articles: pd.DataFrame, *, mirror=None, cache=None, model_path: str = "",
                     n_folds: int = 5, examples: int = 3, max_chars: int = 200) -> SentenceReport:
    """Everything notebook 03 shows of the sentence classifier, in one call.

    The model is ``model_path`` when given, else the cached (or freshly fitted) BABE model; the
    grouped CV on BABE is cached too. Where neither BABE nor a model is available every table is
    empty (with its columns) and the notes say why.
    """
    from ._sentences import OOF_COLUMNS, misclassified_sentences

    results, oof, cv_note = evaluate_babe(mirror=mirror, cache=cache, n_folds=n_folds)
    model, model_note = babe_sentence_model(mirror=mirror, cache=cache, model_path=model_path or None)
    wrong = (misclassified_sentences(oof, top=examples, max_chars=max_chars) if len(oof)
             else pd.DataFrame(columns=[*OOF_COLUMNS, "error"]))
    if model is None:
        empty = pd.DataFrame(columns=SENTENCE_PREDICTION_COLUMNS)
        shares = pd.DataFrame(columns=SHARE_COLUMNS)
        return SentenceReport(model_note, cv_note, results, wrong, empty, shares, shares.copy())
    predictions = predict_corpus_sentences(articles, model)
    return SentenceReport(model_note, cv_note, results, wrong, predictions,
                          loaded_shares(predictions, by="outlet"), loaded_shares(predictions, by="camp"),
                          available=True)
