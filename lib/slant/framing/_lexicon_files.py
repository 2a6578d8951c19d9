"""Framing stage, lexicon files: read the sources and mentions YAML into matchable lexicons.

Input: a bundled name (``sources``, ``mentions``: ``slant/data/<name>.yml``) or a YAML path.
Output: a table of items (one row per source or mention item, with its file and line) and a
:class:`slant.lexicons.Lexicon` whose entries are those rows, so the project's Aho-Corasick
matcher (:func:`slant.lexicons.match_lexicon`) finds every pattern of every item in one pass,
never one regular expression per item.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from ..lexicons import Lexicon, pattern_forms, read_marked_yaml
from ._errors import FramingError

__all__ = ["FramingLexiconError", "build_lexicon", "read_items"]

#: Keys every item may hold besides those a caller allows.
_PATTERN_KEYS = {"patterns", "exact", "exclude"}


class FramingLexiconError(FramingError):
    """A sources or mentions file is wrong; the message names the file, the line and the fix."""


def _resolve(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    if text in ("sources", "mentions"):
        with resources.as_file(resources.files("slant") / "data" / f"{text}.yml") as p:
            return Path(p)
    path = Path(text)
    if not path.is_file():
        raise FramingLexiconError(f"{path}: not found; give 'sources', 'mentions' or the path "
                                  "of a YAML file in their format (README)")
    return path


def read_items(name_or_path, *, group: str, keys: set[str], required: tuple[str, ...],
               top_keys: set[str]) -> tuple[dict, pd.DataFrame, Path]:
    """The file's top mapping, one row per item of its ``group`` list, and its path.

    Rows hold the item's keys, ``_patterns`` (list of (pattern, exact)), ``_exclude``,
    ``file`` and ``line``.

    Raises
    ------
    FramingLexiconError
        Bad YAML, an unknown key, a missing required key, a duplicate id or an empty pattern.
    """
    file = _resolve(name_or_path)
    data, lines = read_marked_yaml(file, FramingLexiconError)
    if not isinstance(data, dict) or not isinstance(data.get(group), list):
        raise FramingLexiconError(f"{file}:1: the file is a mapping with a '{group}:' list")
    unknown = sorted(set(data) - top_keys)
    if unknown:
        raise FramingLexiconError(f"{file}:{lines.get((unknown[0],), 1)}: unknown key "
                                  f"{unknown[0]!r}; allowed: {', '.join(sorted(top_keys))}")
    allowed = keys | _PATTERN_KEYS
    rows, seen = [], {}
    for i, item in enumerate(data[group]):
        line = lines.get((group, i), 1)
        if not isinstance(item, dict):
            raise FramingLexiconError(f"{file}:{line}: each entry of '{group}' is a mapping")
        bad = sorted(set(item) - allowed)
        if bad:
            raise FramingLexiconError(f"{file}:{lines.get((group, i, bad[0]), line)}: unknown key "
                                      f"{bad[0]!r}; allowed: {', '.join(sorted(allowed))}")
        for key in required:
            if not item.get(key):
                raise FramingLexiconError(f"{file}:{line}: this entry has no {key!r}; add "
                                          f"'{key}: ...'")
        if item["id"] in seen:
            raise FramingLexiconError(f"{file}:{line}: id {item['id']!r} is already used at "
                                      f"line {seen[item['id']]}; keep one entry per id")
        seen[item["id"]] = line
        lists = {}
        for key in _PATTERN_KEYS:
            values = item.get(key) or []
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                raise FramingLexiconError(f"{file}:{lines.get((group, i, key), line)}: {key} of "
                                          f"{item['id']!r} must be a list of non-empty strings")
            lists[key] = values
        if not lists["patterns"] and not lists["exact"]:
            raise FramingLexiconError(f"{file}:{line}: {item['id']!r} has no patterns; add "
                                      "'patterns: [...]' or 'exact: [...]'")
        row = {k: str(item.get(k) or "") for k in keys}
        row.update(_patterns=[(p, False) for p in lists["patterns"]] + [(p, True) for p in lists["exact"]],
                   _exclude=lists["exclude"], file=str(file), line=line)
        rows.append(row)
    return data, pd.DataFrame(rows), file


def build_lexicon(items: pd.DataFrame, *, label: str) -> Lexicon:
    """A :class:`Lexicon` whose entry ``k`` is row ``k`` of ``items``: patterns as written
    (no plurals made: list every form), excludes as losing entries.

    Raises
    ------
    FramingLexiconError
        One pattern under two items, or a pattern of nothing but punctuation.
    """
    seen: dict[tuple[str, bool], int] = {}
    rows = []
    for entry, item in enumerate(items.to_dict("records")):
        for raw, exact, sign in ([(p, e, 1) for p, e in item["_patterns"]]
                                 + [(p, False, -1) for p in item["_exclude"]]):
            try:
                forms, prefix = pattern_forms(raw, exact=exact, inflect=False)
            except ValueError as exc:
                raise FramingLexiconError(f"{item['file']}:{item['line']}: pattern {raw!r}: {exc}") from None
            key = (forms[0] + ("*" if prefix else ""), exact)
            if key in seen:
                if seen[key] == (entry if sign > 0 else -1 - entry):
                    continue  # the same item lists two spellings with one normal form
                other = items.iloc[seen[key] if seen[key] >= 0 else -1 - seen[key]]
                raise FramingLexiconError(
                    f"{item['file']}:{item['line']}: {raw!r} of {item['id']!r} matches the same words as a "
                    f"pattern of {other['id']!r} (line {other['line']}); keep it under one {label}")
            seen[key] = entry if sign > 0 else -1 - entry
            rows.append({"pattern": forms[0], "entry": seen[key], "prefix": prefix, "exact": exact})
    entries = items.drop(columns=["_patterns", "_exclude"]).reset_index(drop=True)
    entries.insert(0, "entry", range(len(entries)))
    return Lexicon(entries=entries, patterns=pd.DataFrame(rows, columns=["pattern", "entry", "prefix", "exact"]))
