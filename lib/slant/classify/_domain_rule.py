"""Classify stage, honest use: is a corpus in the sentence model's domain, and may its shares
be shown?

Input: a corpus's ``articles`` (``text``, ``language``) and the measured transfer table
(``TRANSFER_COLUMNS``; bundled as ``slant/data/sentence-transfer.csv``, written by
``python -m slant.classify._transfer``). Output: a :class:`DomainVerdict`: the nearest training
domain, the AUC the model measured there when it had not trained on it, and whether the
per-outlet shares are shown, shown with a caveat, or left out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import resources

import pandas as pd

__all__ = ["CAVEAT_AUC", "MODEL_LANGUAGES", "SHOW_AUC", "WAR_TERMS", "DomainVerdict", "domain_verdict",
           "measured_transfer", "nearest_domain"]

#: Words of war reporting (our own list: acts, arms and armed actors of any war, no names).
WAR_TERMS = ("army", "troops", "soldiers", "militants", "militia", "rebels", "fighters", "forces",
             "offensive", "airstrike", "airstrikes", "air strike", "shelling", "shells", "bombing",
             "missile", "missiles", "ceasefire", "war", "killed", "besieged", "siege", "insurgents")
#: A corpus is war news when at least this share of its articles hold 2 or more war terms.
#: Measured: 96 % of FA-KES's articles (Syrian war) hold 2+, 0.5 % of BABE's training sentences
#: (US politics): any cut between leaves both on their side; 0.5 is a plain majority.
WAR_SHARE, WAR_MIN_TERMS = 0.5, 2
#: The issue's bar: AUC 0.70 on held-out war news means the model learnt something that travels.
SHOW_AUC = 0.70
#: Below this AUC the ranking is near chance (BABE's model scored 0.47-0.60 on Ukraine-crisis
#: news, issue 20): the shares are left out, not shown with a caveat.
CAVEAT_AUC = 0.60
#: Languages the sentence model is trained on; a sentence in another is not scored.
MODEL_LANGUAGES = ("en",)
#: The training domain nearest to each corpus kind.
NEAREST = {"war news": "fignews", "other news": "babe"}
_WAR = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in WAR_TERMS) + r")\b", re.IGNORECASE)


def measured_transfer() -> pd.DataFrame:
    """The transfer matrix measured on ../shared (docs/sentence-model.md), bundled with slant."""
    with resources.as_file(resources.files("slant") / "data" / "sentence-transfer.csv") as path:
        return pd.read_csv(path)


def nearest_domain(articles: pd.DataFrame) -> tuple[str, float]:
    """The corpus's kind ("war news" or "other news") and the share of its articles that hold
    ``WAR_MIN_TERMS`` or more of ``WAR_TERMS``."""
    if not len(articles):
        return "other news", 0.0
    share = float(articles["text"].astype(str).map(lambda t: len(_WAR.findall(t)) >= WAR_MIN_TERMS).mean())
    return ("war news" if share >= WAR_SHARE else "other news"), share


@dataclass(frozen=True)
class DomainVerdict:
    """What the report may show of the sentence model's shares, and why."""

    kind: str  # "war news" or "other news"
    war_share: float  # share of articles with WAR_MIN_TERMS or more war terms
    nearest: str  # the training domain nearest to the corpus
    auc: float  # the model's AUC on ``nearest`` when it was not trained on it (NaN: unmeasured)
    decision: str  # "shown", "shown with caveat" or "left out"
    reason: str


def domain_verdict(articles: pd.DataFrame, transfer: pd.DataFrame, *, model: str,
                   trained_on: str = "babe") -> DomainVerdict:
    """The rule: a corpus's per-outlet shares are shown when the model's AUC on the training
    domain nearest to the corpus, measured with that domain held out (or by grouped CV when the
    model was trained on it), is at least ``SHOW_AUC`` over all of its 95 % interval (the lower
    bound, where the table has one); shown with a caveat when the AUC itself is at least
    ``CAVEAT_AUC``; left out below that or when it was never measured.

    Parameters
    ----------
    transfer : DataFrame
        ``TRANSFER_COLUMNS`` (:func:`measured_transfer`).
    model : str
        The ``variant`` rows of ``transfer`` that describe the model used.
    trained_on : str
        The ``train`` value of those rows (the model's training set).
    """
    kind, share = nearest_domain(articles)
    nearest = NEAREST[kind]
    rows = transfer[(transfer["variant"] == model) & (transfer["train"] == trained_on)
                    & (transfer["test"] == nearest)]
    auc = float(rows["auc"].iloc[0]) if len(rows) else float("nan")
    interval = (f", 95 % interval {rows['auc_low'].iloc[0]:.2f}-{rows['auc_high'].iloc[0]:.2f}"
                if len(rows) and {"auc_low", "auc_high"} <= set(rows.columns) else "")
    where = (f"{share:.0%} of the articles hold {WAR_MIN_TERMS}+ war terms: {kind}, nearest "
             f"training domain {nearest}")
    if math.isnan(auc):
        return DomainVerdict(kind, share, nearest, auc, "left out",
                             f"{where}; the model was never measured there, so its shares are left out")
    how = ("in domain, grouped CV" if nearest == trained_on else "held out") + interval
    low = float(rows["auc_low"].iloc[0]) if "auc_low" in rows else auc
    if low >= SHOW_AUC:
        decision, tail = "shown", f"AUC {auc:.2f}, all of its interval ≥ {SHOW_AUC}: the shares are shown"
    elif auc >= CAVEAT_AUC:
        decision, tail = "shown with caveat", (
            f"AUC {auc:.2f}, not all of its interval ≥ {SHOW_AUC}: the shares are shown with a "
            "caveat: compare outlets with each other, do not read them as rates of loaded language")
    else:
        decision, tail = "left out", (f"AUC {auc:.2f} < {CAVEAT_AUC}, near chance: the shares are "
                                      "left out")
    return DomainVerdict(kind, share, nearest, auc, decision, f"{where} ({how}); {tail}")
