"""The outlet registry: who publishes, who owns it, which camp of the Syrian war it sits in.

The bundled registry (``slant/data/outlets.csv``, 148 publishers, every judgement with citations and
a confidence) is merged with a corpus's own ``outlets.csv``: a row with a known ``id`` overrides the
bundled cells it fills in (so a user can move an outlet to another camp), a new ``id`` adds an outlet.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pandas as pd

from ._errors import CorpusError
from ._model import OUTLET_COLUMNS

__all__ = [
    "CAMPS",
    "CONFIDENCE",
    "OWNERSHIP",
    "UNKNOWN_CAMP",
    "alias_index",
    "load_outlets",
    "resolve_outlet",
    "slugify",
]

#: Camps in the Syrian war, as defined in the README ("Outlet registry").
CAMPS = (
    "pro-government", "Iranian", "Russian", "opposition", "Kurdish/SDF", "Turkish", "Gulf",
    "Israeli", "Western", "other",
)
#: Camp given to articles whose outlet is not in the registry.
UNKNOWN_CAMP = "unknown"
OWNERSHIP = (
    "state", "public broadcaster", "private", "wire", "party or movement", "NGO or monitor",
    "blog or individual", "aggregator or reposting site", "academic or think tank",
)
CONFIDENCE = ("high", "medium", "low")
_REQUIRED = ("id", "name", "camp")


def slugify(name: str) -> str:
    """A lowercase id made of letters, digits and hyphens ("Press TV" -> "press-tv")."""
    return re.sub(r"[^0-9a-z]+", "-", str(name).casefold()).strip("-")


def _read(path, *, overrides: bool, camps: tuple[str, ...] = CAMPS) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise CorpusError(f"{path}: cannot read as UTF-8 CSV ({exc}); save it as UTF-8 CSV") from None
    unknown = sorted(set(table.columns) - set(OUTLET_COLUMNS))
    if unknown:
        raise CorpusError(
            f"{path}:1: unknown column {unknown[0]!r}; outlet columns are {', '.join(OUTLET_COLUMNS)}"
        )
    required = ("id",) if overrides else _REQUIRED
    for col in required:
        if col not in table.columns:
            raise CorpusError(f"{path}:1: no {col!r} column; add it (see README, 'Outlet registry')")
    for col in OUTLET_COLUMNS:
        if col not in table.columns:
            table[col] = ""
    table = table[OUTLET_COLUMNS].apply(lambda c: c.str.strip())
    for i, row in enumerate(table.itertuples(index=False), start=2):
        _check_row(row, path, i, overrides=overrides, camps=camps)
    dup = table["id"][table["id"].duplicated()]
    if not dup.empty:
        line = int(dup.index[0]) + 2
        raise CorpusError(f"{path}:{line}: outlet id {dup.iloc[0]!r} appears twice; keep one row")
    return table


def _check_row(row, path, line, *, overrides, camps=CAMPS):
    if not row.id:
        raise CorpusError(f"{path}:{line}: empty id; give the outlet a short id such as 'outlet-a'")
    if row.id != slugify(row.id) and "/" not in row.id:
        raise CorpusError(f"{path}:{line}: id {row.id!r} must be lowercase letters, digits and hyphens")
    checks = (("camp", camps), ("ownership", OWNERSHIP), ("confidence", CONFIDENCE))
    for col, allowed in checks:
        value = getattr(row, col)
        if value and value not in allowed:
            fix = ("; or declare the corpus's own camps in corpus.yml, e.g. camps: [left, right]"
                   if col == "camp" and overrides else "")
            raise CorpusError(
                f"{path}:{line}: {col} {value!r} of outlet {row.id!r} is not one of: {', '.join(allowed)}{fix}"
            )
    if not overrides and not row.camp:
        raise CorpusError(f"{path}:{line}: outlet {row.id!r} has no camp; use 'other' when none fits")


def load_outlets(overrides: str | Path | None = None, *, registry: str | Path | None = None,
                 camps: tuple[str, ...] | list[str] = ()) -> pd.DataFrame:
    """Load the outlet registry, with a corpus's overrides applied.

    Parameters
    ----------
    overrides : path, optional
        A corpus's ``outlets.csv``. Rows whose ``id`` is in the registry replace the cells they
        fill in (empty cells keep the registry's value); other rows add outlets, and then need
        ``name`` and ``camp``.
    registry : path, optional
        Another base registry instead of the bundled one.
    camps : list of str, optional
        The corpus's own camps (``camps:`` of corpus.yml: another conflict, left and right, ...):
        the camps ``overrides`` may use besides ``other``. Default: the Syrian war's ``CAMPS``.

    Returns
    -------
    DataFrame
        One row per outlet, columns ``OUTLET_COLUMNS``, sorted by id; a column ``overridden``
        lists the cells a corpus changed (``camp;citations``).

    Raises
    ------
    CorpusError
        Unknown column, camp, ownership or confidence, duplicate id; names file and line.
    """
    if registry is None:
        with resources.as_file(resources.files("slant") / "data" / "outlets.csv") as bundled:
            base = _read(bundled, overrides=False)
    else:
        base = _read(registry, overrides=False)
    base["overridden"] = ""
    if overrides is None:
        return base.sort_values("id", ignore_index=True)
    allowed = (*camps, "other") if camps else CAMPS
    extra = _read(overrides, overrides=True, camps=tuple(dict.fromkeys(allowed)))
    base = base.set_index("id")
    for line, row in enumerate(extra.itertuples(index=False), start=2):
        filled = {c: getattr(row, c) for c in OUTLET_COLUMNS if c != "id" and getattr(row, c)}
        if row.id in base.index:
            for col, value in filled.items():
                base.loc[row.id, col] = value
            base.loc[row.id, "overridden"] = ";".join(sorted(filled))
        else:
            missing = [c for c in ("name", "camp") if c not in filled]
            if missing:
                raise CorpusError(
                    f"{overrides}:{line}: new outlet {row.id!r} needs {' and '.join(missing)}; "
                    "fill them in, or use an id from the registry to override it"
                )
            base.loc[row.id] = {**{c: "" for c in base.columns}, **filled, "overridden": "new"}
    return base.reset_index().sort_values("id", ignore_index=True)


def alias_index(outlets: pd.DataFrame) -> dict[str, str]:
    """Map every casefolded id, name, alias and domain to its outlet id."""
    index: dict[str, str] = {}
    for row in outlets.itertuples(index=False):
        names = [row.id, row.name, row.domain, *row.aliases.split(" | ")]
        for name in names:
            key = name.strip().casefold()
            if key:
                index.setdefault(key, row.id)
    return index


def resolve_outlet(name: str, index: dict[str, str]) -> str | None:
    """The registry id of an outlet as a source names it, or None when unknown."""
    key = str(name).strip().casefold()
    return index.get(key) or index.get(slugify(key))
