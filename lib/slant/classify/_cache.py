"""Classify stage: the camp classifier's results cached by the content of their inputs.

Input: the :func:`camp_inputs` table and the parameters of a run. Output: a sha256 key
(:func:`content_key`) and the results stored under ``<cache>/camp-cv/<key>.pkl`` (joblib),
``<cache>`` being ``$SLANT_CACHE`` or ``~/.cache/slant`` (:func:`slant.corpus.default_cache`).
A second report on the same corpus reads them instead of refitting; a file that cannot be
read is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import sklearn

from .. import __version__
from ..corpus import default_cache

__all__ = ["CACHE_FOLDER", "cache_folder", "content_key", "load_cached", "store_cached"]

#: Folder of the camp classifier's results inside the cache root.
CACHE_FOLDER = "camp-cv"
#: The modules whose code makes the results: their text is part of the key, so that editing
#: the classifier never serves results of the code before the edit (the version alone would).
_CODE = ("_apply.py", "_camp.py", "_folds.py", "_features.py")


def content_key(inputs: pd.DataFrame, **parameters) -> str:
    """sha256 over the inputs (every column: ids, texts, outlets, camps, the target flag and
    the lexicon counts), the parameters, the versions of slant and scikit-learn and the code
    of the classifier's modules."""
    digest = hashlib.sha256()

    def add(data: bytes) -> None:
        # length-prefixed, so that ("ab", "c") and ("a", "bc") differ
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)

    add(json.dumps({"slant": __version__, "sklearn": sklearn.__version__,
                    "parameters": parameters}, sort_keys=True, default=str).encode())
    here = Path(__file__).parent
    for name in _CODE:
        add((here / name).read_bytes())
    add(str(len(inputs)).encode())
    for col in sorted(inputs.columns):
        add(col.encode())
        values = inputs[col]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            add(np.ascontiguousarray(values.to_numpy(dtype=np.float64)).tobytes())
        else:
            for value in values.astype(str):
                add(value.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cache_folder(cache) -> Path | None:
    """Where results are kept: ``True`` for ``<default_cache()>/camp-cv``, a path for that
    folder, ``False`` or ``None`` for nowhere."""
    if cache is None or cache is False:
        return None
    return default_cache() / CACHE_FOLDER if cache is True else Path(cache)


def load_cached(folder: Path | None, key: str, kind: type):
    """The stored result of ``key`` when it is there, readable and a ``kind``; else None
    (a truncated or foreign file is ignored: the caller computes and overwrites it)."""
    if folder is None:
        return None
    path = folder / f"{key}.pkl"
    if not path.is_file():
        return None
    try:
        value = joblib.load(path)
    except Exception:  # noqa: BLE001 - any unreadable file is a cache miss, never an error
        return None
    return value if isinstance(value, kind) else None


def store_cached(folder: Path | None, key: str, value) -> str:
    """Store ``value`` under ``key`` (written to a temporary file, then renamed, so that a
    reader never sees half a file); "" when stored, else why not (one line)."""
    if folder is None:
        return ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            tmp = Path(handle.name)
        joblib.dump(value, tmp)
        os.replace(tmp, folder / f"{key}.pkl")
    except OSError as exc:
        return f"results not cached in {folder} ({exc.strerror or exc}); the next run refits"
    return ""
