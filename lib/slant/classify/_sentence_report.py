"""Classify stage, sentences in a corpus: fit (or reuse) the BABE model, predict every sentence,
and the share of sentences predicted loaded per outlet and camp.

Input: a corpus's ``articles`` (``id``, ``outlet``, ``camp``, ``text``). Output: one row per
sentence (``SENTENCE_PREDICTION_COLUMNS``) and one per group (``SHARE_COLUMNS``). The model is
trained on BABE, or on another labelled file (``TRAINING_COLUMNS``, read by
:func:`read_training_sentences`); it is cached under ``<cache>/models/``, keyed by the training
file's sha256 and the library versions, so a report fits it once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus import DATASETS, CorpusError, default_cache, fetch_dataset
from ..lexicons import load_lexicons
from ..text import index_texts
from ._domain_rule import MODEL_LANGUAGES, DomainVerdict, domain_verdict, measured_transfer
from ._errors import ClassifyError
from ._sentence_io import (
    THRESHOLD,
    file_sha256,
    library_versions,
    load_sentence_model,
    read_sentences,
    save_sentence_model,
)
from ._sentences import BEST_MODEL, make_sentence_model
from ._wordlists import load_wordlists

__all__ = [
    "SENTENCE_LEXICONS",
    "SENTENCE_PREDICTION_COLUMNS",
    "SHARE_COLUMNS",
    "TRAINING_COLUMNS",
    "SentenceReport",
    "babe_sentence_model",
    "evaluate_babe",
    "fit_sentence_model",
    "loaded_shares",
    "predict_corpus_sentences",
    "read_training_sentences",
    "report_sentences",
]

#: Bundled lexicons whose stance counts are features (fixed, so a model means the same anywhere).
SENTENCE_LEXICONS = ("syria-2017", "news-generic")
SENTENCE_PREDICTION_COLUMNS = ["id", "outlet", "camp", "is_target", "sentence", "start", "end",
                               "text", "probability", "label", "not_scored"]
SHARE_COLUMNS = ["group", "articles", "sentences", "loaded", "share", "share_low", "share_high"]
#: Bootstrap resamples over articles for the share's 95 % interval.
N_BOOT = 1000
#: Columns of a labelled training file besides BABE's own format: ``text``, ``label`` (1 loaded,
#: 0 not) and optionally ``group`` (the article: its sentences stay in one fold; a row without one
#: is a group of its own) and ``biased_words`` (BABE-style marks, used by ``marked-words-lr``).
TRAINING_COLUMNS = ["text", "label", "group"]
#: Labels a training file may write: 1 = loaded, 0 = not.
TRAINING_LABELS = {"1": 1, "0": 0}


def read_training_sentences(path: str | Path) -> pd.DataFrame:
    """Read labelled training sentences: a BABE label file (semicolon-separated, ``label_bias``)
    or a CSV / JSON Lines file (as :func:`read_sentences`) with ``TRAINING_COLUMNS``.

    Returns
    -------
    DataFrame
        ``text``, ``label`` (int), ``group`` (str; ``row-<n>`` where the file gives none), and
        ``biased_words`` when the file has it. BABE's "No agreement" rows are left out.

    Raises
    ------
    ClassifyError
        What :func:`read_sentences` refuses; no ``label`` column; no rows; a label other than 0
        or 1; an empty text; only one label in the file.
    """
    path = Path(path)
    if not path.is_file():
        raise ClassifyError(f"{path}: no such training file; give a CSV with columns text,label"
                            "[,group] (label 1 = loaded, 0 = not), or \"\" to train on BABE")
    head = path.read_bytes()[:4096].decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    if path.suffix.lower() == ".csv" and "label_bias" in head and ";" in head:
        try:
            babe, _ = DATASETS["babe"].reader(path, None)
        except CorpusError as exc:
            raise ClassifyError(str(exc)) from None
        return babe[["text", "label", "group", "biased_words"]]
    table = read_sentences(path)
    columns = ", ".join(map(repr, table.columns))
    if "label" not in table.columns:
        raise ClassifyError(f"{path}:1: no 'label' column (columns: {columns}); add a 'label' "
                            "column: 1 for a loaded sentence, 0 for a neutral one")
    rows = table.reset_index(drop=True)
    if rows.empty:
        raise ClassifyError(f"{path}: no sentences below the header; give one labelled sentence "
                            "per row")
    labels = rows["label"].map(lambda v: TRAINING_LABELS.get(str(v).strip()))
    bad = np.flatnonzero(labels.isna().to_numpy())
    if len(bad):
        i = bad[0]
        raise ClassifyError(f"{path}: row {i + 1} ({str(rows['text'][i])[:40]!r}): label "
                            f"{rows['label'][i]!r} is not 0 or 1; write 1 for a loaded sentence, "
                            "0 for a neutral one")
    empty = np.flatnonzero(rows["text"].map(lambda v: not str(v).strip()).to_numpy())
    if len(empty):
        raise ClassifyError(f"{path}: row {empty[0] + 1}: the text is empty; fill it in or drop "
                            "the row")
    if labels.nunique() < 2:
        raise ClassifyError(f"{path}: every sentence is labelled {int(labels.iloc[0])}; a model "
                            "needs both loaded (1) and neutral (0) sentences")
    given = (rows["group"].map(lambda v: str(v).strip()) if "group" in rows
             else pd.Series("", index=rows.index))
    out = pd.DataFrame({"text": rows["text"].map(str), "label": labels.astype("int64"),
                        "group": given.where(given.ne(""), [f"row-{i + 1}" for i in rows.index])})
    if "biased_words" in rows:
        out["biased_words"] = rows["biased_words"]
    return out


def _training_file(training, *, mirror=None, cache=None) -> tuple[Path, str]:
    """The training file (``training``, else BABE's training part) and how to name it.

    Raises
    ------
    CorpusError
        ``training`` is not given and BABE is not found.
    """
    if training:
        return Path(training), Path(training).name
    path = fetch_dataset("babe", mirror=Path(mirror) if mirror else None, cache=cache,
                         download=False, progress=False)
    return path, f"BABE's training part ({path.name})"


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


def babe_sentence_model(*, mirror=None, cache=None, model_path: str | Path | None = None,
                        training: str | Path | None = None):
    """The sentence model for a report: ``model_path`` if given, else the cached fit on
    ``training`` (see :func:`read_training_sentences`) or, without it, on BABE's training part;
    fitted now when the cache has none.

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
        path, name = _training_file(training, mirror=mirror, cache=cache)
    except CorpusError as exc:
        return None, f"BABE is not available, so there is no sentence model: {exc}"
    sentences = read_training_sentences(path)  # checked before a cached model is trusted
    sha = file_sha256(path)
    wordlists, missing = load_wordlists(mirror, cache=cache)
    key = "-".join([sha[:16], *library_versions().values(), f"lists{wordlists['list'].nunique()}"])
    cached = Path(cache or default_cache()) / "models" / f"sentences-{key}.joblib"
    note = f"fitted on {name}, sha256 {sha[:12]}…, {len(sentences):,} sentences"
    if cached.is_file():
        return load_sentence_model(cached, training_sha256=sha)[0], f"{note}, from the cache"
    model, missing = fit_sentence_model(sentences, mirror=mirror)
    save_sentence_model(model, cached, training_sha256=sha, training_name=path.name,
                        sentences=len(sentences), extra={"missing_wordlists": missing})
    return model, note + (f"; left out: {'; '.join(m.split(':')[0] for m in missing)}" if missing else "")


def predict_corpus_sentences(articles: pd.DataFrame, model, *, threshold: float = THRESHOLD,
                             languages=MODEL_LANGUAGES) -> pd.DataFrame:
    """Split every article into sentences once (`slant.text.index_texts`) and predict each.

    A sentence of an article whose ``language`` is not in ``languages`` (or unknown, "") is not
    scored: probability NaN, label <NA>, and ``not_scored`` says why (never a 0). Articles
    without a ``language`` column are taken to be in the model's first language.

    Returns
    -------
    DataFrame
        ``SENTENCE_PREDICTION_COLUMNS``, sorted by article order then sentence; ``label`` 1 =
        predicted loaded; ``not_scored`` "" for a scored sentence.
    """
    index = index_texts(articles)
    sents = index.sentences
    doc = sents["doc"].to_numpy()
    meta = articles.reset_index(drop=True)
    language = (meta["language"].fillna("").astype(str).to_numpy()[doc] if "language" in meta
                else np.full(len(doc), languages[0], dtype=object))
    scored = np.isin(language, list(languages))
    texts = [index.texts[d][a:b] for d, a, b in zip(sents["doc"], sents["start"], sents["end"])]
    proba = np.full(len(texts), np.nan)
    if scored.any():
        proba[scored] = model.predict_proba(np.array(texts, dtype=object)[scored])[:, 1]
    reason = np.where(scored, "", [f"language {lang or 'unknown'!r}: the model was trained on "
                                   f"{', '.join(languages)} only" for lang in language])
    is_target = meta["is_target"] if "is_target" in meta else pd.Series(False, index=meta.index)
    table = pd.DataFrame({
        "id": meta["id"].to_numpy()[doc], "outlet": meta["outlet"].to_numpy()[doc],
        "camp": meta["camp"].to_numpy()[doc], "is_target": is_target.to_numpy(dtype=bool)[doc],
        "sentence": sents["sentence"].to_numpy(), "start": sents["start"].to_numpy(),
        "end": sents["end"].to_numpy(), "text": texts, "probability": proba,
        "label": pd.array(np.where(scored, proba >= threshold, False).astype(int), dtype="Int64"),
        "not_scored": reason})
    table.loc[~scored, "label"] = pd.NA
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
    # a sentence not scored (another language) counts in no share
    predictions = predictions[predictions["probability"].notna()].astype({"label": "int64"})
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


def evaluate_babe(*, mirror=None, cache=None, n_folds: int = 5, training: str | Path | None = None):
    """The grouped cross-validation of every model of ``MODEL_NAMES`` on BABE's training part (or
    on ``training``, see :func:`read_training_sentences`), cached like the model (keyed by the
    data's sha256, the library versions and the folds).

    Returns
    -------
    results : DataFrame
        ``RESULT_COLUMNS`` (empty when BABE is not found).
    oof : DataFrame
        ``OOF_COLUMNS`` (empty when BABE is not found).
    note : str
        What was evaluated, or why nothing was.

    Raises
    ------
    ClassifyError
        ``training`` is malformed, or has fewer groups (articles) than ``n_folds``.
    """
    import joblib

    from ._sentences import OOF_COLUMNS, RESULT_COLUMNS, evaluate_sentence_models

    try:
        path, name = _training_file(training, mirror=mirror, cache=cache)
    except CorpusError as exc:
        return (pd.DataFrame(columns=RESULT_COLUMNS), pd.DataFrame(columns=OOF_COLUMNS),
                f"BABE is not available, so nothing was evaluated: {exc}")
    sentences = read_training_sentences(path)
    if sentences["group"].nunique() < n_folds:
        raise ClassifyError(f"{path}: {sentences['group'].nunique()} groups (articles), fewer than "
                            f"the {n_folds} folds of the cross-validation; give more groups in the "
                            "'group' column or fewer folds (sentence_cv_folds)")
    sha = file_sha256(path)
    wordlists, missing = load_wordlists(mirror, cache=cache)
    key = "-".join([sha[:16], *library_versions().values(), f"lists{wordlists['list'].nunique()}",
                    f"folds{n_folds}"])
    cached = Path(cache or default_cache()) / "models" / f"sentences-cv-{key}.joblib"
    note = (f"{name}, {n_folds} folds grouped by {'group' if training else 'news_link'}"
            + (f"; left out: {'; '.join(m.split(':')[0] for m in missing)}" if missing else ""))
    if cached.is_file():
        results, oof = joblib.load(cached)
        return results, oof, note
    results, oof = evaluate_sentence_models(
        sentences, lexicon=load_lexicons(list(SENTENCE_LEXICONS)),
        wordlists=wordlists if len(wordlists) else None, n_folds=n_folds)
    cached.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump((results, oof), cached)
    return results, oof, note


@dataclass
class SentenceReport:
    """What notebook 03 shows of the sentence classifier; empty tables without training data."""

    model_note: str
    cv_note: str
    results: pd.DataFrame
    misclassified: pd.DataFrame
    predictions: pd.DataFrame
    outlet_shares: pd.DataFrame
    camp_shares: pd.DataFrame
    available: bool = field(default=False)
    verdict: DomainVerdict | None = None  # may the shares be shown on this corpus (the rule)
    transfer: pd.DataFrame = field(default_factory=pd.DataFrame)  # the model's measured transfer

    @property
    def shares_shown(self) -> bool:
        """The shares are shown (with or without a caveat): a model, and the rule allows it."""
        return self.available and self.verdict is not None and self.verdict.decision != "left out"

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables a report writes, by file stem."""
        return {"sentence_cv_results": self.results, "sentence_predictions": self.predictions,
                "sentence_outlet_shares": self.outlet_shares, "sentence_camp_shares": self.camp_shares,
                "sentence_misclassified": self.misclassified}


def report_sentences(articles: pd.DataFrame, *, mirror=None, cache=None, model_path: str = "",
                     training: str = "", n_folds: int = 5, examples: int = 3,
                     max_chars: int = 200) -> SentenceReport:
    """Everything notebook 03 shows of the sentence classifier, in one call.

    The model is ``model_path`` when given, else the cached (or freshly fitted) model trained on
    ``training`` (labelled sentences, see :func:`read_training_sentences`) or, when it is "", on
    BABE; the grouped CV on the same data is cached too. Where neither the training data nor a
    model is available every table is empty (with its columns) and the notes say why.

    Raises
    ------
    ClassifyError
        ``training`` is malformed or has fewer groups than ``n_folds``.
    """
    from ._sentences import OOF_COLUMNS, misclassified_sentences

    results, oof, cv_note = evaluate_babe(mirror=mirror, cache=cache, n_folds=n_folds,
                                          training=training or None)
    model, model_note = babe_sentence_model(mirror=mirror, cache=cache,
                                            model_path=model_path or None, training=training or None)
    wrong = (misclassified_sentences(oof, top=examples, max_chars=max_chars) if len(oof)
             else pd.DataFrame(columns=[*OOF_COLUMNS, "error"]))
    if model is None:
        empty = pd.DataFrame(columns=SENTENCE_PREDICTION_COLUMNS)
        shares = pd.DataFrame(columns=SHARE_COLUMNS)
        return SentenceReport(model_note, cv_note, results, wrong, empty, shares, shares.copy())
    predictions = predict_corpus_sentences(articles, model)
    # the measured transfer describes the BABE model only: another model was never measured
    trained_on = "" if (model_path or training) else "babe"
    transfer = measured_transfer()
    verdict = domain_verdict(articles, transfer, model=BEST_MODEL, trained_on=trained_on)
    return SentenceReport(model_note, cv_note, results, wrong, predictions,
                          loaded_shares(predictions, by="outlet"), loaded_shares(predictions, by="camp"),
                          available=True, verdict=verdict,
                          transfer=transfer[(transfer["variant"] == BEST_MODEL)
                                            & (transfer["train"] == trained_on)].reset_index(drop=True))
