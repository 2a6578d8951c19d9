"""Framing stage, generic frames for a report: the frame model fitted on Narrative Frames when
the mirror holds it (cached by content), else the indicator lists alone.

Input: the mirror (``../shared/corpora`` or ``$SLANT_MIRROR``) and a corpus's ``articles``.
Output: a :class:`FrameSource` (the fitted :class:`GenericFrameModel` or None, and one sentence
saying which it is and why), and per-article frames in ``FRAME_COLUMNS`` from either
(:func:`corpus_frames`). The fit (about two minutes on two cores) is stored under
``<cache>/frame-model/<key>.pkl``, the key a sha256 of the training texts and labels, the slant
version and the code and word lists that make the model; a second report reads it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import joblib
import numpy as np
import pandas as pd

from .. import __version__
from ..corpus import CorpusError, default_cache
from ._frame_indicators import GENERIC_FRAMES, indicator_hits, load_frame_indicators
from ._frames import FRAME_COLUMNS, GenericFrameModel, apply_frames, load_frame_gold

__all__ = ["FrameSource", "corpus_frames", "indicator_frames", "narrative_frame_model"]

#: Folder of the fitted frame model inside the cache root.
CACHE_FOLDER = "frame-model"
#: The files whose text is part of the cache key.
_CODE = ("_frames.py", "_frame_indicators.py")


@dataclass(frozen=True)
class FrameSource:
    """Where a report's frames come from: ``model`` (None: the indicator lists) and ``note``."""

    model: GenericFrameModel | None
    note: str

    @property
    def kind(self) -> str:
        """What decides "present", for a chart's title."""
        return "frame model" if self.model is not None else "indicator words"


def _key(articles: pd.DataFrame, labels: pd.DataFrame) -> str:
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    digest.update((resources.files("slant") / "data" / "frames" / "generic.yml").read_bytes())
    for text in articles["text"].astype(str):
        digest.update(len(text).to_bytes(8, "little") + text.encode("utf-8", "surrogatepass"))
    digest.update(np.ascontiguousarray(labels.to_numpy(dtype=np.uint8)).tobytes())
    return digest.hexdigest()


def _load(path: Path) -> GenericFrameModel | None:
    """The model stored at ``path``; None when absent, unreadable or of another kind (a miss)."""
    if not path.is_file():
        return None
    try:
        model = joblib.load(path)
    except Exception:  # noqa: BLE001 - an unreadable cache file is a miss, never an error
        return None
    return model if isinstance(model, GenericFrameModel) else None


def narrative_frame_model(*, mirror=None, cache: bool | str | Path = True) -> FrameSource:
    """The generic frame model fitted on all of Narrative Frames (Frermann et al. 2023) when the
    mirror holds it; else no model and a note saying why (the report then shows the indicator
    lists' frames, :func:`indicator_frames`). Nothing is downloaded.

    Parameters
    ----------
    mirror : str or Path, optional
        The local mirror (default ``$SLANT_MIRROR``).
    cache : bool, str or Path
        ``True``: ``<default cache>/frame-model``; a folder; ``False``: refit every time.
    """
    try:
        articles, labels, _ = load_frame_gold(mirror=mirror, download=False)
    except (CorpusError, OSError):
        return FrameSource(None, "No frame model: the Narrative Frames data is not in the mirror (none "
                                 "is set, or it holds no datasets/narrative-frames), and nothing is "
                                 "downloaded. Frames below are the indicator lists': an article has a "
                                 "frame when one of its words occurs.")
    folder = None if cache is False else (default_cache() / CACHE_FOLDER if cache is True else Path(cache))
    key = _key(articles, labels)
    note = (f"Frame model: fitted on Narrative Frames ({len(articles)} climate-change articles, "
            "Frermann et al. 2023); F1 under outlet-grouped CV in docs/frames.md. It was trained on "
            "climate news: read its shares on war news as indicative.")
    cached = _load(folder / f"{key}.pkl") if folder is not None else None
    if cached is not None:
        return FrameSource(cached, note + " (cached)")
    model = GenericFrameModel().fit(articles, labels)
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
                tmp = Path(handle.name)
            joblib.dump(model, tmp)
            os.replace(tmp, folder / f"{key}.pkl")
        except OSError:
            pass  # not cached: the next report refits
    return FrameSource(model, note)


def indicator_frames(articles: pd.DataFrame, indicators=None) -> pd.DataFrame:
    """Frames from the indicator lists alone: a frame is ``present`` when at least one of its
    words occurs in the article (``probability`` is the share of the article's frame hits that
    are this frame's; ``threshold`` NaN). A crude reading, for reports without the frame model.

    Returns
    -------
    DataFrame
        ``FRAME_COLUMNS``, sorted by id and frame order.
    """
    articles = articles.reset_index(drop=True)
    hits = indicator_hits(articles, indicators or load_frame_indicators())
    counts = (pd.crosstab(hits["doc"], hits["frame"]) if len(hits) else pd.DataFrame())
    counts = counts.reindex(index=range(len(articles)), columns=list(GENERIC_FRAMES), fill_value=0)
    total = counts.sum(axis=1).replace(0, np.nan)
    camp = articles["camp"].astype(str) if "camp" in articles else pd.Series("", index=articles.index)
    table = pd.DataFrame({"id": articles["id"].astype(str), "outlet": articles["outlet"].astype(str),
                          "camp": camp}).join(counts.div(total, axis=0).fillna(0.0))
    table = table.melt(id_vars=["id", "outlet", "camp"], value_vars=list(GENERIC_FRAMES),
                       var_name="frame", value_name="probability")
    table["present"] = table["probability"] > 0
    table["threshold"] = np.nan
    order = {f: i for i, f in enumerate(GENERIC_FRAMES)}
    table = table.sort_values(["id", "frame"], key=lambda s: s.map(order) if s.name == "frame" else s)
    return table[FRAME_COLUMNS].reset_index(drop=True)


def corpus_frames(articles: pd.DataFrame, source: FrameSource) -> pd.DataFrame:
    """Per-article frames (``FRAME_COLUMNS``): the model's where there is one, else the lists'."""
    return apply_frames(articles, source.model) if source.model is not None else indicator_frames(articles)
