"""Classify stage, sentence model files and inputs: save, load (with checks), read, predict.

A model file is a joblib dump of ``{"model": fitted pipeline, "meta": {...}}``; ``meta`` holds
the training data's sha256 and name, the sentences it saw, and the versions of scikit-learn,
numpy and slant, checked on load. Inputs are CSV or JSONL files with a ``text`` column.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import warnings
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import sklearn

from .. import __version__ as slant_version
from ._errors import ClassifyError
from ._sentence_features import as_texts

__all__ = ["PREDICTION_COLUMNS", "file_sha256", "library_versions", "load_sentence_model",
           "predict_sentences", "read_sentences", "save_sentence_model"]

#: Columns a prediction adds to the input: 1 = loaded; probability of loaded.
PREDICTION_COLUMNS = ["label", "probability"]
#: Probability from which a sentence is predicted loaded.
THRESHOLD = 0.5


def file_sha256(path: str | Path) -> str:
    """sha256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def library_versions() -> dict[str, str]:
    """Versions a saved model depends on."""
    return {"sklearn": sklearn.__version__, "numpy": np.__version__, "slant": slant_version}


def save_sentence_model(model, path: str | Path, *, training_sha256: str, training_name: str,
                        sentences: int, extra: dict | None = None) -> Path:
    """Write a fitted model and its metadata (training sha256, library versions) with joblib."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"training_sha256": training_sha256, "training_name": training_name,
            "sentences": int(sentences), "versions": library_versions(), **(extra or {})}
    joblib.dump({"model": model, "meta": meta}, path)
    return path


def load_sentence_model(path: str | Path, *, training_sha256: str | None = None):
    """Read a model written by :func:`save_sentence_model` and check its metadata.

    Raises
    ------
    ClassifyError
        The file is missing or not a slant sentence model; ``training_sha256`` is given and
        differs; scikit-learn's version differs (a pickled pipeline may then compute otherwise).

    Warns
    -----
    UserWarning
        numpy's or slant's version differs from the one the model was saved with.
    """
    path = Path(path)
    if not path.is_file():
        raise ClassifyError(f"{path}: no such model file; fit one with `slant sentences fit "
                            f"BABE_CSV --model {path}`")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # sklearn's own version warning: checked below
            saved = joblib.load(path)
    # a truncated or foreign file: unpickling raises any of these
    except (OSError, EOFError, ValueError, KeyError, IndexError, AttributeError, ImportError,
            TypeError, pickle.UnpicklingError) as exc:
        raise ClassifyError(f"{path}: not a readable model file ({type(exc).__name__}: {exc}); "
                            "fit it again with `slant sentences fit`") from None
    if not isinstance(saved, dict) or set(saved) != {"model", "meta"}:
        raise ClassifyError(f"{path}: not a slant sentence model (no model and meta); fit one with "
                            "`slant sentences fit`")
    meta, now = saved["meta"], library_versions()
    if training_sha256 is not None and meta.get("training_sha256") != training_sha256:
        raise ClassifyError(f"{path}: fitted on data with sha256 {meta.get('training_sha256')}, not "
                            f"{training_sha256}; fit it again on that data")
    if meta["versions"].get("sklearn") != now["sklearn"]:
        raise ClassifyError(f"{path}: saved with scikit-learn {meta['versions'].get('sklearn')}, "
                            f"this is {now['sklearn']}; fit it again with `slant sentences fit`")
    changed = [f"{k} {meta['versions'].get(k)} (now {v})" for k, v in now.items()
               if k != "sklearn" and meta["versions"].get(k) != v]
    if changed:
        warnings.warn(f"{path}: saved with {', '.join(changed)}; predictions may differ: fit it "
                      "again with `slant sentences fit`", UserWarning, stacklevel=2)
    return saved["model"], meta


def read_sentences(path: str | Path) -> pd.DataFrame:
    """Read sentences to classify: CSV (``.csv``) or JSON Lines (``.jsonl``) with a ``text`` column.

    Raises
    ------
    ClassifyError
        Unknown extension, bytes that are not UTF-8 (with the line), an empty file, a JSONL line
        that is not a JSON object, or no ``text`` column.
    """
    path = Path(path)
    if path.suffix.lower() not in {".csv", ".jsonl"}:
        raise ClassifyError(f"{path}: unknown input type {path.suffix!r}; give a .csv or .jsonl "
                            "file with a 'text' column")
    data = path.read_bytes()
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ClassifyError(f"{path}:{line}: byte {data[exc.start]:#04x} at offset {exc.start} is "
                            "not UTF-8; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)") from None
    if not content.strip():
        raise ClassifyError(f"{path}: the file is empty; give one sentence per row in a 'text' column")
    if path.suffix.lower() == ".csv":
        import io

        table = pd.read_csv(io.StringIO(content), dtype=str, keep_default_na=False)
    else:
        rows = []
        for line_no, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ClassifyError(f"{path}:{line_no}: not JSON ({exc.msg}); one JSON object per "
                                    "line, e.g. {\"text\": \"...\"}") from None
            if not isinstance(row, dict):
                raise ClassifyError(f"{path}:{line_no}: not a JSON object; one object per line, "
                                    "e.g. {\"text\": \"...\"}")
            rows.append(row)
        table = pd.DataFrame(rows)
    if "text" not in table.columns:
        found = ", ".join(map(repr, table.columns)) or "none"
        raise ClassifyError(f"{path}:1: no 'text' column (columns: {found}); name the column of "
                            "sentences 'text'")
    return table


def predict_sentences(model, sentences: pd.DataFrame, *, threshold: float = THRESHOLD) -> pd.DataFrame:
    """The sentences with ``label`` (1 = loaded) and ``probability`` (of loaded) added."""
    proba = model.predict_proba(as_texts(sentences))[:, list(model.classes_).index(1)]
    return sentences.assign(label=(proba >= threshold).astype(int), probability=proba)
